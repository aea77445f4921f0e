package dev.cairn.presence;

import dev.cairn.store.RoomKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Who is online, kept in Redis as leases: one sorted-set entry per open socket ({@code member|connection}),
 * scored by when its lease runs out. Nodes renew the leases of their sockets; a socket whose node
 * died stops being renewed and is swept out by any other node after the lease ends. Every change
 * is announced on the room channel with a small notice, and each node then re-reads the set.
 */
public final class PresenceTracker {
    /** Published on a room channel when its online set changed; events are arrays, notices objects. */
    public static final String NOTICE = "{\"type\":\"presence\"}";

    private final RedisAPI redis;
    private final long ttlMillis;
    private final Clock clock;
    private final long timeoutMs;
    /** Redis Cluster: notices go out on the room's sharded channel ({@code SPUBLISH}), as its events do. */
    private final boolean sharded;

    /** ARGV[1] the new expiry, ARGV[2..] the entries: extends those that exist, answers how many. */
    private static final String RENEW_SCRIPT = """
        local found = 0
        for i = 2, #ARGV do
          if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i])
            found = found + 1
          end
        end
        return found
        """;

    private final dev.cairn.store.LuaScript renew;

    /** Every call fails after {@code timeoutMs} rather than leaving a refresh pending for ever. */
    public PresenceTracker(RedisAPI redis, int ttlSeconds, Clock clock, long timeoutMs) {
        this(redis, ttlSeconds, clock, timeoutMs, false);
    }

    public PresenceTracker(RedisAPI redis, int ttlSeconds, Clock clock, long timeoutMs, boolean sharded) {
        this.sharded = sharded;
        this.redis = redis;
        this.renew = new dev.cairn.store.LuaScript(redis, RENEW_SCRIPT);
        this.ttlMillis = ttlSeconds * 1000L;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
    }

    private <T> Future<T> timed(Future<T> call) {
        return call.timeout(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public static String entry(String memberId, String connectionKey) {
        return memberId + "|" + connectionKey;
    }

    public Future<Void> join(String roomId, String entry) {
        RoomKeys keys = new RoomKeys(roomId);
        return timed(redis.zadd(List.of(keys.presence(), Long.toString(expiry()), entry)))
            .compose(r -> announce(roomId));
    }

    public Future<Void> leave(String roomId, String entry) {
        RoomKeys keys = new RoomKeys(roomId);
        return timed(redis.zrem(List.of(keys.presence(), entry))).compose(r -> announce(roomId));
    }

    /**
     * Extends the leases of this node's sockets in one room; answers how many it found. Only leases
     * that still exist are extended: a renewal sent just before a socket closed must not bring back
     * the lease its close removed (the member would show online for another lease length). Counted
     * in the script, not from {@code ZADD XX CH}: that counts changed scores, and a renewal in the
     * same millisecond as the join changes none, so found leases were counted as missing.
     */
    public Future<Long> renew(String roomId, Collection<String> entries) {
        if (entries.isEmpty()) return Future.succeededFuture(0L);
        List<String> args = new ArrayList<>(1 + entries.size());
        args.add(Long.toString(expiry()));
        args.addAll(entries);
        return timed(renew.run(List.of(new RoomKeys(roomId).presence()), args)).map(r -> r == null ? 0L : r.toLong());
    }

    /** Removes expired leases; announces when any went, so every node refreshes its list. */
    public Future<Void> sweep(String roomId) {
        return timed(redis.zremrangebyscore(new RoomKeys(roomId).presence(), "-inf", Long.toString(clock.millis())))
            .compose(removed -> removed != null && removed.toLong() > 0 ? announce(roomId) : Future.succeededFuture());
    }

    /** Every live lease ({@code member|connection}), oldest-expiring first. */
    public Future<List<String>> leases(String roomId) {
        return timed(redis.zrangebyscore(List.of(new RoomKeys(roomId).presence(), "(" + clock.millis(), "+inf")))
            .map(entries -> {
                List<String> out = new ArrayList<>(entries.size());
                for (Response entry : entries) out.add(entry.toString());
                return out;
            });
    }

    /** The member of a lease entry. */
    public static String memberOf(String entry) {
        int bar = entry.indexOf('|');
        return bar < 0 ? entry : entry.substring(0, bar);
    }

    /** The members of these leases, each once, in their order: who is online. */
    public static List<String> memberIds(List<String> entries) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String entry : entries) ids.add(memberOf(entry));
        return List.copyOf(ids);
    }

    private Future<Void> announce(String roomId) {
        String channel = new RoomKeys(roomId).channel();
        return timed(sharded ? redis.spublish(channel, NOTICE) : redis.publish(channel, NOTICE)).mapEmpty();
    }

    private long expiry() {
        return clock.millis() + ttlMillis;
    }
}
