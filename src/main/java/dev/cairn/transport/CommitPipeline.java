package dev.cairn.transport;

import dev.cairn.protocol.Wire;
import dev.cairn.room.History;
import dev.cairn.room.Modules;
import dev.cairn.room.Projection;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.store.Commit;
import dev.cairn.store.CommitResult;
import dev.cairn.store.RedisRoomStore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A live room's commits, one batch at a time: run the rules on a tentative copy, commit with a
 * version check, and on a lost race absorb what was missed and try again. An ack always carries
 * the seq that Redis committed: re-sends in the same batch as their original follow its outcome,
 * re-sends of commands applied earlier are recognised by the store and acknowledged with the seq
 * it remembers. Runs on the room's loop only.
 */
final class CommitPipeline {
    static final int MAX_BATCH = 64;
    /** Lost races before a batch is refused as "too busy"; the fairness turn keeps this rare. */
    static final int MAX_ATTEMPTS = 20;
    /** Failed Redis calls (timeouts, lost connections) retried before answering {@code unavailable}. */
    static final int MAX_FAILURES = 3;
    static final int SNAPSHOT_EVERY = 100;

    private final LiveRoom room;
    private final Node node;
    private final int queueLimit;
    private final ArrayDeque<Submission> queue = new ArrayDeque<>();
    private boolean committing;
    private long snapshotSeq;

    CommitPipeline(LiveRoom room, Node node) {
        this.room = room;
        this.node = node;
        this.queueLimit = node.settings().limits().roomQueueSize();
    }

    void loaded(long snapshotSeq) {
        this.snapshotSeq = snapshotSeq;
    }

    boolean idle() {
        return queue.isEmpty() && !committing;
    }

    io.vertx.core.Future<Long> submit(Submission submission) {
        if (queue.size() >= queueLimit) {
            submission.result().fail(new Rejection("unavailable", "this room has too many changes waiting; try again"));
        } else {
            queue.addLast(submission);
            drain();
        }
        return submission.result().future();
    }

