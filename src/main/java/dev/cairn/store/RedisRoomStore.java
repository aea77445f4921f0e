package dev.cairn.store;

import dev.cairn.protocol.Wire;
import dev.cairn.room.Modules;
import dev.cairn.room.Projection;
import dev.cairn.room.Sequenced;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The room store on Redis: one Lua script serializes every commit of a room across all nodes, and
 * one reads a room whole. Every call fails after {@code timeoutMs} rather than waiting for ever.
 */
public final class RedisRoomStore implements RoomStore {

    /**
     * Whether Redis refused a write because it reached its {@code maxmemory}. A script's first
     * write is the one refused (Redis lets a script that already wrote go on), and every script
     * here checks everything before its first write, so nothing was applied.
     */
    public static boolean isFull(Throwable cause) {
        return cause != null && cause.getMessage() != null && cause.getMessage().contains("OOM command not allowed");
    }

    /*
     * Every script that reads the archive reads it through this: an entry whose seq is in the
     * sealed hash (its full form, kept apart from the archived one until erased) returns the full
     * form. Scripts define it with the sealed hash's key; one EXISTS decides whether to look.
     */
    private static final String OVERLAY = """
        local function overlay(sealedKey)
          if redis.call('EXISTS', sealedKey) == 0 then return function(e) return e[2][2] end end
          return function(e)
            return redis.call('HGET', sealedKey, string.match(e[1], '^(%d+)')) or e[2][2]
          end
        end
        """;

    /*
     * KEYS: seq, archive, snapshot, turn, due, sealed, lists (L)..., applied hashes (A)...
     * ARGV: [1] expectedSeq [2] channel [3] snapshot or '' [4] writer [5] n events [6] L [7] A
     *       [8] roomId [9] earliest deadline: millis, '-' for none, '' unchanged
     *       [10 .. 9+n] event frames, [10+n .. 9+2n] their archived forms ('' = the frame itself)
     *       [10+2n] p projections, then p pairs (list index 1..L, value)
     *       then A quadruples (tag, minCounter, maxCounter, seqOfMax); a hash keeps at most 100 tags,
     *       dropping the one applied longest ago
     *       then e, then e seqs of sealed frames to erase
     * Returns {1, newSeq} | {0, currentSeq, missedFrames, holdsTurn} | {-1, appliedIndex, counter, seq}
     *
     * A frame whose archived form differs is sealed: the archive gets the archived form, the sealed
     * hash the frame under its seq, and the channel the frame. Erasing deletes the sealed entry.
     *
     * Fairness: a writer (one event loop of a node) that loses a race claims the next turn for
     * 200 ms; meanwhile other writers' commits are refused as conflicts, so a busy node cannot
     * starve another one by always committing first. Every check comes before the first write:
     * Redis does not undo a script's writes when it stops half-way.
     */
    private static final String COMMIT_SCRIPT = OVERLAY + """
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        local expected = tonumber(ARGV[1])
        local writer = ARGV[4]
        local turn = redis.call('GET', KEYS[4])
        local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
        if #last > 0 and tonumber(string.match(last[1][1], '^(%d+)')) > current then current = -1 end
        if current ~= expected or (turn and turn ~= writer) then
          local holds = 0
          if current >= expected and (not turn or turn == writer) then
            redis.call('SET', KEYS[4], writer, 'PX', 200)
            holds = 1
          end
          local missed = {}
          if current > expected then
            local frame = overlay(KEYS[6])
            for i, e in ipairs(redis.call('XRANGE', KEYS[2], (expected + 1) .. '-0', '+')) do missed[i] = frame(e) end
          end
          return {0, current, missed, holds}
        end
        local n = tonumber(ARGV[5])
        local L = tonumber(ARGV[6])
        local A = tonumber(ARGV[7])
        local pBase = 10 + 2 * n
        local p = tonumber(ARGV[pBase])
        local aBase = pBase + 1 + 2 * p
        local eBase = aBase + 4 * A
        for i = 1, A do
          local o = aBase + (i - 1) * 4
          local stored = redis.call('HGET', KEYS[6 + L + i], ARGV[o])
          if stored then
            local counter, seq = string.match(stored, '^(%d+):(%d+)$')
            if tonumber(counter) >= tonumber(ARGV[o + 1]) then return {-1, i, tonumber(counter), tonumber(seq)} end
          end
        end
        if turn then redis.call('DEL', KEYS[4]) end
        for i = 1, n do
          local archived = ARGV[9 + n + i]
          if archived == '' then
            archived = ARGV[9 + i]
          else
            redis.call('HSET', KEYS[6], tostring(expected + i), ARGV[9 + i])
          end
          redis.call('XADD', KEYS[2], (expected + i) .. '-0', 'f', archived)
        end
        for i = 1, tonumber(ARGV[eBase]) do redis.call('HDEL', KEYS[6], ARGV[eBase + i]) end
        redis.call('SET', KEYS[1], expected + n)
        if ARGV[3] ~= '' then redis.call('SET', KEYS[3], ARGV[3]) end
        for i = 1, p do redis.call('RPUSH', KEYS[6 + tonumber(ARGV[pBase + 2 * i - 1])], ARGV[pBase + 2 * i]) end
        for i = 1, A do
          local o = aBase + (i - 1) * 4
          local key = KEYS[6 + L + i]
          redis.call('HSET', key, ARGV[o], ARGV[o + 2] .. ':' .. ARGV[o + 3])
          if redis.call('HLEN', key) > 100 then
            local all = redis.call('HGETALL', key)
            local oldest, oldestSeq = nil, nil
            for j = 1, #all, 2 do
              local s = tonumber(string.match(all[j + 1], ':(%d+)$'))
              if oldestSeq == nil or s < oldestSeq then oldest, oldestSeq = all[j], s end
            end
            redis.call('HDEL', key, oldest)
          end
        end
        if ARGV[9] == '-' then redis.call('ZREM', KEYS[5], ARGV[8]) elseif ARGV[9] ~= '' then redis.call('ZADD', KEYS[5], ARGV[9], ARGV[8]) end
        redis.call('PUBLISH', ARGV[2], '[' .. table.concat(ARGV, ',', 10, 9 + n) .. ']')
        return {1, expected + n}
        """;

