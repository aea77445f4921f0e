package dev.cairn.store;

import java.util.List;

/**
 * A room as read from the store in one atomic step: its seq in Redis, its snapshot (or null), and
 * the archived frames from before the snapshot's seq (to fill a replay window) up to {@code seq}.
 */
public record LoadedRoom(long seq, String snapshotJson, List<String> frames) {
}
