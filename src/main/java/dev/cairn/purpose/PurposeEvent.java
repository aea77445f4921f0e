package dev.cairn.purpose;

import dev.cairn.room.RoomEvent;

import java.util.List;
import java.util.Map;

/** Changes to a room's purpose. */
public sealed interface PurposeEvent extends RoomEvent {

    /** The draft changed by {@code op} (ot-text wire form), becoming revision {@code rev}; {@code cid} is the author's message id. */
    record Edited(String cid, int rev, List<Object> op) implements PurposeEvent {
    }

    /** Locked or unlocked now; ends a scheduled lock. */
    record LockChanged(boolean locked) implements PurposeEvent {
    }

    /** A facilitator ({@code by}) is locking the draft: participants' edits are accepted until {@code at} (epoch millis). */
    record LockScheduled(long at) implements PurposeEvent {
    }

    /**
     * A member's rating; {@code hidden} when given while ratings are hidden: then every other
     * viewer's copy has scores 0 and no comments until the facilitator reveals them.
     */
    record Rated(int rev, long churn, int textLength, int inspiring, int valuable, int measurable,
                 Map<String, String> comments, Boolean hidden) implements PurposeEvent {

        /** Events archived before ratings could be hidden have no {@code hidden}: they were visible. */
        public Rated {
            hidden = Boolean.TRUE.equals(hidden);
        }
    }

    /** Ratings are hidden from now on, or revealed: {@code revealed} holds every hidden rating in full. */
    record RatingsVisibilityChanged(boolean hidden, List<Rating> revealed) implements PurposeEvent {
    }

    record TargetAdded(Target target) implements PurposeEvent {
    }

    record TargetUpdated(Target target) implements PurposeEvent {
    }

    record TargetMoved(String id, int index) implements PurposeEvent {
    }

    record TargetRemoved(String id) implements PurposeEvent {
    }

    /** Revision {@code rev} with exactly {@code text} is the adopted purpose, by decision {@code decisionId} of the log. */
    record Adopted(int rev, String text, String decisionId) implements PurposeEvent {
    }
}
