package dev.cairn.room;

/** One entry a commit appends to a room's named list, atomically with its events. */
public record Projection(String list, String value) {
}
