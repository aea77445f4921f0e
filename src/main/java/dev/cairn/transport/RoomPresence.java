package dev.cairn.transport;

import dev.cairn.presence.PresenceTracker;
import dev.cairn.room.RoomRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who is online in one live room, as this node last read it from Redis, and the modules' record of
 * it (a meeting's attendance) kept in step with it. Runs on the room's loop.
 */
final class RoomPresence {
    private final LiveRoom room;
    private final Node node;
    private final Set<Connection> connections;
    private List<String> online = List.of();
    /** Members with a lease of a board on another node (or one of this node's that closed since the read). */
    private Set<String> elsewhere = Set.of();
    private boolean refreshing;
    private boolean dirty;
    /** Whether {@link #online} has been read at least once (before that, nobody is known to be here). */
    private boolean known;
    private boolean reconciling;
    /** The room's seq when the read of {@link #online} began: a list older than the state may be stale. */
    private long readAtSeq = -1;
    /** Whether the list was read again for the difference now waiting (at most once in a row). */
    private boolean reread;

    RoomPresence(LiveRoom room, Node node, Set<Connection> connections) {
        this.room = room;
        this.node = node;
        this.connections = connections;
    }

    List<String> online() {
        return online;
    }

    /** Whether, as last read, the member has a board open in the room on another node. */
    boolean boardsElsewhere(String memberId) {
        return elsewhere.contains(memberId);
    }

    private Set<String> elsewhere(List<String> leases) {
        Set<String> here = new java.util.HashSet<>();
        for (Connection c : connections) here.add(c.presenceEntry());
        Set<String> out = new java.util.HashSet<>();
        for (String lease : leases) if (!here.contains(lease)) out.add(PresenceTracker.memberOf(lease));
        return out;
    }

    /** Each attached socket's lease write, so its removal is never sent before it (pooled connections may reorder). */
    private final java.util.Map<Connection, io.vertx.core.Future<Void>> joins = new java.util.HashMap<>();

    void join(Connection c) {
        joins.put(c, node.presence().join(room.id, c.presenceEntry()));
    }

    void leave(Connection c) {
        io.vertx.core.Future<Void> joined = joins.remove(c);
        if (joined == null) {
            node.presence().leave(room.id, c.presenceEntry());
        } else {
            joined.onComplete(done -> node.presence().leave(room.id, c.presenceEntry()));
        }
    }

    /** Re-reads who is online; coalesces overlapping requests and pushes the list only when it changed. */
    void refresh() {
        if (refreshing) {
            dirty = true;
            return;
        }
        refreshing = true;
        long seqAtRead = room.replica().loaded() ? room.replica().seq() : -1;
        room.here(node.presence().leases(room.id)).onComplete(done -> {
            refreshing = false;
            if (done.succeeded()) {
                known = true;
                readAtSeq = seqAtRead;
                elsewhere = elsewhere(done.result());
                List<String> members = PresenceTracker.memberIds(done.result());
                if (!members.equals(online)) {
                    online = members;
                    String frame = Frames.presence(online);
                    for (Connection c : connections) c.send(frame);
                }
            }
            if (dirty) {
                dirty = false;
                refresh();
            } else {
                reconcile();
            }
        });
    }

    /**
     * Commits what the modules draw from who is online (a meeting's attendance) when the room's
     * state does not record it yet: after the list changed, and after the state did (a meeting
     * that just started lists who is here). As the system, one submission at a time, and never
     * while a fresher list is being read: a commit of another node that follows its notice of a
     * change would otherwise meet this node's older list and undo what it recorded. Every node
     * does this; the rules emit only what differs, so one change commits once.
     */
    void reconcile() {
        if (!known || refreshing || reconciling || !room.replica().loaded()) return;
        Set<String> ids = Set.copyOf(online);
        if (node.rules().presence(room.replica().state(), ids, node.now()).isEmpty()) {
            reread = false;
            return;
        }
        if (room.replica().seq() > readAtSeq && !reread) {
            // The state moved on since this list was read (another node may have committed what it
            // read later, its notice still on the way): read again before committing a difference,
            // or an older list would undo it and the same change would be recorded twice.
            reread = true;
            refresh();
            return;
        }
        reread = false;
        reconciling = true;
        room.submit(Submission.of(RoomRules.SYSTEM, null,
            (state, history) -> node.rules().presence(state, ids, node.now()))).onComplete(done -> {
                reconciling = false;
                if (done.succeeded()) reconcile();
            });
    }

    /**
     * Renews this node's leases and sweeps out expired ones of any node. A lease that had already
     * expired (the node paused longer than a lease) is written again for the sockets still open.
     */
    void tend() {
        List<String> entries = new ArrayList<>();
        for (Connection c : connections) entries.add(c.presenceEntry());
        node.presence().renew(room.id, entries).onComplete(renewed -> room.loop().run(() -> {
            if (renewed.succeeded() && renewed.result() < entries.size()) {
                for (Connection c : connections) joins.put(c, node.presence().join(room.id, c.presenceEntry()));
            }
            node.presence().sweep(room.id);
        }));
    }
}
