package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.presence.PresenceTracker;
import dev.cairn.purpose.PurposeEvent;
import dev.cairn.room.History;
import dev.cairn.protocol.Wire;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.store.CommitResult;
import dev.cairn.store.LoadedRoom;
import dev.cairn.store.RoomKeys;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * This event loop's live copy of one room: its state, the newest events for resuming clients, the
 * sockets attached to it, and the queue of changes to commit. Everything here runs on one event
 * loop, so no locks; Redis decides the order between nodes.
 */
final class LiveRoom {
    private static final Logger LOG = Logger.getLogger(LiveRoom.class.getName());
    private static final int MAX_BATCH = 64;
    private static final int MAX_ATTEMPTS = 40;
    private static final int SNAPSHOT_EVERY = 100;

    /** One committed event, decoded and as its frame, kept for replay and for rules that look back. */
    record Entry(long seq, String json, Sequenced event) {
    }

    final String id;
    private final Node node;
    private final int ringSize;
    private RoomState state;
    private final ArrayDeque<Entry> recent = new ArrayDeque<>();
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final ArrayDeque<Submission> queue = new ArrayDeque<>();
    private final List<Entry> outbox = new ArrayList<>();
    private final List<Runnable> afterFlush = new ArrayList<>();
    private boolean flushScheduled;
    private boolean committing;
    private long snapshotSeq;
    private long highestSeen;
    private Future<Void> catchingUp;
    private List<String> online = List.of();
    private boolean presenceRefreshing;
    private boolean presenceDirty;
    long idleSince;

    LiveRoom(String id, Node node) {
        this.id = id;
        this.node = node;
        this.ringSize = node.settings().limits().eventLogSize();
        this.idleSince = node.now();
    }

    /** Subscribe first, then read, so that nothing published in between is missed. */
    Future<LiveRoom> load() {
        return here(node.bus().subscribeConfirmed(id).compose(v -> node.store().load(id, ringSize)))
            .map(loaded -> {
                init(loaded);
                if (highestSeen > state.seq()) catchUp();
                refreshPresence();
                return this;
            });
    }

    RoomState state() {
        return state;
    }

    boolean idle() {
        return connections.isEmpty() && queue.isEmpty() && !committing;
    }

    Set<Connection> connections() {
        return connections;
    }

    private void init(LoadedRoom loaded) {
        RoomState base = loaded.snapshotJson() == null ? RoomState.empty(id) : Wire.decodeState(loaded.snapshotJson());
        snapshotSeq = base.seq();
        recent.clear();
        for (String json : loaded.recentEvents()) {
            JsonNode frame = Wire.tree(json);
            long seq = frame.get("seq").asLong();
            Sequenced event = Wire.decodeEvent(frame);
            if (seq == base.seq() + 1) base = base.apply(event);
            if (seq <= base.seq()) remember(new Entry(seq, json, event));
        }
        if (!recent.isEmpty() && recent.peekLast().seq() != base.seq()) {
            LOG.warning("room " + id + ": log and snapshot disagree; serving snapshot at " + base.seq());
            recent.clear();
        }
        state = base;
    }

    // ---- sockets ------------------------------------------------------------------------------

    /** Sends the socket what it lacks (events after lastSeq, or a snapshot) and starts live delivery. */
    void attach(Connection connection, long lastSeq) {
        connections.add(connection);
        Long first = recent.isEmpty() ? null : recent.peekFirst().seq();
        boolean canReplay = lastSeq >= 0 && lastSeq <= state.seq()
            && (lastSeq == state.seq() || (first != null && lastSeq >= first - 1));
        if (canReplay) {
            List<Entry> missed = new ArrayList<>();
            for (Entry e : recent) if (e.seq() > lastSeq) missed.add(e);
            connection.startFrom(lastSeq);
            if (!missed.isEmpty()) connection.deliver(missed, frame(missed));
        } else {
            connection.sendSnapshot(state);
        }
        connection.sendPresence(online);
        node.presence().join(id, connection.presenceEntry());
    }

    void detach(Connection connection) {
        if (connections.remove(connection)) {
            node.presence().leave(id, connection.presenceEntry());
            if (connections.isEmpty()) idleSince = node.now();
        }
    }

