package dev.cairn.room;

/** Who sends a command, under which client message id, and what the rules may look back on. */
public record Context(String actorId, String clientId, History history) {
}