    /*
     * KEYS: seq, snapshot, archive, sealed. ARGV: window.
     * Returns {seq, snapshot or false, frames...}: the frames after min(snapshot seq, seq - window).
     * The snapshot JSON starts with {"id":"…","seq":N, so its seq is read without decoding it.
     */
    private static final String LOAD_SCRIPT = OVERLAY + """
        local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
        local snapshot = redis.call('GET', KEYS[2])
        local from = seq - tonumber(ARGV[1])
        if snapshot then
          local at = tonumber(string.match(snapshot, '^{"id":"[^"]*","seq":(%d+)') or '0')
          if at < from then from = at end
        else
          from = 0
        end
        if from < 0 then from = 0 end
        local out = {seq, snapshot}
        local frame = overlay(KEYS[4])
        for i, e in ipairs(redis.call('XRANGE', KEYS[3], (from + 1) .. '-0', '+')) do out[i + 2] = frame(e) end
        return out
        """;

    /*
     * KEYS: archive, the first layout's log and history, then projection lists (L).
     * ARGV: n frames, p projections, then n (seq, frame) pairs, then p (list index, value) pairs.
     * Moves a room of the first storage layout into the archive once: nothing if it has one already.
     */
    private static final String MIGRATE_SCRIPT = """
        if redis.call('XLEN', KEYS[1]) > 0 then return 0 end
        local n = tonumber(ARGV[1])
        local p = tonumber(ARGV[2])
        for i = 1, n do redis.call('XADD', KEYS[1], ARGV[1 + 2 * i] .. '-0', 'f', ARGV[2 + 2 * i]) end
        for i = 1, p do
          local o = 2 + 2 * n + 2 * i
          redis.call('RPUSH', KEYS[3 + tonumber(ARGV[o - 1])], ARGV[o])
        end
        redis.call('DEL', KEYS[2], KEYS[3])
        return 1
        """;

    /* KEYS: archive, sealed. ARGV: seqs. Returns the frames of those seqs that exist, in order. */
    private static final String ARCHIVED_SCRIPT = OVERLAY + """
        local out = {}
        local frame = overlay(KEYS[2])
        for i = 1, #ARGV do
          local e = redis.call('XRANGE', KEYS[1], ARGV[i] .. '-0', ARGV[i] .. '-0')
          if #e > 0 then out[#out + 1] = frame(e[1]) end
        end
        return out
        """;

    /* KEYS: archive, sealed. ARGV: first seq, count. Returns up to count frames from that seq on. */
    private static final String EVENTS_AFTER_SCRIPT = OVERLAY + """
        local out = {}
        local frame = overlay(KEYS[2])
        for i, e in ipairs(redis.call('XRANGE', KEYS[1], ARGV[1] .. '-0', '+', 'COUNT', ARGV[2])) do out[i] = frame(e) end
        return out
        """;

