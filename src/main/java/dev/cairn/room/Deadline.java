package dev.cairn.room;

/** A moment a module's part falls due: {@code id} names it to the module, {@code at} is epoch millis. */
public record Deadline(String id, long at) {
}
