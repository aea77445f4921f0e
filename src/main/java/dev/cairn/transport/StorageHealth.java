package dev.cairn.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Whether this event loop can reach Redis: a PING every second, and down after two in a row fail
 * or go unanswered for {@link #timeoutMs}. Boards are told when it changes, so nobody types into a
 * board that says "Live" while nothing is saved; while it is down, a change first asks Redis once
 * more ({@link #check}) and is refused at once if that fails too, instead of waiting out every retry.
 * Runs on its loop.
 */
final class StorageHealth {
    private static final Logger LOG = Logger.getLogger(StorageHealth.class.getName());
    static final long EVERY_MS = 1000;
    static final int FAILURES_BEFORE_DOWN = 2;

    private final Vertx vertx;
    private final RedisAPI api;
    private final long timeoutMs;
    private Loop loop;
    private Consumer<Boolean> onChange = up -> { };
    private boolean up = true;
    private int failures;
    private Future<Boolean> probing;

    StorageHealth(Vertx vertx, RedisAPI api, long redisTimeoutMs) {
        this.vertx = vertx;
        this.api = api;
        this.timeoutMs = Math.min(redisTimeoutMs, 2000);
    }

    /** Starts probing on {@code loop}; {@code onChange} hears every change (true: reachable again). */
    void start(Loop loop, Consumer<Boolean> onChange) {
        this.loop = loop;
        this.onChange = onChange;
        vertx.setPeriodic(EVERY_MS, id -> loop.run(this::check));
    }

    boolean up() {
        return up;
    }

    /** Asks Redis now (one PING, shared with one already under way); completes on this loop with the answer. */
    Future<Boolean> check() {
        if (probing != null) return probing;
        Promise<Boolean> answer = Promise.promise();
        probing = answer.future();
        api.ping(List.of()).timeout(timeoutMs, TimeUnit.MILLISECONDS).onComplete(r -> loop.run(() -> {
            probing = null;
            if (r.succeeded()) {
                failures = 0;
                set(true);
            } else if (++failures >= FAILURES_BEFORE_DOWN) {
                set(false);
            }
            answer.complete(r.succeeded());
        }));
        return answer.future();
    }

    private void set(boolean reachable) {
        if (reachable == up) return;
        up = reachable;
        LOG.warning(reachable ? "redis: reachable again" : "redis: unreachable; boards are told that nothing is saved");
        onChange.accept(reachable);
    }
}
