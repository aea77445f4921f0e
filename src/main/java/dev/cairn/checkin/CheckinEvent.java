package dev.cairn.checkin;

import dev.cairn.room.RoomEvent;

/** Changes to a room's check-ins. */
public sealed interface CheckinEvent extends RoomEvent {

    record Opened(Pulse checkin) implements CheckinEvent {
    }

    /**
     * A member's answer (its author is {@code by}) and how many have answered after it. Every board
     * but the author's gets it without {@code value} and {@code word}, and so does the archive.
     */
    record Answered(String checkinId, Integer value, String word, int answered) implements CheckinEvent {
    }

    /** The check-in closed into {@code result}: only the aggregate is left. */
    record Closed(Result result) implements CheckinEvent {
    }
}
