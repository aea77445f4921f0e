package dev.cairn.transport;

import dev.cairn.bus.RoomBus;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The rooms this event loop holds live: loads a room on first use, routes bus messages to it,
 * and lets it go when no socket has used it for a while.
 */
final class LiveRooms implements RoomBus.Listener {
    private static final long EVICT_AFTER_MS = 60_000;

    private Node node;
    private Loop loop;
    private final Map<String, LiveRoom> rooms = new HashMap<>();
    private final Map<String, Future<LiveRoom>> loading = new HashMap<>();
    /** Sockets this loop accepted (their rooms may be owned by another loop); touched from both. */
    private final Set<Connection> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();

    void bind(Node node, Loop loop) {
        this.node = node;
        this.loop = loop;
    }


    Loop loop() {
        return loop;
    }

    Future<LiveRoom> get(String roomId) {
        LiveRoom room = rooms.get(roomId);
        if (room != null) return Future.succeededFuture(room);
        Future<LiveRoom> pending = loading.get(roomId);
        if (pending != null) return pending;
        LiveRoom fresh = new LiveRoom(roomId, node);
        Future<LiveRoom> load = fresh.load().onComplete(done -> {
            loading.remove(roomId);
            if (done.succeeded()) rooms.put(roomId, fresh);
            else node.bus().unsubscribe(roomId);
        });
        loading.put(roomId, load);
        return load;
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

    /** Pings every socket and closes the silent ones. */
    void heartbeat() {
        long now = node.now();
        for (Connection c : new ArrayList<>(connections)) c.heartbeat(now);
    }

    /** Renews presence leases, sweeps expired ones, and drops rooms nobody has used for a while. */
    void tend() {
        long now = node.now();
        for (LiveRoom room : new ArrayList<>(rooms.values())) {
            if (room.idle() && now - room.idleSince > EVICT_AFTER_MS) {
                rooms.remove(room.id);
                node.bus().unsubscribe(room.id);
            } else if (!room.connections().isEmpty()) {
                room.tendPresence();
            }
        }
    }

    /** Closes every socket with "going away" so clients reconnect elsewhere at once. */
    void closeAll() {
        for (Connection c : new ArrayList<>(connections)) c.close((short) 1001, "server shutting down");
    }
}
