package dev.cairn.purpose;

import dev.cairn.room.RoomEvent;

import java.util.List;
import java.util.Map;

/** Changes to a room's purpose. */
public sealed interface PurposeEvent extends RoomEvent {

    /** The draft changed by {@code op} (ot-text wire form), becoming revision {@code rev}; {@code cid} is the author's message id. */
    record Edited(String cid, int rev, List<Object> op) implements PurposeEvent {
    }

    record LockChanged(boolean locked) implements PurposeEvent {
    }

    record Rated(int rev, long churn, int textLength, int inspiring, int valuable, int measurable,
                 Map<String, String> comments) implements PurposeEvent {
    }

    record TargetAdded(Target target) implements PurposeEvent {
    }

    record TargetUpdated(Target target) implements PurposeEvent {
    }

    record TargetMoved(String id, int index) implements PurposeEvent {
    }

    record TargetRemoved(String id) implements PurposeEvent {
    }

    record Adopted(int rev, String text) implements PurposeEvent {
    }
}
