package dev.cairn.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What one node counts for {@code /metrics} (Prometheus), beside what Vert.x's own metrics count
 * (HTTP requests, WebSocket connections, Redis pools). Shared by the node's event loops; every
 * meter is safe to update from any thread.
 */
public final class Metrics {
    private final Counter commits;
    private final Counter events;
    private final Counter conflicts;
    private final Counter redisFailures;
    private final Counter refused;
    private final Timer commitTime;
    private final Timer fanOutDelay;
    private final AtomicInteger liveRooms = new AtomicInteger();
    private final AtomicInteger storageDownLoops = new AtomicInteger();

    public Metrics(MeterRegistry registry, Supplier<Number> sockets) {
        commits = Counter.builder("cairn.commits").description("batches committed to Redis").register(registry);
        events = Counter.builder("cairn.events").description("events committed").register(registry);
        conflicts = Counter.builder("cairn.commit.conflicts").description("commits that lost a race with another writer and were retried")
            .register(registry);
        redisFailures = Counter.builder("cairn.redis.failures").description("Redis calls of a commit that failed or timed out")
            .register(registry);
        refused = Counter.builder("cairn.commands.refused").description("commands answered with an error").register(registry);
        commitTime = Timer.builder("cairn.commit.latency").description("one commit script, sent to answered")
            .publishPercentiles(0.5, 0.99).register(registry);
        fanOutDelay = Timer.builder("cairn.fanout.delay").description("an event's commit to its frames handed to the sockets' loops, on every node")
            .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("cairn.rooms.live", liveRooms, AtomicInteger::get).description("rooms loaded on this node").register(registry);
        Gauge.builder("cairn.sockets", sockets, s -> s.get().doubleValue()).strongReference(true)
            .description("open board sockets").register(registry);
        Gauge.builder("cairn.redis.down", storageDownLoops, AtomicInteger::get)
            .description("event loops that cannot reach Redis right now (0 when healthy)").register(registry);
    }

    void committed(int eventCount, long nanos) {
        commits.increment();
        events.increment(eventCount);
        commitTime.record(Duration.ofNanos(nanos));
    }

    void conflict() {
        conflicts.increment();
    }

    void redisFailed() {
        redisFailures.increment();
    }

    void refused() {
        refused.increment();
    }

    void delivered(long delayMillis) {
        fanOutDelay.record(Duration.ofMillis(Math.max(0, delayMillis)));
    }

    void roomLoaded() {
        liveRooms.incrementAndGet();
    }

    void roomEvicted() {
        liveRooms.decrementAndGet();
    }

    void storage(boolean up) {
        if (up) storageDownLoops.decrementAndGet();
        else storageDownLoops.incrementAndGet();
    }
}
