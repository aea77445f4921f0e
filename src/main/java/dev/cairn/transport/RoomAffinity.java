package dev.cairn.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps each room's work on one event loop of the node: a room belongs to the loop its id hashes
 * to, whichever loop accepted the socket or the HTTP request. Two loops holding the same room live
 * would race each other for every commit like two nodes do.
 */
public final class RoomAffinity {
    private final List<LiveRooms> loops = new CopyOnWriteArrayList<>();

    void register(LiveRooms rooms) {
        loops.add(rooms);
    }

    LiveRooms owner(String roomId) {
        return loops.get(Math.floorMod(roomId.hashCode(), loops.size()));
    }

    /** The live room, loaded on its owner loop; the future's callbacks run on that loop. */
    Future<LiveRoom> room(String roomId) {
        LiveRooms owner = owner(roomId);
        if (Thread.currentThread() == owner.loop().thread()) return owner.get(roomId);
        Promise<LiveRoom> promise = Promise.promise();
        owner.loop().run(() -> owner.get(roomId).onComplete(promise));
        return promise.future();
    }

    /** Runs {@code task} on {@code loop}, or right here while a connection has no room yet. */
    static void on(Loop loop, Runnable task) {
        if (loop == null) task.run();
        else loop.run(task);
    }
}
