package dev.cairn.access;

import dev.cairn.room.RoomCommand;

/** What facilitators ask about the room's links. */
public sealed interface AccessCommand extends RoomCommand {

    /** A facilitator makes a new room link or facilitator link; the old one stops working at once. */
    record Rotate(String link) implements AccessCommand {
    }

    /** A facilitator sets the passcode joining by the room link asks for, or clears it (null or empty). */
    record SetPasscode(String passcode) implements AccessCommand {
    }
}
