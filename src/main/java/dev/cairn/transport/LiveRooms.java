package dev.cairn.transport;

import dev.cairn.bus.RoomBus;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One event loop's share of a node: the rooms it owns (loaded on first use, told what arrives on
 * their channels, let go when nobody has used them for a while) and the sockets it accepted
 * (whose rooms may be owned by another loop). Rooms are touched on this loop only.
 */
final class LiveRooms implements RoomBus.Listener {
    private static final long EVICT_AFTER_MS = 60_000;

    private Node node;
    private Loop loop;
    private final Map<String, LiveRoom> rooms = new HashMap<>();
    private final Map<String, Future<LiveRoom>> loading = new HashMap<>();
    /** Rooms being loaded: they already hear their channel, so nothing published after the read is lost. */
    private final Map<String, LiveRoom> arriving = new HashMap<>();
    /** Sockets this loop accepted; read by /health from any loop. */
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    void bind(Node node) {
        this.node = node;
        this.loop = node.loop();
    }

    Loop loop() {
        return loop;
    }

    /** The live room, loading it if needed; call on this loop only. Its future completes on this loop. */
    Future<LiveRoom> get(String roomId) {
        checkLoop();
        LiveRoom room = rooms.get(roomId);
        if (room != null) return Future.succeededFuture(room);
        Future<LiveRoom> pending = loading.get(roomId);
        if (pending != null) return pending;
        LiveRoom fresh = new LiveRoom(roomId, node);
        arriving.put(roomId, fresh);
        Future<LiveRoom> load = fresh.load().onComplete(done -> {
            loading.remove(roomId);
            arriving.remove(roomId);
            if (done.succeeded()) {
                rooms.put(roomId, fresh);
                node.metrics().roomLoaded();
            }
            else node.bus().unsubscribe(roomId);
        });
        loading.put(roomId, load);
        return load;
    }

    private void checkLoop() {
        if (Thread.currentThread() != loop.thread()) {
            throw new IllegalStateException("rooms of " + loop.thread().getName() + " used on "
                + Thread.currentThread().getName());
        }
    }

    void track(Connection connection) {
        connections.add(connection);
    }

    void forget(Connection connection) {
        connections.remove(connection);
    }

    int connectionCount() {
        return connections.size();
    }

    @Override
    public void onRoomMessage(String roomId, String payload) {
        loop.run(() -> {
            LiveRoom room = rooms.get(roomId);
            if (room == null) room = arriving.get(roomId);
            if (room != null) room.onBusPayload(payload);
        });
    }

    @Override
    public void onResubscribed() {
        loop.run(() -> {
            for (LiveRoom room : rooms.values()) {
                room.catchUp();
                room.refreshPresence();
            }
        });
    }

    /** Pings every socket this loop accepted and closes the silent and the stuck ones. */
    /** Tells every board this loop accepted whether changes can be saved now. */
    void storageChanged(boolean up) {
        String frame = Frames.storage(up);
        for (Connection c : new ArrayList<>(connections)) c.send(frame);
    }

    void heartbeat() {
        long now = node.now();
        for (Connection c : new ArrayList<>(connections)) c.heartbeat(now);
    }

    /**
     * Renews presence leases, sweeps expired ones, checks that each busy room's copy is still
     * Redis's, and drops rooms nobody has used for a while.
     */
    void tend() {
        long now = node.now();
        for (LiveRoom room : new ArrayList<>(rooms.values())) {
            if (room.idle() && now - room.idleSince > EVICT_AFTER_MS) {
                rooms.remove(room.id);
                node.metrics().roomEvicted();
                room.evicted();
                node.bus().unsubscribe(room.id);
            } else if (room.connectionCount() > 0) {
                room.tendPresence();
                room.verify();
            }
        }
    }

    /** Fires the deadlines of rooms the set of due rooms names (loading those nobody has open here). */
    void fireDue(RoomAffinity affinity) {
        node.store().dueRooms(node.now(), 100).onSuccess(ids -> {
            for (String id : ids) {
                affinity.withRoom(id, room -> {
                    room.fireDue();
                    return Future.succeededFuture();
                });
            }
        });
    }

    /** Closes every socket this loop accepted with "going away", so boards reconnect elsewhere at once. */
    Future<Void> closeAll() {
        List<Future<Void>> closing = new ArrayList<>();
        for (Connection c : new ArrayList<>(connections)) closing.add(c.close((short) 1001, "server shutting down"));
        return Future.join(closing).mapEmpty();
    }
}
