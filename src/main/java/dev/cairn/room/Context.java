package dev.cairn.room;

/**
 * Who sends a command, under which client message id, what the rules may look back on, and the
 * room clock's {@code now} (epoch millis) the command is decided at: the {@code at} its events get.
 */
public record Context(String actorId, String clientId, History history, long now) {

    /** A context at the wall clock's now, for rules that do not read the time. */
    public Context(String actorId, String clientId, History history) {
        this(actorId, clientId, history, System.currentTimeMillis());
    }
}