    /** Starts the next batch when nothing is committing and the copy is current. */
    void drain() {
        if (committing || queue.isEmpty() || !room.ready()) return;
        committing = true;
        List<Submission> batch = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) batch.add(queue.pollFirst());
        if (node.health().up()) {
            attempt(batch, 1, 0, false);
            return;
        }
        // Redis was unreachable a moment ago: ask once more, and refuse at once if it still is.
        node.health().check().onComplete(reached -> {
            if (reached.succeeded() && reached.result()) {
                attempt(batch, 1, 0, false);
            } else {
                failAll(batch, new Rejection("unavailable", "the server cannot reach its storage right now; "
                    + "nothing was applied: send it again when the board says it is saving"));
                finish();
            }
        });
    }

    private void finish() {
        committing = false;
        if (!queue.isEmpty()) node.loop().context().runOnContext(v -> drain());
    }

    /** The outcome of running the rules for one batch on a tentative copy of the state. */
    private static final class Decided {
        final List<Sequenced> events = new ArrayList<>();
        final List<String> frames = new ArrayList<>();
        final List<String> archivedForms = new ArrayList<>();
        final List<Long> erased = new ArrayList<>();
        final List<Projection> projections = new ArrayList<>();
        final Map<String, Commit.Applied> applied = new LinkedHashMap<>();
        final List<Submission> accepted = new ArrayList<>();
        final List<Long> results = new ArrayList<>();
        /** Re-sends in this batch, and the accepted submission whose outcome they share. */
        final Map<Submission, Submission> followers = new LinkedHashMap<>();
        RoomState after;
    }

    private void attempt(List<Submission> batch, int attempt, int failures, boolean holdsTurn) {
        room.checkOwner();
        batch.removeIf(s -> s.result().future().isComplete());
        Decided d = decide(batch);
        if (d.events.isEmpty()) {
            if (holdsTurn) node.store().releaseTurn(room.id, node.writer());
            room.delivery().afterDelivery(() -> complete(d));
            finish();
            return;
        }
        // Erasing sealed events rewrites the snapshot too, so no copy of them stays in Redis.
        boolean snapshotDue = d.after.seq() - snapshotSeq >= SNAPSHOT_EVERY || !d.erased.isEmpty();
        String snapshot = snapshotDue ? Wire.encode(d.after) : null;
        Commit commit = new Commit(room.id, room.replica().seq(), d.frames, d.archivedForms, d.projections,
            List.copyOf(d.applied.values()), snapshot, room.scheduler().dueChange(room.replica().state(), d.after),
            d.erased);
        long sent = System.nanoTime();
        room.here(node.store().commit(commit)).onComplete(done -> {
            if (done.failed()) {
                node.metrics().redisFailed();
                failed(batch, attempt, failures, done.cause());
            } else if (done.result() instanceof CommitResult.Committed) {
                node.metrics().committed(d.events.size(), System.nanoTime() - sent);
                if (snapshot != null) snapshotSeq = d.after.seq();
                room.committed(d.events, d.frames);
                room.delivery().afterDelivery(() -> complete(d));
                finish();
            } else if (done.result() instanceof CommitResult.Duplicate dup) {
                acknowledgeApplied(batch, dup);
                attempt(batch, attempt + 1, failures, holdsTurn);
            } else {
                node.metrics().conflict();
                lostRace(batch, attempt, failures, commit.expectedSeq(), (CommitResult.Conflict) done.result());
            }
        });
    }

    private Decided decide(List<Submission> batch) {
        Decided d = new Decided();
        RoomState next = room.replica().state();
        History window = seq -> room.replica().since(seq, d.events);
        long now = node.now();
        Map<String, Submission> byId = new HashMap<>();
        for (Submission s : batch) {
            String idKey = s.clientId() == null ? null : s.actorId() + "\u0000" + s.clientId();
            Submission original = idKey == null ? null : byId.get(idKey);
            if (original != null) {
                d.followers.put(s, original);
                continue;
            }
            try {
                RoomState tentative = next;
                List<Sequenced> mine = new ArrayList<>();
                List<Long> erased = new ArrayList<>();
                for (RoomEvent event : s.decide().apply(tentative, window)) {
                    Sequenced sequenced = new Sequenced(tentative.seq() + 1, now, s.actorId(), event);
                    erased.addAll(Modules.erasedBy(sequenced, tentative));
                    tentative = tentative.apply(sequenced);
                    mine.add(sequenced);
                }
                next = tentative;
                d.events.addAll(mine);
                d.erased.addAll(erased);
                for (Sequenced e : mine) {
                    d.frames.add(Wire.encode(e));
                    Sequenced archived = Modules.archivedForm(e);
                    d.archivedForms.add(archived == null ? Commit.SAME : Wire.encode(archived));
                    d.projections.addAll(Modules.forEvent(e.event()).projections(e));
                }
                if (s.parsed() != null) applied(d, s, next.seq());
                if (idKey != null) byId.put(idKey, s);
                d.accepted.add(s);
                d.results.add(next.seq());
            } catch (Rejection r) {
                s.result().tryFail(r);
            } catch (RuntimeException e) {
                s.result().tryFail(new Rejection("invalid", String.valueOf(e.getMessage())));
            }
        }
        d.after = next;
        return d;
    }

    /** Raises the member's applied counter for this client tag to this command's. */
    private static void applied(Decided d, Submission s, long seq) {
        String key = s.actorId() + "\u0000" + s.parsed().tag();
        long counter = s.parsed().counter();
        Commit.Applied before = d.applied.get(key);
        if (before == null) {
            d.applied.put(key, new Commit.Applied(s.actorId(), s.parsed().tag(), counter, counter, seq));
        } else {
            long max = Math.max(before.max(), counter);
            d.applied.put(key, new Commit.Applied(s.actorId(), s.parsed().tag(), Math.min(before.min(), counter), max,
                max == counter ? seq : before.seq()));
        }
    }

    private void complete(Decided d) {
        for (int i = 0; i < d.accepted.size(); i++) d.accepted.get(i).result().tryComplete(d.results.get(i));
        d.followers.forEach((follower, original) -> original.result().future()
            .onComplete(follower.result()::tryComplete, follower.result()::tryFail));
    }

    /** Commands Redis already has: acknowledge them with the seq it remembers, and drop them from the batch. */
    private void acknowledgeApplied(List<Submission> batch, CommitResult.Duplicate dup) {
        batch.removeIf(s -> {
            if (!s.sameTag(dup.memberId(), dup.tag()) || s.parsed().counter() > dup.counter()) return false;
            room.delivery().afterDelivery(() -> s.result().tryComplete(dup.seq()));
            return true;
        });
    }

    /**
     * Another writer committed first. The script sent what we missed, so the next try needs no
     * extra read; after a few lost races, a short random pause lets the other node's burst pass.
     * A room that is behind what this node has means Redis went backwards: reload, then retry.
     */
    private void lostRace(List<Submission> batch, int attempt, int failures, long expected,
                          CommitResult.Conflict conflict) {
        if (conflict.currentSeq() < expected) {
            room.reload("Redis is at seq " + conflict.currentSeq() + " but this node had " + expected)
                .onComplete(v -> retry(batch, attempt, failures, false));
            return;
        }
        if (!conflict.missed().isEmpty() && !room.absorb(conflict.missed())) {
            room.catchUp().onComplete(v -> retry(batch, attempt, failures, conflict.holdsTurn()));
            return;
        }
        if (attempt < 3) {
            retry(batch, attempt, failures, conflict.holdsTurn());
        } else {
            long pause = 1 + (long) (Math.random() * Math.min(attempt, 10));
            node.vertx().setTimer(pause, t -> room.loop().run(() -> room.catchUp()
                .onComplete(v -> retry(batch, attempt, failures, conflict.holdsTurn()))));
        }
    }

    private void retry(List<Submission> batch, int attempt, int failures, boolean holdsTurn) {
        if (attempt >= MAX_ATTEMPTS) {
            if (holdsTurn) node.store().releaseTurn(room.id, node.writer());
            failAll(batch, Rejection.conflict("the room is too busy right now; try again"));
            finish();
        } else {
            attempt(batch, attempt + 1, failures, holdsTurn);
        }
    }

    /**
     * A Redis call failed or timed out: the commit may or may not have happened. Catch up, then
     * try again: a command that did commit is recognised by its applied counter (joins and
     * deadlines are idempotent by their rules), so nothing is applied twice.
     */
    private void failed(List<Submission> batch, int attempt, int failures, Throwable cause) {
        if (RedisRoomStore.isFull(cause)) {
            // Redis refused the script before running it: nothing was applied, and trying again soon will not help.
            failAll(batch, new Rejection("unavailable", "the server's storage is full: nothing was applied"));
            finish();
            return;
        }
        if (failures + 1 >= MAX_FAILURES) {
            failAll(batch, new Rejection("unavailable", "storage did not answer (" + cause.getMessage()
                + "); the change may or may not have been applied: send it again with the same id"));
            finish();
            return;
        }
        long pause = 100L << failures;
        node.vertx().setTimer(pause, t -> room.loop().run(() -> room.catchUp()
            .onComplete(v -> attempt(batch, attempt, failures + 1, false))));
    }

    private static void failAll(List<Submission> batch, Throwable cause) {
        for (Submission s : batch) s.result().tryFail(Objects.requireNonNull(cause));
    }
}
