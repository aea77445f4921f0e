package dev.cairn.room;

/** An event as committed: the room's sequence number, when, and by which member (or "system"). */
public record Sequenced(long seq, long at, String by, RoomEvent event) {
}
