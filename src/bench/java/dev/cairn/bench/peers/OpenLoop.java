package dev.cairn.bench.peers;

import io.vertx.core.Vertx;

/**
 * A fixed schedule for many actors (open loop): actor i acts at next[i], next[i] + interval, ...
 * until {@code stop}, whether or not the server kept up. Each action is handed the time it was
 * due, so that latency counts from the schedule, not from when the harness got round to it.
 *
 * <p>Instead of waking every millisecond, the loop sleeps (on a Vert.x timer) until the earliest
 * due action, at least 1 ms: at low rates this spares the harness, which shares the machine with the
 * servers, most of its idle wake-ups; at high rates it acts every millisecond.
 */
final class OpenLoop {
    interface Action {
        void act(int actor, long dueNanos);
    }

    private final Vertx vertx;
    private final long[] next;
    private final long interval;
    private final long stop;
    private final Action action;
    private volatile boolean cancelled;

    private OpenLoop(Vertx vertx, long[] next, long interval, long stop, Action action) {
        this.vertx = vertx;
        this.next = next;
        this.interval = interval;
        this.stop = stop;
        this.action = action;
    }

    /** Starts the schedule; {@code next} holds each actor's first due time and is advanced in place. */
    static OpenLoop start(Vertx vertx, long[] next, long interval, long stop, Action action) {
        OpenLoop loop = new OpenLoop(vertx, next, interval, stop, action);
        vertx.runOnContext(v -> loop.tick());
        return loop;
    }

    void cancel() {
        cancelled = true;
    }

    private void tick() {
        if (cancelled) return;
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < next.length; i++) {
            while (next[i] <= now && next[i] < stop) {
                action.act(i, next[i]);
                next[i] += interval;
            }
            if (next[i] < stop) earliest = Math.min(earliest, next[i]);
        }
        if (earliest == Long.MAX_VALUE) return;
        long delayMs = Math.max(1, (earliest - System.nanoTime()) / 1_000_000);
        vertx.setTimer(delayMs, id -> tick());
    }
}
