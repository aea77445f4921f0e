package dev.cairn.room;

/**
 * A change to a room. Each feature declares its own sealed family of events extending this one;
 * the room's sequence number and author travel in the {@link Sequenced} envelope.
 */
public interface RoomEvent {
}
