package dev.cairn.store;

import io.vertx.core.Future;

import java.util.List;
import java.util.Map;

/** Where rooms live: the event log, the snapshot, and the applied-command marks. */
public interface RoomStore {

    /**
     * Appends {@code events} (frames for seq expectedSeq+1, +2, ...) only if the room is still at
     * {@code expectedSeq} and none of {@code commandMarks} exists yet; appends {@code history}
     * entries to the room's permanent history; writes the marks and, when given, the snapshot;
     * publishes the events on the room channel as one JSON array. Atomic.
     */
    Future<CommitResult> commit(String roomId, long expectedSeq, List<String> events, List<String> history,
                                Map<String, Long> commandMarks, String snapshotJson);

    /** Up to {@code count} entries of the permanent history from index {@code from} (0 = first). */
    Future<List<String>> history(String roomId, long from, long count);

    /** The snapshot and up to {@code limit} newest log entries. */
    Future<LoadedRoom> load(String roomId, int limit);

    /** Log entries with seq greater than {@code afterSeq}, oldest first. */
    Future<List<String>> eventsAfter(String roomId, long afterSeq);

    /** The seq recorded for each command mark that exists; absent keys are left out. */
    Future<Map<String, Long>> findMarks(List<String> markKeys);
}
