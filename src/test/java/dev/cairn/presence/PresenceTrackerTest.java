package dev.cairn.presence;

import dev.cairn.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Leases in Redis: a renewal never brings back a lease that a closing socket removed. */
class PresenceTrackerTest {
    private static Vertx vertx;
    private static Redis redis;
    private static PresenceTracker tracker;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, TestRedis.url());
        // A clock that stands still: a renewal in the same millisecond as the join (which a fast
        // machine did now and then) must still count the lease it found.
        tracker = new PresenceTracker(RedisAPI.api(redis), 12, Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC), 5000);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRenewalThatArrivesAfterTheLeaveDoesNotResurrectTheLease() throws Exception {
        String room = "presence" + UUID.randomUUID().toString().substring(0, 8);
        String ana = PresenceTracker.entry("ana", "n1-1");
        String ben = PresenceTracker.entry("ben", "n1-2");
        await(tracker.join(room, ana));
        await(tracker.join(room, ben));
        assertEquals(List.of("ana", "ben"), sorted(PresenceTracker.memberIds(await(tracker.leases(room)))));
        await(tracker.leave(room, ana));
        // the node's periodic renewal listed Ana's socket just before it closed
        assertEquals(1L, await(tracker.renew(room, List.of(ana, ben))), "only Ben's lease was there to renew");
        assertEquals(List.of("ben"), PresenceTracker.memberIds(await(tracker.leases(room))), "Ana stays gone");
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
