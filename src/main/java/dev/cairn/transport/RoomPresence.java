package dev.cairn.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Who is online in one live room, as this node last read it from Redis. Runs on the room's loop. */
final class RoomPresence {
    private final LiveRoom room;
    private final Node node;
    private final Set<Connection> connections;
    private List<String> online = List.of();
    private boolean refreshing;
    private boolean dirty;

    RoomPresence(LiveRoom room, Node node, Set<Connection> connections) {
        this.room = room;
        this.node = node;
        this.connections = connections;
    }

    List<String> online() {
        return online;
    }

    void join(Connection c) {
        node.presence().join(room.id, c.presenceEntry());
    }

    void leave(Connection c) {
        node.presence().leave(room.id, c.presenceEntry());
    }

    /** Re-reads who is online; coalesces overlapping requests and pushes the list only when it changed. */
    void refresh() {
        if (refreshing) {
            dirty = true;
            return;
        }
        refreshing = true;
        room.here(node.presence().online(room.id)).onComplete(done -> {
            refreshing = false;
            if (done.succeeded() && !done.result().equals(online)) {
                online = done.result();
                String frame = Frames.presence(online);
                for (Connection c : connections) c.send(frame);
            }
            if (dirty) {
                dirty = false;
                refresh();
            }
        });
    }

    /** Renews this node's leases and sweeps out expired ones of any node. */
    void tend() {
        List<String> entries = new ArrayList<>();
        for (Connection c : connections) entries.add(c.presenceEntry());
        node.presence().renew(room.id, entries).compose(v -> node.presence().sweep(room.id));
    }
}
