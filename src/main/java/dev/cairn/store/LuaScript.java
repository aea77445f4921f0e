package dev.cairn.store;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A Lua script run by its SHA1, sent whole only when Redis does not know it (first use, or after a restart). */
public final class LuaScript {
    private final RedisAPI redis;
    private final String source;
    private final String sha;

    public LuaScript(RedisAPI redis, String source) {
        this.redis = redis;
        this.source = source;
        this.sha = sha1(source);
    }

    public Future<Response> run(List<String> keys, List<String> args) {
        return redis.evalsha(argv(sha, keys, args)).recover(err -> {
            if (err.getMessage() != null && err.getMessage().startsWith("NOSCRIPT")) {
                return redis.eval(argv(source, keys, args));
            }
            return Future.failedFuture(err);
        });
    }

    private static List<String> argv(String script, List<String> keys, List<String> args) {
        List<String> argv = new ArrayList<>(2 + keys.size() + args.size());
        argv.add(script);
        argv.add(Integer.toString(keys.size()));
        argv.addAll(keys);
        argv.addAll(args);
        return argv;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
