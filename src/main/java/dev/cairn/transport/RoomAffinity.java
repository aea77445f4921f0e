package dev.cairn.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.function.Function;

/**
 * Keeps each room's work on one event loop of the node: a room belongs to the loop its id hashes
 * to, whichever loop accepted the socket or the HTTP request. Two loops holding the same room live
 * would race each other for every commit like two nodes do. No loop listens before every loop has
 * registered, so a room's owner never changes while the node runs.
 */
public final class RoomAffinity {
    private final LiveRooms[] loops;
    private final Promise<Void> ready = Promise.promise();
    private int registered;

    public RoomAffinity(int loopCount) {
        this.loops = new LiveRooms[loopCount];
    }

    synchronized void register(LiveRooms rooms) {
        loops[registered++] = rooms;
        if (registered == loops.length) ready.complete();
    }

    /** Completes once every loop has registered (on the thread of the last one). */
    Future<Void> ready() {
        return ready.future();
    }

    /** Whether this is the first registered loop (it runs the node-wide chores). */
    synchronized boolean first(LiveRooms rooms) {
        return loops[0] == rooms;
    }

    LiveRooms owner(String roomId) {
        return loops[Math.floorMod(roomId.hashCode(), loops.length)];
    }

    /**
     * Runs {@code task} with the live room on its owner loop (loading it first). The room never
     * leaves that loop: {@code task} must return a value another thread may hold (a state, a seq).
     */
    <T> Future<T> withRoom(String roomId, Function<LiveRoom, Future<T>> task) {
        LiveRooms owner = owner(roomId);
        Promise<T> result = Promise.promise();
        owner.loop().run(() -> owner.get(roomId).compose(task).onComplete(result));
        return result.future();
    }

    /** Open sockets on every loop of the node. */
    public int connectionCount() {
        int total = 0;
        for (LiveRooms rooms : loops) if (rooms != null) total += rooms.connectionCount();
        return total;
    }

    /** Runs {@code task} on {@code loop}, or right here while a connection has no room yet. */
    static void on(Loop loop, Runnable task) {
        if (loop == null) task.run();
        else loop.run(task);
    }
}
