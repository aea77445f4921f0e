package dev.cairn.access;

import dev.cairn.room.RoomEvent;

/** Changes to the room's links. */
public sealed interface AccessEvent extends RoomEvent {

    /** {@code link} ({@code room} or {@code facilitator}) is now at {@code generation}; earlier ones are void. */
    record Rotated(String link, int generation) implements AccessEvent {
    }
}
