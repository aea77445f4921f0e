package dev.cairn.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback TCP proxy that integration tests put between Cairn nodes and a real Redis to delay, freeze or cut
 * the nodes' pub/sub (SUBSCRIBE) connections while every other connection passes through untouched.
 *
 * <p>Each accepted connection gets one outgoing connection to Redis and two daemon pump threads (client to
 * server, server to client). A pump holds at most one chunk it has read but not yet written; while a chunk is
 * held or frozen the pump stops reading, so anything sent after it waits in the kernel socket buffers and is
 * forwarded in order afterwards. All proxy state is guarded by one monitor; socket writes happen outside it.
 */
public final class RedisProxy implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /** Upper bound for internal waits (release flushing a held SUBSCRIBE, freeze waiting for an in-flight write). */
    private static final long INTERNAL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Pumps parked on the monitor re-check their state at least this often, even if a notify were missed. */
    private static final long WAIT_SLICE_MS = 1_000;

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final String url;
    private final AtomicInteger ids = new AtomicInteger();

    private final Object lock = new Object();
    private final Set<Link> links = new LinkedHashSet<>(); // guarded by lock
    private boolean repliesHeld; // guarded by lock
    private boolean held; // guarded by lock
    private boolean closed; // guarded by lock

    private RedisProxy(ServerSocket listener, String targetHost, int targetPort, String url) {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.url = url;
    }

    /** Starts a proxy on a free loopback port forwarding to the Redis of {@code redisUrl} ({@code redis://host:port}); use it in a test's setup. */
    public static RedisProxy start(String redisUrl) {
        URI uri = URI.create(redisUrl);
        if (uri.getHost() == null) throw new IllegalArgumentException("no host in Redis URL " + redisUrl);
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        ServerSocket listener;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("could not listen on loopback", e);
        }
        // Keep any credentials or database path of the original URL so the proxied URL is a drop-in replacement.
        String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String proxyUrl = "redis://" + userInfo + "127.0.0.1:" + listener.getLocalPort() + path;
        RedisProxy proxy = new RedisProxy(listener, host, port, proxyUrl);
        Thread acceptor = new Thread(proxy::acceptLoop, "redis-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** The URL nodes under test should use instead of the real Redis URL: {@code redis://127.0.0.1:<proxyPort>}. */
    public String url() {
        return url;
    }

    /** The loopback port the proxy listens on, for tests that open raw sockets. */
    public int port() {
        return listener.getLocalPort();
    }

    /** From now on, parks every subscriber chunk containing a SUBSCRIBE (and all that connection sends after it) until {@link #releaseSubscribes()}. */
    public void holdSubscribes() {
        synchronized (lock) {
            held = true;
        }
    }

    /** Stops holding and forwards every held SUBSCRIBE in order; returns once they were written to Redis (frozen connections flush on thaw). */
    public void releaseSubscribes() {
        synchronized (lock) {
            held = false;
            lock.notifyAll();
            long deadline = System.nanoTime() + INTERNAL_TIMEOUT_NANOS;
            while (links.stream().anyMatch(l -> l.holding && !l.frozen && !l.closed)) {
                waitUntil(deadline, "held SUBSCRIBE was not forwarded to Redis");
            }
        }
    }

    /** Blocks until at least one SUBSCRIBE is being held, so a test knows a node tried to subscribe; throws IllegalStateException on timeout. */
    public void awaitHeldSubscribe(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (heldCountLocked() == 0) {
                waitUntil(deadline, "no SUBSCRIBE was held within " + timeout);
            }
        }
    }

    /** How many connections currently have a SUBSCRIBE parked by {@link #holdSubscribes()}. */
    public int heldCount() {
        synchronized (lock) {
            return heldCountLocked();
        }
    }

    /** Makes every current subscriber connection a silent half-open link (nothing forwarded either way, nothing closed) until {@link #thawSubscribers()}. */
    public void freezeSubscribers() {
        synchronized (lock) {
            for (Link link : links) {
                if (link.subscriber && !link.closed) link.frozen = true;
            }
            // A write that started before the freeze finishes before we return; none starts after.
            long deadline = System.nanoTime() + INTERNAL_TIMEOUT_NANOS;
            while (links.stream().anyMatch(l -> l.frozen && l.inFlight > 0 && !l.closed)) {
                waitUntil(deadline, "a write in flight did not finish");
            }
        }
    }

    /**
     * Holds every reply Redis sends on the connections that are not subscribers: commands still
     * reach Redis and run, but the node hears nothing back (a commit whose answer is lost).
     */
    public void holdReplies() {
        synchronized (lock) {
            repliesHeld = true;
        }
    }

    /** Forwards the held replies, in order, and stops holding. */
    public void releaseReplies() {
        synchronized (lock) {
            repliesHeld = false;
            lock.notifyAll();
        }
    }

    /** Resumes forwarding on every frozen connection, including data that arrived while frozen. */
    public void thawSubscribers() {
        synchronized (lock) {
            for (Link link : links) link.frozen = false;
            lock.notifyAll();
        }
    }

    /** How many open connections are frozen right now. */
    public int frozenCount() {
        synchronized (lock) {
            return (int) links.stream().filter(l -> l.frozen).count();
        }
    }

    /** Abruptly closes both sides of every subscriber connection, as a network cut would; returns how many were closed. */
    public int killSubscribers() {
        List<Link> victims = new ArrayList<>();
        synchronized (lock) {
            for (Link link : links) {
                if (link.subscriber) victims.add(link);
            }
        }
        for (Link link : victims) closeLink(link);
        return victims.size();
    }

    /** How many proxied connections are open, for assertions. */
    public int connectionCount() {
        synchronized (lock) {
            return links.size();
        }
    }

    /** How many open connections have sent a SUBSCRIBE at some point, for assertions. */
    public int subscriberCount() {
        synchronized (lock) {
            return (int) links.stream().filter(l -> l.subscriber).count();
        }
    }

    /** Closes the listener and every proxied connection; use it in a test's teardown. */
    @Override
    public void close() {
        List<Link> all;
        synchronized (lock) {
            closed = true;
            held = false;
            all = new ArrayList<>(links);
            lock.notifyAll();
        }
        closeQuietly(listener);
        for (Link link : all) closeLink(link);
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed (or broken): no retry loop
            }
            Socket server = new Socket();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            Link link = new Link(ids.incrementAndGet(), client, server);
            synchronized (lock) {
                if (closed) {
                    closeQuietly(client);
                    closeQuietly(server);
                    return;
                }
                links.add(link);
            }
            startPump(link, true);
            startPump(link, false);
        }
    }

    private void startPump(Link link, boolean upstream) {
        Thread thread = new Thread(() -> pump(link, upstream),
            "redis-proxy-" + port() + "-" + link.id + (upstream ? "-c2s" : "-s2c"));
        thread.setDaemon(true);
        thread.start();
    }

    /** Copies one direction of a link until either side closes, then closes the whole link. */
    private void pump(Link link, boolean upstream) {
        SubscribeDetector detector = upstream ? new SubscribeDetector() : null;
        byte[] buf = new byte[BUFFER];
        try {
            InputStream in = (upstream ? link.client : link.server).getInputStream();
            OutputStream out = (upstream ? link.server : link.client).getOutputStream();
            while (true) {
                int n = in.read(buf);
                if (n < 0) break;
                boolean subscribe = detector != null && detector.accept(buf, n);
                if (subscribe) link.subscriber = true;
                if (!awaitTurn(link, subscribe, upstream)) break;
                try {
                    out.write(buf, 0, n);
                    out.flush();
                } finally {
                    finishTurn(link, upstream);
                }
            }
        } catch (IOException e) {
            // reset or closed by killSubscribers/close: the link ends either way
        } finally {
            closeLink(link);
        }
    }

    /** Parks the pump while its chunk is held or its link frozen; false when the link closed meanwhile. */
    private boolean awaitTurn(Link link, boolean subscribe, boolean upstream) {
        synchronized (lock) {
            if (subscribe && held && !link.closed) {
                link.holding = true;
                lock.notifyAll();
            }
            try {
                while (!link.closed && ((link.holding && held) || link.frozen
                    || (!upstream && repliesHeld && !link.subscriber))) {
                    lock.wait(WAIT_SLICE_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (link.closed) return false;
            link.inFlight++;
            return true;
        }
    }

    private void finishTurn(Link link, boolean upstream) {
        synchronized (lock) {
            link.inFlight--;
            if (upstream) link.holding = false;
            lock.notifyAll();
        }
    }

    private void closeLink(Link link) {
        synchronized (lock) {
            link.closed = true;
            link.frozen = false;
            links.remove(link);
            lock.notifyAll();
        }
        closeQuietly(link.client);
        closeQuietly(link.server);
    }

    private int heldCountLocked() {
        if (!held) return 0;
        return (int) links.stream().filter(l -> l.holding && !l.closed).count();
    }

    /** One timed wait on the monitor (caller holds it and loops); throws once the deadline has passed. */
    private void waitUntil(long deadline, String failure) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new IllegalStateException(failure);
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting: " + failure, e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    /** One proxied connection: the accepted client socket and its socket to Redis. */
    private static final class Link {
        final int id;
        final Socket client;
        final Socket server;
        volatile boolean subscriber;
        boolean frozen; // guarded by lock
        boolean holding; // guarded by lock: the client-to-server pump parks a SUBSCRIBE chunk
        boolean closed; // guarded by lock
        int inFlight; // guarded by lock: writes under way in either direction

        Link(int id, Socket client, Socket server) {
            this.id = id;
            this.client = client;
            this.server = server;
        }
    }

    /**
     * Spots the RESP bulk string {@code $9\r\nSUBSCRIBE\r\n} (any case) in a byte stream read in chunks,
     * remembering the last bytes of the previous chunk so a command split across reads is still seen.
     */
    static final class SubscribeDetector {
        private static final byte[] PATTERN = "$9\r\nSUBSCRIBE\r\n".getBytes(StandardCharsets.US_ASCII);
        private final byte[] tail = new byte[PATTERN.length - 1];
        private int tailLength;

        /** True when the pattern ends inside {@code chunk[0..length)} (possibly starting in an earlier chunk). */
        boolean accept(byte[] chunk, int length) {
            boolean found = false;
            int total = tailLength + length;
            for (int start = 0; start + PATTERN.length <= total && !found; start++) {
                int i = 0;
                while (i < PATTERN.length && upper(at(chunk, start + i)) == PATTERN[i]) i++;
                found = i == PATTERN.length;
            }
            remember(chunk, length);
            return found;
        }

        private byte at(byte[] chunk, int index) {
            return index < tailLength ? tail[index] : chunk[index - tailLength];
        }

        private void remember(byte[] chunk, int length) {
            if (length >= tail.length) {
                System.arraycopy(chunk, length - tail.length, tail, 0, tail.length);
                tailLength = tail.length;
                return;
            }
            int keep = Math.min(tailLength, tail.length - length);
            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
            System.arraycopy(chunk, 0, tail, keep, length);
            tailLength = keep + length;
        }

        private static byte upper(byte b) {
            return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
        }
    }
}
