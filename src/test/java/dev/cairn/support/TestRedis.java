package dev.cairn.support;

import dev.cairn.store.EmbeddedRedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Redis every integration test of this JVM talks to: {@code REDIS_URL} when set (CI may point
 * at a Debian redis-server), otherwise one embedded server started on first use.
 */
public final class TestRedis {
    private static String url;

    private TestRedis() {
    }

    public static synchronized String url() {
        if (url != null) return url;
        String configured = System.getenv("REDIS_URL");
        if (configured != null && !configured.isBlank()) {
            url = configured;
        } else {
            try {
                EmbeddedRedis redis = EmbeddedRedis.start(Files.createTempDirectory("cairn-test-redis"));
                Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
                url = redis.url();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return url;
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