    /* KEYS: seq, archive, sealed. ARGV: seq. Returns {current seq, frame at seq or false}. */
    private static final String PROBE_SCRIPT = OVERLAY + """
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        local e = redis.call('XRANGE', KEYS[2], ARGV[1] .. '-0', ARGV[1] .. '-0')
        if #e > 0 then return {current, overlay(KEYS[3])(e[1])} end
        return {current, false}
        """;

    /* KEYS: seq, due. ARGV: seq the deadline was computed at, roomId, millis or '-'. */
    private static final String SET_DUE_SCRIPT = """
        if tonumber(redis.call('GET', KEYS[1]) or '0') ~= tonumber(ARGV[1]) then return 0 end
        if ARGV[3] == '-' then redis.call('ZREM', KEYS[2], ARGV[2]) else redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2]) end
        return 1
        """;

    /* KEYS: opened, due, then every key of the room. ARGV: roomId, before. Returns 1 if it deleted the room. */
    private static final String FORGET_SCRIPT = """
        local opened = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if not opened or tonumber(opened) >= tonumber(ARGV[2]) then return 0 end
        for i = 3, #KEYS do redis.call('DEL', KEYS[i]) end
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        return 1
        """;

    /* KEYS: turn. ARGV: writer. */
    private static final String RELEASE_SCRIPT = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
        return 1
        """;

    /*
     * In a Redis Cluster a script may touch only its room's slot, so the commit publishes with
     * SPUBLISH on the room's channel (which carries the room's hash tag), and the sets of due and
     * opened rooms, which live in slots of their own, get each room's entry from a room-local copy
     * (RoomKeys.due(), RoomKeys.opened()) after the script: see syncDue.
     */
    private static final String CLUSTER_COMMIT_SCRIPT = sharded(COMMIT_SCRIPT);

    private static String sharded(String script) {
        String publish = "redis.call('PUBLISH', ARGV[2]";
        if (!script.contains(publish)) throw new IllegalStateException("the commit script no longer publishes as expected");
        return script.replace(publish, "redis.call('SPUBLISH', ARGV[2]");
    }

    /** ARGV[1] the count's lifetime in ms, then member, messages pairs: adds each, answers the totals. */
    private static final String SPEND_SCRIPT = """
        local totals = {}
        for i = 2, #ARGV, 2 do
          totals[#totals + 1] = redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return totals
        """;

    /*
     * A budget of ARGV[2] a minute, kept as the time it is next whole again (KEYS[1]; absent: whole
     * now). One more use moves that time on by a minute's share; refused when it would end up more
     * than a minute ahead of ARGV[1] (now). Answers 1 if taken, 0 if not.
     */
    private static final String ADDRESS_BUDGET_SCRIPT = """
        local now = tonumber(ARGV[1])
        local share = 60000 / tonumber(ARGV[2])
        local whole = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
        if whole < now then whole = now end
        local after = whole + share
        if after - now > 60000 then return 0 end
        redis.call('SET', KEYS[1], string.format('%d', after), 'PX', math.ceil(after - now))
        return 1
        """;

    /** How many times syncDue copies the room's entry again when the room's copy changed meanwhile. */
    private static final int SYNC_ROUNDS = 3;
    private static final Logger LOG = Logger.getLogger(RedisRoomStore.class.getName());

    private final RedisAPI redis;
    private final boolean cluster;
    private final String writer;
    private final long timeoutMs;
    private final LuaScript commit;
    private final LuaScript load;
    private final LuaScript archived;
    private final LuaScript eventsAfter;
    private final LuaScript probe;
    private final LuaScript release;
    private final LuaScript setDue;
    private final LuaScript migrate;
    private final LuaScript forget;
    private final LuaScript spend;
    private final LuaScript addressBudget;

    /** {@code writer} names this event loop in the fairness turn; unique per event loop of the deployment. */
    public RedisRoomStore(RedisAPI redis, String writer, long timeoutMs) {
        this(redis, writer, timeoutMs, false);
    }

    /** {@code cluster}: Redis is a Redis Cluster (sharded pub/sub, the global sets written after each script). */
    public RedisRoomStore(RedisAPI redis, String writer, long timeoutMs, boolean cluster) {
        this.redis = redis;
        this.cluster = cluster;
        this.writer = writer;
        this.timeoutMs = timeoutMs;
        this.commit = new LuaScript(redis, cluster ? CLUSTER_COMMIT_SCRIPT : COMMIT_SCRIPT);
        this.load = new LuaScript(redis, LOAD_SCRIPT);
        this.archived = new LuaScript(redis, ARCHIVED_SCRIPT);
        this.eventsAfter = new LuaScript(redis, EVENTS_AFTER_SCRIPT);
        this.probe = new LuaScript(redis, PROBE_SCRIPT);
        this.release = new LuaScript(redis, RELEASE_SCRIPT);
        this.forget = new LuaScript(redis, FORGET_SCRIPT);
        this.setDue = new LuaScript(redis, SET_DUE_SCRIPT);
        this.migrate = new LuaScript(redis, MIGRATE_SCRIPT);
        this.spend = new LuaScript(redis, SPEND_SCRIPT);
        this.addressBudget = new LuaScript(redis, ADDRESS_BUDGET_SCRIPT);
    }

    private <T> Future<T> timed(Future<T> call) {
        return call.timeout(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public Future<CommitResult> commit(Commit c) {
        RoomKeys keys = new RoomKeys(c.roomId());
        Map<String, Integer> lists = new LinkedHashMap<>();
        for (Projection p : c.projections()) lists.putIfAbsent(p.list(), lists.size() + 1);
        List<String> keyList = new ArrayList<>(List.of(keys.seq(), keys.archive(), keys.snapshot(), keys.turn(),
            cluster ? keys.due() : RoomKeys.DUE, keys.sealed()));
        for (String list : lists.keySet()) keyList.add(keys.list(list));
        for (Commit.Applied a : c.applied()) keyList.add(keys.applied(a.memberId()));
        List<String> args = new ArrayList<>(List.of(Long.toString(c.expectedSeq()), keys.channel(),
            c.snapshotJson() == null ? "" : c.snapshotJson(), writer, Integer.toString(c.frames().size()),
            Integer.toString(lists.size()), Integer.toString(c.applied().size()), c.roomId(),
            c.due()));
        args.addAll(c.frames());
        args.addAll(c.archivedForms());
        args.add(Integer.toString(c.projections().size()));
        for (Projection p : c.projections()) {
            args.add(Integer.toString(lists.get(p.list())));
            args.add(p.value());
        }
        for (Commit.Applied a : c.applied()) {
            args.add(a.tag());
            args.add(Long.toString(a.min()));
            args.add(Long.toString(a.max()));
            args.add(Long.toString(a.seq()));
        }
        args.add(Integer.toString(c.erased().size()));
        for (long seq : c.erased()) args.add(Long.toString(seq));
        return timed(commit.run(keyList, args)).map(r -> {
            long status = r.get(0).toLong();
            if (status == 1) {
                if (cluster && !Commit.DUE_UNCHANGED.equals(c.due())) syncDue(c.roomId());
                return new CommitResult.Committed(r.get(1).toLong());
            }
            if (status == 0) {
                return new CommitResult.Conflict(r.get(1).toLong(), strings(r.get(2)), r.get(3).toLong() == 1);
            }
            Commit.Applied a = c.applied().get(r.get(1).toInteger() - 1);
            return new CommitResult.Duplicate(a.memberId(), a.tag(), r.get(2).toLong(), r.get(3).toLong());
        });
    }

    @Override
    public Future<LoadedRoom> load(String roomId, int window) {
        RoomKeys keys = new RoomKeys(roomId);
        if (cluster) syncDue(roomId);
        return migrateFirstLayout(keys).compose(v -> timed(load.run(List.of(keys.seq(), keys.snapshot(), keys.archive(), keys.sealed()), List.of(Integer.toString(window))))
            .map(r -> {
                List<String> frames = new ArrayList<>(Math.max(0, r.size() - 2));
                for (int i = 2; i < r.size(); i++) frames.add(r.get(i).toString());
                return new LoadedRoom(r.get(0).toLong(), r.get(1) == null ? null : r.get(1).toString(), frames);
            }));
    }

    /**
     * A room written by the first storage layout (a sorted-set log of the newest events and a list
     * of every purpose edit, no archive) is moved into the archive when it is first loaded: both
     * merged in seq order, each module's projections rebuilt from them. One EXISTS per load otherwise.
     */
    private Future<Void> migrateFirstLayout(RoomKeys keys) {
        return timed(redis.exists(List.of(keys.legacyLog()))).compose(found -> {
            if (found.toLong() == 0) return Future.succeededFuture();
            Future<Response> history = timed(redis.lrange(keys.legacyHistory(), "0", "-1"));
            Future<Response> log = timed(redis.zrange(List.of(keys.legacyLog(), "0", "-1")));
            return Future.all(history, log).compose(both -> {
                TreeMap<Long, String> bySeq = new TreeMap<>();
                for (Response frame : history.result()) put(bySeq, frame.toString());
                for (Response frame : log.result()) put(bySeq, frame.toString());
                Map<String, Integer> lists = new LinkedHashMap<>();
                List<String> projected = new ArrayList<>();
                List<String> args = new ArrayList<>(List.of(Integer.toString(bySeq.size()), "0"));
                bySeq.forEach((seq, frame) -> {
                    args.add(Long.toString(seq));
                    args.add(frame);
                    Sequenced event = Wire.decodeEvent(Wire.tree(frame));
                    for (Projection p : Modules.forEvent(event.event()).projections(event)) {
                        projected.add(Integer.toString(lists.computeIfAbsent(p.list(), l -> lists.size() + 1)));
                        projected.add(p.value());
                    }
                });
                args.set(1, Integer.toString(projected.size() / 2));
                args.addAll(projected);
                List<String> keyList = new ArrayList<>(List.of(keys.archive(), keys.legacyLog(), keys.legacyHistory()));
                for (String list : lists.keySet()) keyList.add(keys.list(list));
                return timed(migrate.run(keyList, args)).mapEmpty();
            });
        });
    }

    private static void put(TreeMap<Long, String> bySeq, String frame) {
        bySeq.putIfAbsent(Wire.tree(frame).get("seq").asLong(), frame);
    }

    @Override
    public Future<List<String>> eventsAfter(String roomId, long afterSeq, int limit) {
        RoomKeys keys = new RoomKeys(roomId);
        return timed(eventsAfter.run(List.of(keys.archive(), keys.sealed()),
            List.of(Long.toString(afterSeq + 1), Integer.toString(limit)))).map(RedisRoomStore::strings);
    }

    @Override
    public Future<List<String>> archived(String roomId, List<Long> seqs) {
        if (seqs.isEmpty()) return Future.succeededFuture(List.of());
        return timed(archived.run(List.of(new RoomKeys(roomId).archive(), new RoomKeys(roomId).sealed()), seqs.stream().map(String::valueOf).toList()))
            .map(RedisRoomStore::strings);
    }

    @Override
    public Future<List<String>> list(String roomId, String name, long from, long count) {
        return timed(redis.lrange(new RoomKeys(roomId).list(name), Long.toString(from), Long.toString(from + count - 1)))
            .map(RedisRoomStore::strings);
    }

    @Override
    public Future<Probe> probe(String roomId, long seq) {
        RoomKeys keys = new RoomKeys(roomId);
        return timed(probe.run(List.of(keys.seq(), keys.archive(), keys.sealed()), List.of(Long.toString(seq))))
            .map(r -> new Probe(r.get(0).toLong(), r.get(1) == null ? null : r.get(1).toString()));
    }

    @Override
    public Future<Void> releaseTurn(String roomId, String writer) {
        return timed(release.run(List.of(new RoomKeys(roomId).turn()), List.of(writer))).mapEmpty();
    }

    @Override
    public Future<List<String>> dueRooms(long now, int limit) {
        return timed(redis.zrangebyscore(List.of(RoomKeys.DUE, "-inf", Long.toString(now), "LIMIT", "0",
            Integer.toString(limit)))).map(RedisRoomStore::strings);
    }

    @Override
    public Future<Void> setDue(String roomId, long atSeq, String due) {
        RoomKeys keys = new RoomKeys(roomId);
        Future<Void> set = timed(setDue.run(List.of(keys.seq(), cluster ? keys.due() : RoomKeys.DUE),
            List.of(Long.toString(atSeq), roomId, due))).mapEmpty();
        return cluster ? set.compose(v -> syncDue(roomId)) : set;
    }

    /**
     * Cluster only: copies the room's entry of the set of due rooms from its room-local copy (which
     * the commit script keeps exact) into the global set, then reads the copy again and repeats if
     * it changed meanwhile, so that of two racing copies the last one written is the newest. What
     * can go wrong: a node dying (or a shard failing) between a commit and this copy leaves the
     * global entry stale (harmless: the room is loaded, nothing is due, the entry is corrected) or
     * missing (the deadline then fires when a node next loads the room, late but once). Every load
     * copies the entry again.
     */
    private Future<Void> syncDue(String roomId) {
        return syncDue(roomId, SYNC_ROUNDS).onFailure(err -> LOG.log(Level.FINE, "copying the due entry of " + roomId + " failed", err));
    }

    private Future<Void> syncDue(String roomId, int rounds) {
        String local = new RoomKeys(roomId).due();
        return timed(redis.zscore(local, roomId)).compose(score -> {
            String at = score == null ? null : score.toString();
            Future<Response> write = at == null ? redis.zrem(List.of(RoomKeys.DUE, roomId)) : redis.zadd(List.of(RoomKeys.DUE, at, roomId));
            return timed(write).compose(w -> timed(redis.zscore(local, roomId))).compose(again -> {
                String now = again == null ? null : again.toString();
                if (java.util.Objects.equals(at, now) || rounds <= 1) return Future.succeededFuture();
                return syncDue(roomId, rounds - 1);
            });
        });
    }

    @Override
    public Future<Void> opened(String roomId, long now) {
        if (!cluster) return timed(redis.zadd(List.of(RoomKeys.OPENED, Long.toString(now), roomId))).mapEmpty();
        // The room's own copy first: retention deletes a room only if that copy says nobody opened it.
        return timed(redis.zadd(List.of(new RoomKeys(roomId).opened(), Long.toString(now), roomId)))
            .compose(r -> timed(redis.zadd(List.of(RoomKeys.OPENED, Long.toString(now), roomId)))).mapEmpty();
    }

    @Override
    public Future<List<String>> idleSince(long before, int limit) {
        return timed(redis.zrangebyscore(List.of(RoomKeys.OPENED, "-inf", "(" + before, "LIMIT", "0",
            Integer.toString(limit)))).map(RedisRoomStore::strings);
    }

    @Override
    public Future<Boolean> forget(String roomId, List<String> memberIds, List<String> lists, long before) {
        RoomKeys k = new RoomKeys(roomId);
        List<String> keys = new ArrayList<>(List.of(cluster ? k.opened() : RoomKeys.OPENED, cluster ? k.due() : RoomKeys.DUE,
            k.seq(), k.archive(), k.snapshot(), k.turn(), k.sealed(), k.presence(), k.spent(), k.legacyLog(), k.legacyHistory()));
        for (String m : memberIds) keys.add(k.applied(m));
        for (String l : lists) keys.add(k.list(l));
        List<String> args = List.of(roomId, Long.toString(before));
        if (!cluster) return timed(forget.run(keys, args)).map(r -> r.toLong() == 1);
        // The script checks the room's own copy of when it was opened; a room without one (its copy
        // was never written) gets the global entry's time first, unless a board opens it meanwhile
        // (NX). Once the room is gone from its slot its global entries follow; a failure there leaves
        // entries naming no room, which the next sweep deletes again and the next load of the due
        // scan corrects.
        return timed(redis.zscore(RoomKeys.OPENED, roomId))
            .compose(score -> score == null ? Future.succeededFuture()
                : timed(redis.zadd(List.of(k.opened(), "NX", score.toString(), roomId))))
            .compose(v -> timed(forget.run(keys, args)))
            .compose(r -> r.toLong() != 1 ? Future.succeededFuture(false)
                : timed(redis.zrem(List.of(RoomKeys.OPENED, roomId))).compose(z -> timed(redis.zrem(List.of(RoomKeys.DUE, roomId)))).map(true));
    }

    @Override
    public Future<List<Long>> spend(String roomId, Map<String, Long> sent, long ttlMillis) {
        List<String> args = new ArrayList<>(1 + 2 * sent.size());
        args.add(Long.toString(ttlMillis));
        sent.forEach((member, n) -> {
            args.add(member);
            args.add(Long.toString(n));
        });
        return timed(spend.run(List.of(new RoomKeys(roomId).spent()), args)).map(r -> {
            List<Long> totals = new ArrayList<>(r.size());
            for (Response t : r) totals.add(t.toLong());
            return totals;
        });
    }

    @Override
    public Future<Boolean> takeAddressBudget(String action, String address, int perMinute, long now) {
        return timed(addressBudget.run(List.of(RoomKeys.addressBudget(action, address)),
            List.of(Long.toString(now), Integer.toString(perMinute)))).map(r -> r.toLong() == 1);
    }

    /** The writer id this store commits as. */
    public String writer() {
        return writer;
    }

    static List<String> strings(Response response) {
        List<String> out = new ArrayList<>(response == null ? 0 : response.size());
        if (response != null) {
            for (Response item : response) out.add(item.toString());
        }
        return out;
    }
}
