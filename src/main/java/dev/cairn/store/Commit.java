package dev.cairn.store;

import dev.cairn.room.Projection;

import java.util.List;

/**
 * One atomic write of a room: {@code frames} are the events for seq expectedSeq+1, +2, ...;
 * {@code projections} are appended to the room's lists; {@code applied} raises each member's
 * applied-command counters; {@code snapshotJson} (or null) replaces the snapshot; {@code due}
 * records the room's earliest deadline afterwards in the set of due rooms: epoch millis, {@link #NOT_DUE}
 * to take the room out, or {@link #DUE_UNCHANGED}.
 */
public record Commit(String roomId, long expectedSeq, List<String> frames, List<Projection> projections,
                     List<Applied> applied, String snapshotJson, String due) {
    public static final String DUE_UNCHANGED = "";
    public static final String NOT_DUE = "-";

    /**
     * Commands of one member with one client tag in this commit: counters {@code min} to
     * {@code max}; the one with {@code max} ends at {@code seq}.
     */
    public record Applied(String memberId, String tag, long min, long max, long seq) {
    }
}
