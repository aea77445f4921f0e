package dev.cairn.access;

import dev.cairn.room.RoomEvent;

/** Changes to the room's links. */
public sealed interface AccessEvent extends RoomEvent {

    /** {@code link} ({@code room} or {@code facilitator}) is now at {@code generation}; earlier ones are void. */
    record Rotated(String link, int generation) implements AccessEvent {
    }

    /**
     * Joining by the room link now asks for {@code passcode} (null: no passcode). Only facilitators
     * see the passcode; everyone else gets {@code ""} for "there is one" (and null for none).
     */
    record PasscodeSet(String passcode) implements AccessEvent {
    }
}
