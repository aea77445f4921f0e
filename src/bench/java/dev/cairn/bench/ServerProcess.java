package dev.cairn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Cairn node in its own JVM, so that its CPU and memory can be measured apart from the load, and
 * so that the fault tests can kill it for real (SIGKILL, SIGTERM).
 */
public final class ServerProcess implements AutoCloseable {
    public final int port;
    final Process process;
    private final List<String> severe;
    final long startedNanos;
    final long readyNanos;

    private ServerProcess(int port, Process process, long startedNanos, long readyNanos, List<String> severe) {
        this.port = port;
        this.severe = severe;
        this.process = process;
        this.startedNanos = startedNanos;
        this.readyNanos = readyNanos;
    }

    /** Starts a node; {@code env} adds settings (REDIS_URL, limits...). Waits for its ready line. */
    public static ServerProcess start(Map<String, String> env, List<String> jvmArgs) throws Exception {
        int port = freePort();
        Path data = Files.createTempDirectory("cairn-bench-data");
        List<String> command = new java.util.ArrayList<>(Pinning.serverPrefix());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        String extra = System.getenv("BENCH_SERVER_JVM");
        if (extra != null && !extra.isBlank()) command.addAll(List.of(extra.trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.cairn.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> all = new HashMap<>(Map.of("CAIRN_HTTP_PORT", Integer.toString(port),
            "CAIRN_HTTP_HOST", "127.0.0.1", "CAIRN_DATA_DIR", data.toString(),
            "CAIRN_LIMITS_COMMANDS_PER_SECOND", "100000", "CAIRN_LIMITS_COMMAND_BURST", "100000",
            "CAIRN_LIMITS_MAX_MEMBERS", "1000000"));
        all.put("CAIRN_LIMITS_CREATES_PER_MINUTE", "1000000");
        all.put("CAIRN_LIMITS_JOINS_PER_MINUTE", "1000000");
        all.put("CAIRN_LIMITS_SOCKETS_PER_MEMBER", "10000");
        if (System.getenv("BENCH_EVENT_LOOPS") != null) all.put("CAIRN_EVENT_LOOPS", System.getenv("BENCH_EVENT_LOOPS"));
        all.putAll(env);
        builder.environment().putAll(all);
        long started = System.nanoTime();
        Process process = builder.start();
        List<String> severe = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Long> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("Cairn is running")) ready.complete(System.nanoTime());
                    if (line.contains("SEVERE")) severe.add(line);
                    if (System.getenv("BENCH_VERBOSE") != null || line.contains("SEVERE") || line.contains("Exception")) {
                        System.err.println("[server " + port + "] " + line);
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
            ready.completeExceptionally(new IllegalStateException("server exited before it was ready"));
        }, "server-output-" + port);
        reader.setDaemon(true);
        reader.start();
        long readyAt = ready.get(60, TimeUnit.SECONDS);
        return new ServerProcess(port, process, started, readyAt, severe);
    }

    /** CPU seconds (user + system) the server process has used so far (its embedded Redis not counted). */
    double cpuSeconds() {
        return ProcessStats.cpuSeconds(process.pid());
    }

    /** CPU seconds of the processes this server started (its embedded Redis), so far. */
    double childCpuSeconds() {
        return process.toHandle().children().mapToDouble(h -> ProcessStats.cpuSeconds(h.pid())).sum();
    }

    /** Resident memory of the server process, in MiB. */
    double rssMiB() {
        return ProcessStats.rssMiB(process.pid());
    }

    /** {resident MiB, live heap MiB} after asking the server's JVM for a full GC (jcmd). */
    double[] memoryAfterGc() throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        Process info = new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes());
        info.waitFor(30, TimeUnit.SECONDS);
        double heap = Double.NaN;
        var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
        if (m.find()) heap = Long.parseLong(m.group(1)) / 1024.0;
        return new double[] {rssMiB(), heap};
    }

    /**
     * Native memory the server's JVM has committed outside the Java heap, in KiB, from Native
     * Memory Tracking (the server must run with {@code -XX:NativeMemoryTracking=summary}); NaN
     * without it. Threads, code, GC structures, metaspace, and direct buffers (Netty's pools).
     */
    double nativeOutsideHeapKiB() throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process info = new ProcessBuilder(jcmd, Long.toString(process.pid()), "VM.native_memory", "summary").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes());
        info.waitFor(30, TimeUnit.SECONDS);
        var total = java.util.regex.Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(out);
        var heap = java.util.regex.Pattern.compile("Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(out);
        if (!total.find() || !heap.find()) return Double.NaN;
        return Long.parseLong(total.group(1)) - Long.parseLong(heap.group(1));
    }

    /** SIGKILL: the node gets no chance to do anything. */
    public void kill() {
        process.destroyForcibly();
    }

    /** SIGTERM: the node shuts down as an operator's stop would ask it to. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code, or -1 if it is still running after {@code seconds}. */
    public int awaitExit(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** The lines the node logged at SEVERE so far (an unhandled exception among them). */
    public List<String> severeLines() {
        return List.copyOf(severe);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
