package dev.cairn.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Debian {@code redis-server} process on loopback that a test can kill (SIGKILL), stop (SIGTERM)
 * and start again on the same port with the same data folder, as an operator's Redis would be.
 * Append-only is on with the default {@code appendfsync everysec}. The same binary also runs a
 * replica ({@code --replicaof}), a Sentinel ({@link #sentinel}) or a Redis Cluster node
 * ({@code --cluster-enabled yes}).
 */
final class RedisProcess implements AutoCloseable {
    final int port;
    private final Path dir;
    private final List<String> extra;
    private final Path sentinelConfig;
    private Process process;

    private RedisProcess(int port, Path dir, List<String> extra, Path sentinelConfig) {
        this.port = port;
        this.dir = dir;
        this.extra = extra;
        this.sentinelConfig = sentinelConfig;
    }

    /** Starts a server on a free port with a fresh data folder. */
    static RedisProcess start(String... extraArgs) throws Exception {
        RedisProcess redis = new RedisProcess(freePort(), Files.createTempDirectory("cairn-fault-redis"), List.of(extraArgs), null);
        redis.startAgain();
        return redis;
    }

    /**
     * Starts a Sentinel watching the primary at {@code primaryPort} under {@code masterName}, with a
     * quorum of two, that calls the primary down after {@code downAfterMs} without an answer.
     */
    static RedisProcess sentinel(String masterName, int primaryPort, long downAfterMs, long failoverTimeoutMs) throws Exception {
        Path dir = Files.createTempDirectory("cairn-fault-sentinel");
        Path config = dir.resolve("sentinel.conf");
        int port = freePort();
        Files.writeString(config, String.join("\n",
            "port " + port, "bind 127.0.0.1", "protected-mode no", "dir " + dir,
            "sentinel monitor " + masterName + " 127.0.0.1 " + primaryPort + " 2",
            "sentinel down-after-milliseconds " + masterName + " " + downAfterMs,
            "sentinel failover-timeout " + masterName + " " + failoverTimeoutMs,
            "sentinel parallel-syncs " + masterName + " 1", ""));
        RedisProcess sentinel = new RedisProcess(port, dir, List.of(), config);
        sentinel.startAgain();
        return sentinel;
    }

    /** Starts the server (again) on its port and folder, and waits until it answers. */
    void startAgain() throws Exception {
        List<String> command = new ArrayList<>();
        if (sentinelConfig != null) {
            command.addAll(List.of("redis-server", sentinelConfig.toString(), "--sentinel"));
        } else {
            command.addAll(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes", "--save", "",
                "--protected-mode", "no", "--daemonize", "no", "--loglevel", "notice"));
        }
        command.addAll(extra);
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            if (answersPing()) return;
            Thread.sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer within 20 s");
    }

    private boolean answersPing() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = new byte[7];
            int n = s.getInputStream().read(reply);
            return n > 0 && new String(reply, 0, n).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM (Redis flushes its append-only file and exits), then waits for it. */
    void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Runs one command with {@code redis-cli} against this server; its output, trimmed. */
    String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(cli.getInputStream().readAllBytes());
        if (!cli.waitFor(20, TimeUnit.SECONDS)) cli.destroyForcibly();
        return out.trim();
    }

    static int freePortNumber() throws IOException {
        return freePort();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
