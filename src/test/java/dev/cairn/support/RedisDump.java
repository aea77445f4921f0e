package dev.cairn.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Every key of one room in the test Redis (and the set of due rooms) with its whole content as text, read with a Redis client. */
public final class RedisDump {
    private RedisDump() {
    }

    /** Key (with its type) → content, every value of a hash, stream, list or set flattened one per line. */
    public static Map<String, String> room(String roomId) {
        Vertx vertx = Vertx.vertx();
        Redis client = Redis.createClient(vertx, TestRedis.url());
        Map<String, String> out = new LinkedHashMap<>();
        try {
            RedisAPI api = RedisAPI.api(client);
            List<String> keys = new ArrayList<>();
            String cursor = "0";
            do {
                Response page = sync(api.scan(List.of(cursor, "MATCH", "cairn:{" + roomId + "}*", "COUNT", "1000")));
                cursor = page.get(0).toString();
                for (Response k : page.get(1)) keys.add(k.toString());
            } while (!cursor.equals("0"));
            keys.add("cairn:due");
            for (String key : keys) {
                String type = sync(api.type(key)).toString();
                Response content = switch (type) {
                    case "string" -> sync(api.get(key));
                    case "stream" -> sync(api.xrange(List.of(key, "-", "+")));
                    case "list" -> sync(api.lrange(key, "0", "-1"));
                    case "hash" -> sync(api.hgetall(key));
                    case "zset" -> sync(api.zrange(List.of(key, "0", "-1", "WITHSCORES")));
                    case "set" -> sync(api.smembers(key));
                    default -> null;
                };
                out.put(key + " (" + type + ")", flatten(content));
            }
        } finally {
            client.close();
            sync(vertx.close());
        }
        return out;
    }

    private static String flatten(Response r) {
        if (r == null) return "";
        if (r.type() == ResponseType.MULTI) {
            StringBuilder b = new StringBuilder();
            for (Response x : r) b.append(flatten(x)).append('\n');
            return b.toString();
        }
        return r.toString();
    }

    private static <T> T sync(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
