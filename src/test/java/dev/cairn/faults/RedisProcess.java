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
 * Append-only is on with the default {@code appendfsync everysec}.
 */
final class RedisProcess implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final List<String> extra;
    private Process process;

    private RedisProcess(int port, Path dir, List<String> extra) {
        this.port = port;
        this.dir = dir;
        this.extra = extra;
    }

    /** Starts a server on a free port with a fresh data folder. */
    static RedisProcess start(String... extraArgs) throws Exception {
        RedisProcess redis = new RedisProcess(freePort(), Files.createTempDirectory("cairn-fault-redis"), List.of(extraArgs));
        redis.startAgain();
        return redis;
    }

    /** Starts the server (again) on its port and folder, and waits until it answers. */
    void startAgain() throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
            "--bind", "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes", "--save", "",
            "--protected-mode", "no", "--daemonize", "no", "--loglevel", "notice"));
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
