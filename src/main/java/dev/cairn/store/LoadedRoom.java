package dev.cairn.store;

import java.util.List;

/** A room as read from the store: its snapshot (or null) and the newest log entries, oldest first. */
public record LoadedRoom(String snapshotJson, List<String> recentEvents) {
}
