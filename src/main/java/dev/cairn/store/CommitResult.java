package dev.cairn.store;

/** How a commit attempt ended. */
public sealed interface CommitResult {
    /** Written and published; the room is now at {@code seq}. */
    record Committed(long seq) implements CommitResult {
    }

    /** The room had moved on to {@code currentSeq}: catch up and try again. */
    record Conflict(long currentSeq) implements CommitResult {
    }

    /** One of the commands was already applied, at {@code seq}: it must be acknowledged, not redone. */
    record Duplicate(String commandKey, long seq) implements CommitResult {
    }
}
