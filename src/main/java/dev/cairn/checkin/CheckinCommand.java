package dev.cairn.checkin;

import dev.cairn.room.RoomCommand;

/** What members ask of check-ins (the trust pulse); {@code id} is every command's message id. */
public sealed interface CheckinCommand extends RoomCommand {

    /** A facilitator opens a check-in: one question on a scale from {@code min} to {@code max} (every field optional). */
    record Open(String question, Integer min, Integer max) implements CheckinCommand {
    }

    /** A member's anonymous answer with an optional word; a later one replaces theirs while it is open. */
    record Answer(String checkinId, Integer value, String word) implements CheckinCommand {
    }

    /** A facilitator closes the open check-in: the distribution is shown and every answer erased. */
    record Close(String checkinId) implements CheckinCommand {
    }
}