    /**
     * Queues events for the sockets. Everything that arrives in one turn of the event loop (several
     * pub/sub messages read at once, a commit and a relay) goes out as one frame per socket, built
     * once, at the end of the turn.
     */
    private void deliver(List<Entry> entries) {
        if (entries.isEmpty()) return;
        outbox.addAll(entries);
        scheduleFlush();
    }

    /** Runs {@code task} after the queued events went out (acks must follow the events they acknowledge). */
    private void afterDelivery(Runnable task) {
        if (outbox.isEmpty()) {
            task.run();
        } else {
            afterFlush.add(task);
        }
    }

    private void scheduleFlush() {
        if (flushScheduled) return;
        flushScheduled = true;
        node.loop().context().runOnContext(v -> flush());
    }

    private void flush() {
        flushScheduled = false;
        if (!outbox.isEmpty()) {
            List<Entry> entries = new ArrayList<>(outbox);
            outbox.clear();
            String frame = frame(entries);
            for (Connection c : List.copyOf(connections)) c.deliver(entries, frame);
        }
        List<Runnable> tasks = new ArrayList<>(afterFlush);
        afterFlush.clear();
        tasks.forEach(Runnable::run);
    }

    /** One JSON object for a single event, an array for several: the frame is built once for all sockets. */
    static String frame(List<Entry> entries) {
        if (entries.size() == 1) return entries.get(0).json();
        StringBuilder out = new StringBuilder(entries.size() * 128).append('[');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) out.append(',');
            out.append(entries.get(i).json());
        }
        return out.append(']').toString();
    }

    /** Publishes an ephemeral signal (not an event) to every board of the room, on every node. */
    void signal(String payload) {
        node.bus().publish(id, payload);
    }

    // ---- events arriving from Redis -----------------------------------------------------------

    void onBusPayload(String payload) {
        if (payload.equals(PresenceTracker.NOTICE)) {
            refreshPresence();
            return;
        }
        if (payload.startsWith("{")) {
            String from = Wire.tree(payload).path("conn").asText();
            for (Connection c : List.copyOf(connections)) c.relay(payload, from);
            return;
        }
        JsonNode frames = Wire.tree(payload);
        List<Entry> fresh = new ArrayList<>(frames.size());
        for (JsonNode frame : frames) {
            long seq = frame.get("seq").asLong();
            highestSeen = Math.max(highestSeen, seq);
            if (state == null || catchingUp != null || seq <= state.seq()) continue;
            if (seq != state.seq() + 1) {
                deliver(fresh);
                catchUp();
                return;
            }
            Sequenced event = Wire.decodeEvent(frame);
            Entry entry = new Entry(seq, frame.toString(), event);
            apply(entry);
            fresh.add(entry);
        }
        deliver(fresh);
    }

    private void apply(Entry entry) {
        state = state.apply(entry.event());
        remember(entry);
    }

    private void remember(Entry entry) {
        recent.addLast(entry);
        while (recent.size() > ringSize) recent.removeFirst();
    }

    /** Reads from the log whatever this copy missed; falls back to a fresh snapshot when the log no longer reaches. */
    Future<Void> catchUp() {
        if (catchingUp != null) return catchingUp;
        catchingUp = here(node.store().eventsAfter(id, state.seq())).compose(frames -> {
            List<Entry> fresh = new ArrayList<>();
            for (String json : frames) {
                JsonNode frame = Wire.tree(json);
                long seq = frame.get("seq").asLong();
                if (seq <= state.seq()) continue;
                if (seq != state.seq() + 1) return resync();
                Entry entry = new Entry(seq, json, Wire.decodeEvent(frame));
                apply(entry);
                fresh.add(entry);
            }
            deliver(fresh);
            return Future.<Void>succeededFuture();
        });
        catchingUp.onComplete(done -> {
            catchingUp = null;
            if (done.failed()) LOG.warning("room " + id + ": catch-up failed: " + done.cause().getMessage());
            if (done.succeeded() && highestSeen > state.seq()) catchUp();
            else drain();
        });
        return catchingUp;
    }

    private Future<Void> resync() {
        return here(node.store().load(id, ringSize)).map(loaded -> {
            init(loaded);
            for (Connection c : List.copyOf(connections)) c.sendSnapshot(state);
            return null;
        });
    }

    // ---- commits -------------------------------------------------------------------------------

    Future<Long> submit(Submission submission) {
        queue.addLast(submission);
        drain();
        return submission.result().future();
    }

    private void drain() {
        if (committing || queue.isEmpty() || state == null || catchingUp != null) return;
        committing = true;
        List<Submission> batch = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) batch.add(queue.pollFirst());
        attempt(batch, 1);
    }

    private void finish() {
        committing = false;
        if (!queue.isEmpty()) node.vertx().getOrCreateContext().runOnContext(v -> drain());
    }

    private String markKey(Submission s) {
        return s.clientId() == null ? null : new RoomKeys(id).command(s.actorId(), s.clientId());
    }

    /** Acknowledge re-sent commands, run the rules for the rest, commit with a version check, retry on conflict. */
    private void attempt(List<Submission> batch, int attempt) {
        List<String> keys = new ArrayList<>();
        for (Submission s : batch) if (markKey(s) != null) keys.add(markKey(s));
        here(node.store().findMarks(keys)).onComplete(found -> {
            if (found.failed()) {
                failAll(batch, unavailable(found.cause()));
                finish();
                return;
            }
            decideAndCommit(batch, found.result(), attempt);
        });
    }

    private void decideAndCommit(List<Submission> batch, Map<String, Long> marks, int attempt) {
        RoomState next = state;
        List<Sequenced> events = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        List<String> history = new ArrayList<>();
        History window = seq -> since(seq, events);
        Map<String, Long> newMarks = new HashMap<>();
        List<Submission> accepted = new ArrayList<>();
        List<Long> results = new ArrayList<>();
        long now = node.now();
        for (Submission s : batch) {
            String key = markKey(s);
            if (key != null && (marks.containsKey(key) || newMarks.containsKey(key))) {
                s.result().complete(marks.getOrDefault(key, newMarks.get(key)));
                continue;
            }
            try {
                RoomState tentative = next;
                List<Sequenced> mine = new ArrayList<>();
                for (RoomEvent event : s.decide().apply(tentative, window)) {
                    Sequenced sequenced = new Sequenced(tentative.seq() + 1, now, s.actorId(), event);
                    tentative = tentative.apply(sequenced);
                    mine.add(sequenced);
                }
                next = tentative;
                events.addAll(mine);
                for (Sequenced e : mine) {
                    String frame = Wire.encode(e);
                    frames.add(frame);
                    if (e.event() instanceof PurposeEvent.Edited) history.add(frame);
                }
                if (key != null) newMarks.put(key, next.seq());
                accepted.add(s);
                results.add(next.seq());
            } catch (Rejection r) {
                s.result().fail(r);
            } catch (RuntimeException e) {
                s.result().fail(new Rejection("invalid", String.valueOf(e.getMessage())));
            }
        }
        if (events.isEmpty()) {
            afterDelivery(() -> {
                for (int i = 0; i < accepted.size(); i++) accepted.get(i).result().complete(results.get(i));
            });
            finish();
            return;
        }
        RoomState after = next;
        String snapshot = after.seq() - snapshotSeq >= SNAPSHOT_EVERY ? Wire.encode(after) : null;
        here(node.store().commit(id, state.seq(), frames, history, newMarks, snapshot)).onComplete(done -> {
            if (done.failed()) {
                failAll(accepted, unavailable(done.cause()));
                finish();
            } else if (done.result() instanceof CommitResult.Committed) {
                if (snapshot != null) snapshotSeq = after.seq();
                acceptOwn(events, frames);
                afterDelivery(() -> {
                    for (int i = 0; i < accepted.size(); i++) accepted.get(i).result().complete(results.get(i));
                });
                finish();
            } else if (attempt >= MAX_ATTEMPTS) {
                failAll(accepted, Rejection.conflict("the room is too busy right now; try again"));
                finish();
            } else {
                if (done.result() instanceof CommitResult.Conflict conflict) absorb(conflict.missed());
                retryLater(accepted, attempt);
            }
        });
    }

    /**
     * Another node won the race. The script sent what we missed, so the next try needs no extra
     * read; after a few lost races, a short random pause lets the other node's burst pass.
     */
    private void retryLater(List<Submission> batch, int attempt) {
        if (attempt < 3) {
            attempt(batch, attempt + 1);
        } else {
            long pause = 1 + (long) (Math.random() * Math.min(attempt, 10));
            node.vertx().setTimer(pause, id -> (catchingUp != null ? catchingUp : catchUp())
                .onComplete(v -> attempt(batch, attempt + 1)));
        }
    }

    /** Applies frames read from the log (in order; older ones skipped) and delivers them. */
    private void absorb(List<String> frames) {
        List<Entry> fresh = new ArrayList<>();
        for (String json : frames) {
            JsonNode frame = Wire.tree(json);
            long seq = frame.get("seq").asLong();
            if (seq <= state.seq()) continue;
            if (seq != state.seq() + 1) break;
            Entry entry = new Entry(seq, json, Wire.decodeEvent(frame));
            apply(entry);
            fresh.add(entry);
        }
        deliver(fresh);
    }

    /** Our own commit succeeded: apply what the bus has not brought yet, and deliver it. */
    private void acceptOwn(List<Sequenced> events, List<String> frames) {
        List<Entry> fresh = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Sequenced event = events.get(i);
            if (event.seq() != state.seq() + 1) continue;
            Entry entry = new Entry(event.seq(), frames.get(i), event);
            apply(entry);
            fresh.add(entry);
        }
        deliver(fresh);
    }

    /** Committed events after {@code seq} from the replay window, then the tentative ones of this batch. */
    private List<Sequenced> since(long seq, List<Sequenced> tentative) {
        long oldest = recent.isEmpty() ? state.seq() + 1 : recent.peekFirst().seq();
        if (seq + 1 < oldest) {
            throw Rejection.conflict("based on event " + seq + ", older than this room keeps (" + oldest + "); resync");
        }
        ArrayDeque<Sequenced> out = new ArrayDeque<>();
        var back = recent.descendingIterator();
        while (back.hasNext()) {
            Entry e = back.next();
            if (e.seq() <= seq) break;
            out.addFirst(e.event());
        }
        List<Sequenced> all = new ArrayList<>(out);
        for (Sequenced e : tentative) if (e.seq() > seq) all.add(e);
        return all;
    }

    private static void failAll(List<Submission> batch, Throwable cause) {
        for (Submission s : batch) s.result().tryFail(cause);
    }

    private static Rejection unavailable(Throwable cause) {
        return new Rejection("unavailable", "storage is unavailable, try again (" + cause.getMessage() + ")");
    }

    // ---- presence ------------------------------------------------------------------------------

    /** Re-reads who is online; coalesces overlapping requests and pushes the list only when it changed. */
    void refreshPresence() {
        if (presenceRefreshing) {
            presenceDirty = true;
            return;
        }
        presenceRefreshing = true;
        here(node.presence().online(id)).onComplete(done -> {
            presenceRefreshing = false;
            if (done.succeeded() && !done.result().equals(online)) {
                online = done.result();
                for (Connection c : List.copyOf(connections)) c.sendPresence(online);
            }
            if (presenceDirty) {
                presenceDirty = false;
                refreshPresence();
            }
        });
    }

    /** Renews this node's leases and sweeps out expired ones of any node. */
    void tendPresence() {
        List<String> entries = new ArrayList<>();
        for (Connection c : connections) entries.add(c.presenceEntry());
        node.presence().renew(id, entries).compose(v -> node.presence().sweep(id));
    }

    /**
     * The same outcome, delivered on this room's event loop: Redis replies may arrive on another
     * loop's thread, and a room's state is only ever touched by its own.
     */
    private <T> Future<T> here(Future<T> future) {
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        future.onComplete(result -> node.loop().run(() -> promise.handle(result)));
        return promise.future();
    }

    static String presenceEntry(String memberId, String connectionKey) {
        return PresenceTracker.entry(memberId, connectionKey);
    }
}
