package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.presence.PresenceTracker;
import dev.cairn.protocol.Wire;
import dev.cairn.room.MembershipEvent;
import dev.cairn.room.Modules;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;
import dev.cairn.store.Commit;
import dev.cairn.store.LoadedRoom;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One node's live copy of one room, owned by one event loop: its replica, commit pipeline,
 * fan-out, presence and clock, and the sockets attached to it. Every method must be called on
 * that loop ({@link #checkOwner} says so loudly otherwise), and nothing here is handed to another
 * thread: Redis replies and pub/sub messages are brought back to it first.
 */
final class LiveRoom {
    private static final Logger LOG = Logger.getLogger(LiveRoom.class.getName());
    /** Most archived frames read in one catch-up step. */
    private static final int CATCH_UP_PAGE = 5000;
    private static final long RELOAD_AT_MOST_EVERY_MS = 1000;

    final String id;
    private final Node node;
    private final int window;
    private final Replica replica;
    private final Set<Connection> connections = new LinkedHashSet<>();
    /** Each member's message budget across all their boards, on every node (a socket has its own as well). */
    private final MemberBudgets memberBudgets;
    private final Delivery delivery;
    private final CommitPipeline pipeline;
    private final RoomPresence presence;
    private final Scheduler scheduler;
    private long highestSeen;
    private Future<Void> catchingUp;
    private Future<Void> reloading;
    private long lastReload = Long.MIN_VALUE / 2;
    /** Hellos between "room found" and "attached": the room must not be evicted under them. */
    private int arriving;
    long idleSince;

    LiveRoom(String id, Node node) {
        this.id = id;
        this.node = node;
        this.window = node.settings().limits().eventLogSize();
        this.replica = new Replica(id, window);
        this.delivery = new Delivery(node.loop(), connections, node);
        this.pipeline = new CommitPipeline(this, node);
        this.presence = new RoomPresence(this, node, connections);
        this.scheduler = new Scheduler(this, node);
        this.memberBudgets = new MemberBudgets(this, node);
        this.idleSince = node.now();
    }

    /** Throws unless called on the room's own event loop. */
    void checkOwner() {
        if (Thread.currentThread() != node.loop().thread()) {
            throw new IllegalStateException("room " + id + " touched on " + Thread.currentThread().getName()
                + ", it belongs to " + node.loop().thread().getName());
        }
    }

    /**
     * Subscribe first and wait for Redis to confirm, then read, so that nothing published in between
     * is missed. Fails (and the hello is answered {@code unavailable}) if Redis does not confirm in time.
     */
    Future<LiveRoom> load() {
        checkOwner();
        long timeout = node.settings().limits().redisTimeoutMillis();
        return here(node.bus().subscribe(id).timeout(timeout, java.util.concurrent.TimeUnit.MILLISECONDS)
            .compose(v -> node.store().load(id, window))).map(loaded -> {
            init(loaded);
            presence.refresh();
            return this;
        });
    }

    private void init(LoadedRoom loaded) {
        replica.init(loaded);
        pipeline.loaded(replica.seq());
        highestSeen = Math.max(highestSeen, loaded.seq());
        scheduler.cancel();
        scheduler.rearm(replica.state());
        if (highestSeen > replica.seq()) catchUp();
    }

    // ---- accessors for the room's parts ------------------------------------------------------

    Replica replica() {
        return replica;
    }

    Delivery delivery() {
        return delivery;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Loop loop() {
        return node.loop();
    }

    /** Whether commits may start: loaded, and not catching up or reloading. */
    boolean ready() {
        return replica.loaded() && catchingUp == null && reloading == null;
    }

    boolean idle() {
        return connections.isEmpty() && arriving == 0 && pipeline.idle();
    }

    int connectionCount() {
        return connections.size();
    }

    /** How many boards of this member this node holds in the room. */
    int boardsOf(String memberId) {
        checkOwner();
        int n = 0;
        for (Connection c : connections) if (memberId.equals(c.memberId())) n++;
        return n;
    }

    /** Whether the member has a board open in this room on another node, as presence last read. */
    boolean boardsElsewhere(String memberId) {
        return presence.boardsElsewhere(memberId);
    }

    /** Takes one message from the member's budget across their boards; false when it is spent. */
    boolean memberMayAct(String memberId, long now) {
        checkOwner();
        return memberBudgets.take(memberId, now);
    }

    // ---- sockets -------------------------------------------------------------------------------

    /** A hello found this room; until {@link #attach} or {@link #arrived}, the room stays live. */
    void arriving() {
        checkOwner();
        arriving++;
    }

    void arrived() {
        arriving--;
    }

    /**
     * Sends the socket what it lacks (the events after {@code lastSeq}, or a snapshot) and starts
     * live delivery. A board ahead of this node (it was served by a node that had seen more) waits
     * until this node has caught up.
     */
    void attach(Connection connection, long lastSeq) {
        checkOwner();
        connections.add(connection);
        if (lastSeq > replica.seq()) {
            catchUp().onComplete(v -> {
                if (connections.contains(connection)) bringUpToDate(connection, lastSeq);
            });
        } else {
            bringUpToDate(connection, lastSeq);
        }
        connection.send(Frames.presence(presence.online()));
        presence.join(connection);
    }

    private void bringUpToDate(Connection connection, long lastSeq) {
        Viewer viewer = connection.viewer(replica.state());
        if (lastSeq >= 0 && lastSeq <= replica.seq() && replica.canReplayFrom(lastSeq)) {
            List<Entry> missed = replica.after(lastSeq);
            if (!missed.isEmpty()) connection.send(Delivery.frameFor(missed, viewer));
        } else {
            connection.send(Frames.snapshot(Wire.encode(replica.state().viewFor(viewer)), replica.seq()));
        }
        connection.lastSent = replica.seq();
    }

    void detach(Connection connection) {
        checkOwner();
        if (connections.remove(connection)) {
            presence.leave(connection);
            if (connections.isEmpty()) idleSince = node.now();
        }
    }

    /** Publishes an ephemeral signal to every board of the room, on every node. */
    void signal(String json) {
        node.bus().publish(id, json);
    }

    // ---- what arrives from Redis -----------------------------------------------------------------

    void onBusPayload(String payload) {
        checkOwner();
        if (payload.equals(PresenceTracker.NOTICE)) {
            presence.refresh();
            return;
        }
        if (payload.startsWith("{")) {
            if (replica.loaded()) delivery.signal(payload, Wire.tree(payload).path("conn").asText());
            return;
        }
        // The frames exactly as committed (not re-serialized), so they compare equal to our own copy.
        List<String> jsons = Frames.splitArray(payload);
        List<JsonNode> frames = new ArrayList<>(jsons.size());
        for (String json : jsons) {
            JsonNode frame = Wire.tree(json);
            highestSeen = Math.max(highestSeen, frame.get("seq").asLong());
            frames.add(frame);
        }
        // While loading, catching up or reloading, what arrives is fetched from the archive afterwards.
        if (ready()) absorb(jsons, frames);
    }

    /**
     * Applies frames (in order; ones already held are checked and skipped) and delivers them.
     * Returns false when they did not fit: a gap starts a catch-up, different content for a seq
     * already held starts a reload.
     */
    boolean absorb(List<String> frames) {
        List<JsonNode> parsed = new ArrayList<>(frames.size());
        for (String json : frames) parsed.add(Wire.tree(json));
        return absorb(frames, parsed);
    }

    private boolean absorb(List<String> jsons, List<JsonNode> frames) {
        List<Entry> fresh = new ArrayList<>();
        for (int i = 0; i < jsons.size(); i++) {
            String json = jsons.get(i);
            JsonNode frame = frames.get(i);
            Replica.Fit fit = replica.offer(json, frame, fresh);
            if (fit == Replica.Fit.GAP) {
                deliverApplied(fresh);
                catchUp();
                return false;
            }
            if (fit == Replica.Fit.DIVERGED) {
                deliverApplied(fresh);
                reload("the frame for seq " + frame.get("seq").asLong() + " differs from this node's");
                return false;
            }
        }
        deliverApplied(fresh);
        return true;
    }

    /** Our own commit succeeded: apply what the bus has not brought yet, and deliver it. */
    void committed(List<Sequenced> events, List<String> frames) {
        List<Entry> fresh = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Sequenced event = events.get(i);
            if (event.seq() != replica.seq() + 1) continue;
            Entry entry = Entry.of(frames.get(i), event);
            replica.apply(entry);
            fresh.add(entry);
        }
        deliverApplied(fresh);
    }

    private void deliverApplied(List<Entry> fresh) {
        if (fresh.isEmpty()) return;
        delivery.events(fresh, replica.state());
        scheduler.rearm(replica.state());
        closeRemoved(fresh);
        presence.reconcile();
    }

    /** Closes this node's sockets of members a facilitator just removed: their token stops working at once. */
    private void closeRemoved(List<Entry> fresh) {
        for (Entry e : fresh) {
            if (!(e.event().event() instanceof MembershipEvent.MemberRemoved removed)) continue;
            for (Connection c : new ArrayList<>(connections)) {
                if (removed.memberId().equals(c.memberId())) {
                    detach(c);
                    c.removed(null);
                }
            }
        }
    }

    /** Reads from the archive whatever this copy missed, page by page. */
    Future<Void> catchUp() {
        checkOwner();
        if (reloading != null) return reloading;
        if (catchingUp != null) return catchingUp;
        long from = replica.seq();
        // Every seq seen before this read was committed before it, so the read must reach it.
        long target = highestSeen;
        // Read from our own newest seq, inclusive: Redis must still hold that very frame, or this
        // copy has diverged (Redis went backwards while we were not listening) and must reload.
        catchingUp = here(node.store().eventsAfter(id, Math.max(0, from - 1), CATCH_UP_PAGE)).compose(frames -> {
            if (from > 0 && (frames.isEmpty() || Wire.tree(frames.get(0)).get("seq").asLong() != from)) {
                return reload("Redis no longer holds this node's event " + from);
            }
            absorb(frames);
            return reloading != null ? reloading : Future.<Void>succeededFuture();
        });
        catchingUp.onComplete(done -> {
            catchingUp = null;
            if (done.failed()) LOG.warning("room " + id + ": catch-up failed: " + done.cause().getMessage());
            boolean behind = done.succeeded() && highestSeen > replica.seq() && reloading == null;
            if (behind && replica.seq() == from && target > from) {
                // Redis announced a seq its archive does not reach (damaged or foreign data): say
                // so once instead of asking again and again.
                LOG.severe("room " + id + ": Redis reports seq " + target + " but its archive ends at " + from);
                highestSeen = from;
                behind = false;
            }
            if (behind) catchUp();
            else pipeline.drain();
        });
        return catchingUp;
    }

    /**
     * This copy and Redis disagree (Redis went backwards, or another node wrote a different event
     * under a seq we hold): read the room afresh and give every board a new snapshot.
     */
    Future<Void> reload(String why) {
        checkOwner();
        if (reloading != null) return reloading;
        LOG.warning("room " + id + ": reloading from Redis: " + why);
        highestSeen = 0;
        Promise<Void> done = Promise.promise();
        reloading = done.future();
        // A room whose Redis data does not add up (a seq its archive cannot reach) would reload
        // again at once: reload it at most once a second, so it cannot hammer Redis.
        long wait = Math.max(0, lastReload + RELOAD_AT_MOST_EVERY_MS - node.now());
        Future<Void> pause = wait == 0 ? Future.succeededFuture() : here(node.vertx().timer(wait).mapEmpty());
        here(pause.compose(v -> {
            lastReload = node.now();
            return node.store().load(id, window);
        })).onComplete(loaded -> {
            if (loaded.succeeded()) {
                delivery.discardEvents();
                init(loaded.result());
                for (Connection c : connections) bringUpToDate(c, -1);
            } else {
                LOG.warning("room " + id + ": reload failed: " + loaded.cause().getMessage());
            }
            reloading = null;
            done.complete();
            pipeline.drain();
        });
        return reloading;
    }

    /**
     * Now and then: is this copy still Redis's? A copy behind (a missed publication) catches up;
     * one ahead, or holding another frame under its newest seq, reloads.
     */
    void verify() {
        checkOwner();
        if (!ready() || !replica.state().exists()) return;
        long seq = replica.seq();
        here(node.store().probe(id, seq)).onSuccess(probe -> {
            if (!ready() || replica.seq() != seq) return;
            Entry mine = replica.entry(seq);
            if (probe.seq() < seq || (probe.frameAtSeq() == null && mine != null)
                || (mine != null && !mine.json().equals(probe.frameAtSeq()))) {
                reload("Redis is at seq " + probe.seq() + " and its frame at " + seq + " is not this node's");
            } else if (probe.seq() > seq) {
                highestSeen = Math.max(highestSeen, probe.seq());
                catchUp();
            }
        });
    }

    // ---- commits, the clock, presence ------------------------------------------------------------

    Future<Long> submit(Submission submission) {
        checkOwner();
        return pipeline.submit(submission);
    }

    /** The set of due rooms named this room: fire what is due, or clear a stale entry. */
    void fireDue() {
        checkOwner();
        if (!ready()) return;
        if (!scheduler.dueNow()) {
            Modules.Due due = Modules.earliest(replica.state());
            node.store().setDue(id, replica.seq(), due == null ? Commit.NOT_DUE : Long.toString(due.deadline().at()));
        }
    }

    void refreshPresence() {
        presence.refresh();
    }

    void tendPresence() {
        presence.tend();
    }

    void evicted() {
        scheduler.cancel();
    }

    /**
     * The same outcome, delivered on this room's event loop: Redis replies may arrive on another
     * loop's thread, and a room's state is only ever touched by its own.
     */
    <T> Future<T> here(Future<T> future) {
        Promise<T> promise = Promise.promise();
        future.onComplete(result -> node.loop().run(() -> promise.handle(result)));
        return promise.future();
    }
}
