package dev.cairn.store;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Redis server a node starts for itself when no Redis is configured: loopback only, on a free
 * port, with an append-only file in the data folder so rooms survive a restart. It requires a
 * password made once per data folder (kept there, readable by its owner only), and the folder is
 * private to its owner, so neither another local user nor another process without the password
 * can read the rooms or the deployment's signing secret.
 */
public final class EmbeddedRedis implements AutoCloseable {
    /** The file in the data folder that holds the password of its Redis. */
    public static final String PASSWORD_FILE = "redis.password";
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final RedisServer server;
    private final int port;
    private final String password;

    private EmbeddedRedis(RedisServer server, int port, String password) {
        this.server = server;
        this.port = port;
        this.password = password;
    }

    /** The default cap for tools and tests that start one without settings. */
    public static final int DEFAULT_MAX_MEMORY_MB = 1024;

    public static EmbeddedRedis start(Path dataDir) {
        return start(dataDir, DEFAULT_MAX_MEMORY_MB);
    }

    /**
     * Starts a Redis on a free loopback port that keeps its data in {@code dataDir} and holds at most
     * {@code maxMemoryMb}: past that it refuses writes with an OOM error (no key is ever evicted, as
     * an evicted room would be a lost room), and Cairn answers {@code unavailable} "storage is full".
     */
    public static EmbeddedRedis start(Path dataDir, int maxMemoryMb) {
        try {
            Path dir = Files.createDirectories(dataDir).toAbsolutePath();
            restrict(dir);
            String password = password(dir);
            int port = freePort();
            RedisServer server = RedisServer.newRedisServer()
                .executableProvider(EmbeddedRedis::executable)
                .bind("127.0.0.1")
                .port(port)
                .setting("requirepass " + password)
                .setting("dir " + dir)
                .setting("appendonly yes")
                .setting("appendfsync everysec")
                .setting("save \"\"")
                .setting("protected-mode yes")
                .setting("maxmemory " + maxMemoryMb + "mb")
                .setting("maxmemory-policy noeviction")
                .build();
            server.start();
            restrict(dir);
            return new EmbeddedRedis(server, port, password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis in " + dataDir, e);
        }
    }

    /**
     * The Redis binary bundled in the embedded-redis jar, unpacked once into the user's own cache
     * folder ({@code ~/.cache/cairn}, private to its owner) and reused by every later start: unpacking
     * its 9.7 MB on each start was a good part of a node's cold start. Put in place atomically, so
     * two nodes starting at once never run a half-written file. Without a usable home folder, the
     * library unpacks it to a temporary file as before.
     */
    private static java.io.File executable() throws IOException {
        var versions = redis.embedded.core.ExecutableProvider.newProvidedVersionsMap();
        String resource = versions.get(redis.embedded.model.OsArchitecture.detectOSandArchitecture());
        Path cache = Path.of(System.getProperty("user.home", ""), ".cache", "cairn");
        if (resource == null || System.getProperty("user.home") == null) {
            return redis.embedded.core.ExecutableProvider.newJarResourceProvider().get();
        }
        Path binary = cache.resolve(Path.of(resource).getFileName().toString());
        if (Files.isExecutable(binary) && Files.size(binary) > 0) return binary.toFile();
        Files.createDirectories(cache);
        if (Files.getFileStore(cache).supportsFileAttributeView("posix")) Files.setPosixFilePermissions(cache, OWNER_DIR);
        Path part = Files.createTempDirectory(cache, "unpacking");
        try {
            java.io.File unpacked = redis.embedded.core.ExecutableProvider.newJarResourceProvider(part::toFile).get();
            unpacked.setExecutable(true, true);
            Files.move(unpacked.toPath(), binary, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (Stream<Path> left = Files.walk(part)) {
                left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return binary.toFile();
    }

    /** The folder and everything in it readable by its owner only (where the file system has POSIX modes). */
    private static void restrict(Path dir) throws IOException {
        if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, Files.isDirectory(p) ? OWNER_DIR : OWNER_FILE);
            }
        }
    }

    /** The data folder's Redis password: made on first start, then read from its file. */
    private static String password(Path dir) throws IOException {
        Path file = dir.resolve(PASSWORD_FILE);
        if (Files.exists(file)) return Files.readString(file, StandardCharsets.US_ASCII).trim();
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) Files.setPosixFilePermissions(file, OWNER_FILE);
        return password;
    }

    /** The URL to connect with, password included: never log it (see {@link #address()}). */
    public String url() {
        return "redis://:" + password + "@127.0.0.1:" + port;
    }

    /** Where it listens, without the password, for logs. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops Redis with SIGTERM, which makes it flush the append-only file before exiting. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
