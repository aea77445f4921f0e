package dev.cairn.support;

import dev.cairn.CairnNode;
import dev.cairn.config.Settings;
import dev.cairn.config.SettingsLoader;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts Cairn nodes on free ports for tests, each with two event loops (as on a 2-core machine:
 * rooms and sockets are spread over both, so races between loops show); every node here shares
 * the test Redis unless told otherwise. Stopping a node fails the test if any handler of the node
 * let an exception escape.
 */
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
        all.put("CAIRN_EVENT_LOOPS", "2");
        // Tests create and join many rooms from one address; the test of those limits sets its own.
        all.put("CAIRN_LIMITS_CREATES_PER_MINUTE", "1000000");
        all.put("CAIRN_LIMITS_JOINS_PER_MINUTE", "1000000");
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

    /** SEVERE records Cairn's own loggers wrote in this JVM, not yet expected by a test. */
    private static final List<java.util.logging.LogRecord> SEVERE = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its handler. */
    private static final List<java.util.logging.Logger> LOGGERS = List.of(
        java.util.logging.Logger.getLogger("dev.cairn"), java.util.logging.Logger.getLogger("cairn"));

    static {
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) SEVERE.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        for (java.util.logging.Logger logger : LOGGERS) logger.addHandler(capture);
    }

    /** A test that provokes a SEVERE line on purpose takes it out, so that stopping its node does not fail. */
    public static void expectLogged(String containing) {
        if (!SEVERE.removeIf(r -> String.valueOf(r.getMessage()).contains(containing))) {
            throw new AssertionError("expected a SEVERE log line containing '" + containing + "'");
        }
    }

    /** Stops the node; then fails if it logged an unhandled exception or any SEVERE line while tests ran. */
    public static void stopQuietly(CairnNode node) {
        if (node == null) return;
        try {
            node.stop();
        } catch (Exception e) {
            System.err.println("stopping node: " + e);
        }
        List<Throwable> unhandled = node.unhandledExceptions();
        if (!unhandled.isEmpty()) {
            AssertionError failure = new AssertionError("the node logged " + unhandled.size()
                + " unhandled exception(s); the first: " + unhandled.get(0));
            unhandled.forEach(failure::addSuppressed);
            SEVERE.clear();
            throw failure;
        }
        if (!SEVERE.isEmpty()) {
            List<java.util.logging.LogRecord> logged = List.copyOf(SEVERE);
            SEVERE.clear();
            throw new AssertionError("a node logged " + logged.size() + " SEVERE line(s); the first: "
                + logged.get(0).getLoggerName() + ": " + logged.get(0).getMessage());
        }
    }
}
