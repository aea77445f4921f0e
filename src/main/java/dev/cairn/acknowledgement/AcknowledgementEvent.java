package dev.cairn.acknowledgement;

import dev.cairn.room.RoomEvent;

/**
 * Changes to a room's acknowledgements; the author is the event's {@code by}. A draft's events reach
 * every board but its author's with every field null (same seq, nothing in it), and the archive keeps
 * them without their text.
 */
public sealed interface AcknowledgementEvent extends RoomEvent {

    record Drafted(String acknowledgementId, String text) implements AcknowledgementEvent {
    }

    /** {@code shared}: whether the acknowledgement was already shared (then the edit is public). */
    record Edited(String acknowledgementId, String text, boolean shared) implements AcknowledgementEvent {
    }

    /** The draft became public with its text as it is now. */
    record Shared(String acknowledgementId, String text) implements AcknowledgementEvent {
    }

    /** {@code shared}: whether it had been shared (else only its author ever saw it). */
    record Withdrawn(String acknowledgementId, boolean shared) implements AcknowledgementEvent {
    }
}
