package dev.cairn.store;

import dev.cairn.room.Projection;

import java.util.List;

/**
 * One atomic write of a room: {@code frames} are the events for seq expectedSeq+1, +2, ...;
 * {@code projections} are appended to the room's lists; {@code applied} raises each member's
 * applied-command counters; {@code snapshotJson} (or null) replaces the snapshot; {@code due}
 * records the room's earliest deadline afterwards in the set of due rooms: epoch millis, {@link #NOT_DUE}
 * to take the room out, or {@link #DUE_UNCHANGED}. {@code archivedForms} is, per frame, the form the
 * archive keeps when it differs ({@link #SAME} otherwise): such a frame is sealed, its full form
 * kept apart until erased; {@code erased} are the seqs of sealed frames this commit erases.
 */
public record Commit(String roomId, long expectedSeq, List<String> frames, List<String> archivedForms,
                     List<Projection> projections, List<Applied> applied, String snapshotJson, String due,
                     List<Long> erased) {
    public static final String DUE_UNCHANGED = "";
    public static final String NOT_DUE = "-";
    /** An archived form equal to the frame: the event is archived as it is. */
    public static final String SAME = "";

    public Commit {
        if (archivedForms.size() != frames.size()) throw new IllegalArgumentException("one archived form per frame");
    }

    /** A commit with nothing sealed and nothing erased. */
    public static Commit plain(String roomId, long expectedSeq, List<String> frames, List<Projection> projections,
                               List<Applied> applied, String snapshotJson, String due) {
        return new Commit(roomId, expectedSeq, frames, java.util.Collections.nCopies(frames.size(), SAME), projections,
            applied, snapshotJson, due, List.of());
    }

    /**
     * Commands of one member with one client tag in this commit: counters {@code min} to
     * {@code max}; the one with {@code max} ends at {@code seq}.
     */
    public record Applied(String memberId, String tag, long min, long max, long seq) {
    }
}
