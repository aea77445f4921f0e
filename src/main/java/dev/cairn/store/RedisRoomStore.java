package dev.cairn.store;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The room store on Redis: one Lua script serializes every commit of a room across all nodes. */
public final class RedisRoomStore implements RoomStore {
    static final int MARK_TTL_SECONDS = 24 * 3600;

    /*
     * KEYS: seq, log, snapshot, history, turn, mark1..markN
     * ARGV: expectedSeq, channel, logSize, snapshot or '', markTtl, eventCount, historyCount, writer,
     *       events..., historyEntries..., markValues...
     * Returns {1, newSeq} | {0, currentSeq, missedFrames} | {-1, markIndex, markedSeq}
     *
     * Fairness: a writer (one event loop of a node) that loses a race claims the next turn for
     * 200 ms; meanwhile other writers' commits are refused as conflicts, so a busy node cannot
     * starve another one by always committing first.
     */
    private static final String COMMIT_SCRIPT = """
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        local expected = tonumber(ARGV[1])
        local turn = redis.call('GET', KEYS[5])
        if current ~= expected or (turn and turn ~= ARGV[8]) then
          if not turn then redis.call('SET', KEYS[5], ARGV[8], 'PX', 200) end
          return {0, current, redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. expected, '+inf')}
        end
        for i = 6, #KEYS do
          local marked = redis.call('GET', KEYS[i])
          if marked then return {-1, i - 5, tonumber(marked)} end
        end
        if turn then redis.call('DEL', KEYS[5]) end
        local n = tonumber(ARGV[6])
        local h = tonumber(ARGV[7])
        for i = 1, n do
          redis.call('ZADD', KEYS[2], expected + i, ARGV[8 + i])
        end
        redis.call('SET', KEYS[1], expected + n)
        redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[3]) - 1)
        if ARGV[4] ~= '' then redis.call('SET', KEYS[3], ARGV[4]) end
        for i = 1, h do
          redis.call('RPUSH', KEYS[4], ARGV[8 + n + i])
        end
        for i = 6, #KEYS do
          redis.call('SET', KEYS[i], ARGV[8 + n + h + i - 5], 'EX', ARGV[5])
        end
        redis.call('PUBLISH', ARGV[2], '[' .. table.concat(ARGV, ',', 9, 8 + n) .. ']')
        return {1, expected + n}
        """;

    private final RedisAPI redis;
    private final int logSize;
    private final LuaScript commit;

    private final String writer;

    /** {@code writer} names this event loop in the fairness turn; unique per event loop of the deployment. */
    public RedisRoomStore(RedisAPI redis, int logSize, String writer) {
        this.redis = redis;
        this.writer = writer;
        this.logSize = logSize;
        this.commit = new LuaScript(redis, COMMIT_SCRIPT);
    }

    @Override
    public Future<CommitResult> commit(String roomId, long expectedSeq, List<String> events, List<String> history,
                                       Map<String, Long> commandMarks, String snapshotJson) {
        RoomKeys keys = new RoomKeys(roomId);
        List<String> markKeys = new ArrayList<>(commandMarks.keySet());
        List<String> keyList = new ArrayList<>(List.of(keys.seq(), keys.log(), keys.snapshot(), keys.history(),
            keys.turn()));
        keyList.addAll(markKeys);
        List<String> args = new ArrayList<>(List.of(Long.toString(expectedSeq), keys.channel(),
            Integer.toString(logSize), snapshotJson == null ? "" : snapshotJson,
            Integer.toString(MARK_TTL_SECONDS), Integer.toString(events.size()), Integer.toString(history.size()), writer));
        args.addAll(events);
        args.addAll(history);
        for (String key : markKeys) args.add(Long.toString(commandMarks.get(key)));
        return commit.run(keyList, args).map(r -> {
            long status = r.get(0).toLong();
            if (status == 1) return new CommitResult.Committed(r.get(1).toLong());
            if (status == 0) return new CommitResult.Conflict(r.get(1).toLong(), strings(r.get(2)));
            return new CommitResult.Duplicate(markKeys.get(r.get(1).toInteger() - 1), r.get(2).toLong());
        });
    }

    @Override
    public Future<LoadedRoom> load(String roomId, int limit) {
        RoomKeys keys = new RoomKeys(roomId);
        Future<Response> snapshot = redis.get(keys.snapshot());
        Future<Response> recent = redis.zrange(List.of(keys.log(), Integer.toString(-limit), "-1"));
        return Future.all(snapshot, recent).map(done -> new LoadedRoom(
            snapshot.result() == null ? null : snapshot.result().toString(), strings(recent.result())));
    }

    @Override
    public Future<List<String>> eventsAfter(String roomId, long afterSeq) {
        return redis.zrangebyscore(List.of(new RoomKeys(roomId).log(), "(" + afterSeq, "+inf"))
            .map(RedisRoomStore::strings);
    }

    @Override
    public Future<List<String>> history(String roomId, long from, long count) {
        return redis.lrange(new RoomKeys(roomId).history(), Long.toString(from), Long.toString(from + count - 1))
            .map(RedisRoomStore::strings);
    }

    @Override
    public Future<Map<String, Long>> findMarks(List<String> markKeys) {
        if (markKeys.isEmpty()) return Future.succeededFuture(Map.of());
        return redis.mget(markKeys).map(r -> {
            Map<String, Long> found = new HashMap<>();
            for (int i = 0; i < markKeys.size(); i++) {
                if (r.get(i) != null) found.put(markKeys.get(i), r.get(i).toLong());
            }
            return found;
        });
    }

    static List<String> strings(Response response) {
        List<String> out = new ArrayList<>(response == null ? 0 : response.size());
        if (response != null) {
            for (Response item : response) out.add(item.toString());
        }
        return out;
    }
}
