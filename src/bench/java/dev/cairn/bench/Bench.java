package dev.cairn.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The load harness: {@code bench/run.sh SCENARIO [--key value ...]}. Every scenario starts its own
 * server process(es), drives them over real WebSockets on loopback, stops by itself, and reports
 * a table and bench/results/SCENARIO.json.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench/run.sh connections|coedit|fanout|twonodes|restart|coldstart|fanout-socketio|coedit-sharedb|compare [--key value ...]");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        Pinning.configure(args[0], options);
        switch (args[0]) {
            case "coedit" -> CoEditing.run(options);
            case "coldstart" -> ColdStart.run(options);
            case "fanout" -> FanOut.run(options, false);
            case "twonodes" -> FanOut.run(options, true);
            case "restart" -> Restart.run(options);
            case "connections" -> Connections.run(options);
            case "compare" -> Compare.run(options);
            case "fanout-socketio", "coedit-sharedb" -> dev.cairn.bench.peers.PeerBench.run(args[0], options);
            default -> {
                System.err.println("unknown scenario " + args[0] + "; known: connections, coedit, fanout, twonodes, restart, coldstart, fanout-socketio, coedit-sharedb, compare");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /**
     * {@code --redis-url URL} points the server at that Redis; without it the server starts its
     * embedded Redis with an append-only file, as a single node does in production.
     */
    static Map<String, String> redisEnv(Map<String, String> options) {
        return options.containsKey("redis-url") ? Map.of("REDIS_URL", options.get("redis-url")) : Map.of();
    }

    static int intOption(Map<String, String> options, String key, int fallback) {
        return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
    }

    static int[] intsOption(Map<String, String> options, String key, int... fallback) {
        return options.containsKey(key) ? Arrays.stream(options.get(key).split(",")).mapToInt(Integer::parseInt).toArray() : fallback;
    }
}
