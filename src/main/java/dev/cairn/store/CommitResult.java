package dev.cairn.store;

/** How a commit attempt ended. */
public sealed interface CommitResult {
    /** Written and published; the room is now at {@code seq}. */
    record Committed(long seq) implements CommitResult {
    }

    /** The room had moved on to {@code currentSeq}; {@code missed} holds the frames since the expected seq. */
    record Conflict(long currentSeq, java.util.List<String> missed) implements CommitResult {
    }

    /** One of the commands was already applied, at {@code seq}: it must be acknowledged, not redone. */
    record Duplicate(String commandKey, long seq) implements CommitResult {
    }
}
