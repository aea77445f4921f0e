package dev.cairn.record;

import dev.cairn.room.Viewer;
import dev.cairn.store.RoomStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Builds a room's record from its whole archive (not the live room's replay window): pages of
 * {@link RoomStore#eventsAfter} are read one after another and folded on a worker thread, so a
 * long archive never holds up an event loop. Touches no live room: only reads of the store.
 */
public final class RecordReader {
    /** Archived frames read per call. */
    static final int PAGE = 1000;

    private final Vertx vertx;
    private final RoomStore store;

    public RecordReader(Vertx vertx, RoomStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    /**
     * The record of meeting {@code meetingId} (null: the whole room) as {@code viewer} may see it,
     * generated at {@code now}; fails with {@code not_found} for a meeting the room never held.
     */
    public Future<RoomRecord> read(String roomId, Viewer viewer, String meetingId, long now) {
        RecordFold fold = new RecordFold(roomId, viewer, meetingId);
        return pages(roomId, fold).compose(v -> vertx.executeBlocking(() -> fold.result(now), false));
    }

    private Future<Void> pages(String roomId, RecordFold fold) {
        return store.eventsAfter(roomId, fold.seq(), PAGE)
            .compose(frames -> vertx.executeBlocking(() -> {
                fold.accept(frames);
                return frames.size();
            }, false))
            .compose(read -> read < PAGE ? Future.succeededFuture() : pages(roomId, fold));
    }
}
