package dev.cairn.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.Wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where the peers live, how to install them, and which versions ran. */
final class Peers {
    /** The peer servers' sources and install script. */
    static final Path DIR = Path.of("bench", "peers");
    /** Where install.sh puts their npm packages (git-ignored). */
    static final Path SCRATCH = Path.of("bench", "scratch", "peers");
    static final Path MODULES = SCRATCH.resolve("node_modules");

    private Peers() {
    }

    /** Runs bench/peers/install.sh, which returns at once when the locked packages are already there. */
    static void ensureInstalled() throws Exception {
        Process p = new ProcessBuilder("bash", DIR.resolve("install.sh").toString()).inheritIO().start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("bench/peers/install.sh failed");
        }
    }

    /** Installed version of an npm package, read from its package.json. */
    static String npmVersion(String name) {
        try {
            JsonNode pkg = Wire.tree(Files.readString(MODULES.resolve(name).resolve("package.json")));
            return pkg.path("version").asText("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** First line that {@code command} prints, e.g. a version banner. */
    static String firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            int nl = out.indexOf('\n');
            return nl < 0 ? out : out.substring(0, nl);
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    /**
     * The 1, 5 and 15 minute load averages and the number of cores, for the report: on a machine
     * shared with other work the figures mean little unless the load was low.
     */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** CPU seconds all cores of the machine have been busy (not idle, not waiting on I/O) since boot. */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal: all but idle and iowait
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) busy += Long.parseLong(f[i]);
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds the harness's own JVM has used so far. */
    static double harnessCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The versions of the software that ran, for the JSON report. */
    static Map<String, Object> versions(String... npmPackages) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", firstLine("node", "--version"));
        for (String name : npmPackages) out.put(name, npmVersion(name));
        return out;
    }
}
