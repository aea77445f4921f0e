package dev.cairn.purpose;

import dev.cairn.room.RoomCommand;

import java.util.List;
import java.util.Map;

/** What members ask of the purpose. Targets are named by {@code targetId}: {@code id} is every command's message id. */
public sealed interface PurposeCommand extends RoomCommand {

    /** An ot-text operation made against the room as of event {@code seq}. */
    record Edit(Long seq, List<Object> op) implements PurposeCommand {
    }

    /**
     * Facilitator freezes or frees the draft. A lock takes effect after {@code graceSeconds}
     * (default {@link PurposeRules#LOCK_GRACE_SECONDS}, 0 = at once), so whoever is typing is warned
     * and finishes the word; unlocking also cancels a lock not in effect yet.
     */
    record Lock(Boolean locked, Integer graceSeconds) implements PurposeCommand {
    }

    /** Scores 1–5 on the three tests; comments keyed by test name, optional. */
    record Rate(Integer inspiring, Integer valuable, Integer measurable, Map<String, String> comments) implements PurposeCommand {
    }

    record AddTarget(String what, String baseline, String target, String due, String tracker) implements PurposeCommand {
    }

    /** Replaces a target's fields; {@code baseVersion}: the target's {@code version} the form was opened on. */
    record UpdateTarget(String targetId, String what, String baseline, String target, String due, String tracker,
                        Long baseVersion) implements PurposeCommand {
    }

    record MoveTarget(String targetId, Integer index) implements PurposeCommand {
    }

    record RemoveTarget(String targetId) implements PurposeCommand {
    }

    /** Facilitator hides everyone's ratings from everyone (themselves included) until they reveal them, or reveals them. */
    record RatingsVisibility(Boolean hidden) implements PurposeCommand {
    }

    /** Facilitator adopts the draft as it is at revision {@code rev}, which must be the current one. */
    record Adopt(Integer rev) implements PurposeCommand {
    }
}
