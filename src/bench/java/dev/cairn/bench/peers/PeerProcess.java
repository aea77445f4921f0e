package dev.cairn.bench.peers;

import dev.cairn.bench.ProcessStats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One peer process (a Node.js server or a redis-server) started by the harness, with the same
 * /proc based CPU and memory readings that the Cairn scenarios take of a Cairn node. The process is
 * killed when the harness JVM exits, however it exits.
 */
final class PeerProcess implements AutoCloseable {
    final String label;
    final int port;
    final Process process;

    private PeerProcess(String label, int port, Process process) {
        this.label = label;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts {@code command} in the working directory with {@code env} added to the environment and
     * waits (up to 60 s) until a line of its output contains {@code readyMarker}.
     */
    static PeerProcess start(String label, int port, List<String> command, Map<String, String> env, String readyMarker)
        throws Exception {
        List<String> pinned = new java.util.ArrayList<>(dev.cairn.bench.Pinning.serverPrefix());
        pinned.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(pinned).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread reaper = new Thread(process::destroyForcibly, "reap-" + label);
        Runtime.getRuntime().addShutdownHook(reaper);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.contains(readyMarker)) ready.complete(null);
                    String lower = line.toLowerCase();
                    if (System.getenv("BENCH_VERBOSE") != null || lower.contains("error")) {
                        System.err.println("[" + label + "] " + line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException(label + " exited before it was ready"));
        }, "output-" + label);
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        return new PeerProcess(label, port, process);
    }

    /** A throwaway redis-server on loopback: no snapshots, no append-only file. */
    static PeerProcess redis() throws Exception {
        int port = freePort();
        return start("redis " + port, port, List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--protected-mode", "no"), Map.of(), "Ready to accept connections");
    }

    /** A Node.js peer from bench/peers, with its packages resolved from bench/scratch/peers. */
    static PeerProcess node(String script, Map<String, String> env) throws Exception {
        int port = freePort();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PORT", Integer.toString(port));
        all.put("HOST", "127.0.0.1");
        all.put("NODE_ENV", "production");
        all.put("NODE_PATH", Peers.MODULES.toAbsolutePath().toString());
        return start(script + " " + port, port, List.of("node", Peers.DIR.resolve(script).toString()), all, "peer ready");
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** CPU seconds (user + system) the process has used so far. */
    double cpuSeconds() {
        return ProcessStats.cpuSeconds(process.pid());
    }

    /** Resident memory of the process, in MiB. */
    double rssMiB() {
        return ProcessStats.rssMiB(process.pid());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
