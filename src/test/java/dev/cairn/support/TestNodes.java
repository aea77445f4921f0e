package dev.cairn.support;

import dev.cairn.CairnNode;
import dev.cairn.config.Settings;
import dev.cairn.config.SettingsLoader;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Starts Cairn nodes on free ports for tests; every node here shares the test Redis unless told otherwise. */
public final class TestNodes {
    private TestNodes() {
    }

    public static CairnNode start() {
        return start(Map.of());
    }

    /** A node on the shared test Redis; {@code env} overrides settings as environment variables would. */
    public static CairnNode start(Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("CAIRN_HTTP_PORT", "0");
        all.put("CAIRN_HTTP_HOST", "127.0.0.1");
        all.put("REDIS_URL", TestRedis.url());
        all.put("CAIRN_EVENT_LOOPS", "1");
        all.putAll(env);
        return start(SettingsLoader.load(all, null));
    }

    public static CairnNode start(Settings settings) {
        try {
            return CairnNode.start(settings, Clock.systemUTC());
        } catch (Exception e) {
            throw new IllegalStateException("node did not start", e);
        }
    }

    public static void stopQuietly(CairnNode node) {
        if (node == null) return;
        try {
            node.stop();
        } catch (Exception e) {
            System.err.println("stopping node: " + e);
        }
    }
}
