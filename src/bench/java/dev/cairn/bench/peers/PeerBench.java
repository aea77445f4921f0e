package dev.cairn.bench.peers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Entry point of the peer scenarios: the same loads as the Cairn scenarios, driven against
 * established real-time servers (bench/peers) so the figures can be read side by side.
 * <pre>
 *   fanout-socketio [--rooms 20 --members 50 --senders 2 --rates 200,500,... --seconds 8 --nodes 1|2 --goal 50 --confirm 0]
 *   coedit-sharedb  [--editors 50,100,200 --rate 5 --seconds 20 --warmup 5 --full 10]
 * </pre>
 * Each scenario installs the peers if needed, starts its own redis-server and Node.js processes,
 * drives them over loopback, stops them, prints a table and writes bench/results/SCENARIO.json.
 * A watchdog ends the run after {@code --deadline} seconds (default 600) whatever happens.
 */
public final class PeerBench {
    private PeerBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: PeerBench fanout-socketio|coedit-sharedb [--key value ...]");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        run(args[0], options);
        System.exit(0);
    }

    /**
     * Runs one peer scenario; for a caller such as Bench's switch. Returns when the scenario has
     * stopped its processes and written its report; a watchdog ends the JVM if it has not after
     * {@code --deadline} seconds.
     */
    public static void run(String scenario, Map<String, String> options) throws Exception {
        startWatchdog(intOption(options, "deadline", 600));
        switch (scenario) {
            case "fanout-socketio" -> SocketIoFanOut.run(options);
            case "coedit-sharedb" -> ShareDbCoEditing.run(options);
            default -> {
                System.err.println("unknown peer scenario " + scenario + "; known: fanout-socketio, coedit-sharedb");
                System.exit(2);
            }
        }
    }

    /** Ends the JVM (and, through the shutdown hooks, every peer process) after {@code seconds}. */
    private static void startWatchdog(int seconds) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000L);
                System.err.println("peer bench: deadline of " + seconds + " s passed, stopping");
                System.exit(3);
            } catch (InterruptedException ignored) {
                // not reached: the JVM exits first
            }
        }, "peer-bench-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    static int intOption(Map<String, String> options, String key, int fallback) {
        return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
    }

    static int[] intsOption(Map<String, String> options, String key, int... fallback) {
        return options.containsKey(key) ? Arrays.stream(options.get(key).split(",")).mapToInt(Integer::parseInt).toArray() : fallback;
    }

    static void waitFor(String what, java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        if (!await(condition, seconds)) throw new IllegalStateException("timed out: " + what);
    }

    /** Polls {@code condition} until it holds (true) or {@code seconds} pass (false). */
    static boolean await(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(20);
        }
        return true;
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) Thread.sleep(Math.max(1, left / 1_000_000));
    }
}
