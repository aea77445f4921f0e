package dev.cairn.bench;

import java.util.List;
import java.util.Map;

/**
 * Which CPU cores the server under test and the load harness run on. A load harness that shares
 * its cores with the server measures itself as much as the server: pinned, the server (with the
 * Redis it starts, which inherits its affinity) gets core 0 and the harness the others, so the
 * server's figures are those of one core, and the harness's own CPU use is reported beside them.
 * {@code --pin on|off}; on by default for the fan-out scenarios on a machine of 2 cores or more.
 */
public final class Pinning {
    private static volatile boolean on;

    private Pinning() {
    }

    /** Decides from the options and, when pinning, moves every thread of this JVM off the server's core. */
    static void configure(String scenario, Map<String, String> options) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        boolean byDefault = scenario.startsWith("fanout");
        String pin = options.getOrDefault("pin", byDefault ? "on" : "off");
        on = pin.equals("on") && cores >= 2 && new java.io.File("/usr/bin/taskset").canExecute();
        if (on) {
            String harness = "1-" + (cores - 1);
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", harness, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) throw new IllegalStateException("taskset could not pin the harness");
            System.err.println("pinning: server (and its Redis) on core 0, harness on cores " + harness);
        }
    }

    static boolean on() {
        return on;
    }

    /** The prefix that starts a server process on core 0, or nothing when not pinning. */
    public static List<String> serverPrefix() {
        return on ? List.of("taskset", "-c", "0") : List.of();
    }
}
