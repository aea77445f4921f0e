package dev.cairn.store;

import java.util.List;

/** How a commit attempt ended. */
public sealed interface CommitResult {
    /** Written and published; the room is now at {@code seq}. */
    record Committed(long seq) implements CommitResult {
    }

    /**
     * The room is at {@code currentSeq}, not where the writer expected: {@code missed} holds the
     * frames after the expected seq, and {@code holdsTurn} says whether this writer now has the
     * next turn. A {@code currentSeq} below the expected one means Redis went backwards.
     */
    record Conflict(long currentSeq, List<String> missed, boolean holdsTurn) implements CommitResult {
    }

    /**
     * Commands of {@code memberId} with client tag {@code tag} up to {@code counter} were already
     * applied, the last of them ending at {@code seq}: acknowledge them, do not redo them.
     */
    record Duplicate(String memberId, String tag, long counter, long seq) implements CommitResult {
    }
}
