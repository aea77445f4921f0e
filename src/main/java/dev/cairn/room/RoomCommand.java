package dev.cairn.room;

/** Something a member asks the room to do. Each feature declares its own sealed family. */
public interface RoomCommand {
}
