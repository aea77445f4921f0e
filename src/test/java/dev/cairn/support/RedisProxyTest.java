package dev.cairn.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Proves each behaviour of {@link RedisProxy} against the real test Redis, speaking raw RESP over sockets. */
class RedisProxyTest {
    private static final int TIMEOUT_MS = 10_000;

    private RedisProxy proxy;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void startProxy() {
        proxy = RedisProxy.start(TestRedis.url());
    }

    @AfterEach
    void stopProxy() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        proxy.close();
    }

    /** Checks that commands and replies pass through and that plain connections are counted but not subscribers. */
    @Test
    void forwardsCommandsBothWays() throws Exception {
        URI target = URI.create(TestRedis.url());
        String userInfo = target.getUserInfo() == null ? "" : target.getUserInfo() + "@";
        assertEquals("redis://" + userInfo + "127.0.0.1:" + proxy.port(), proxy.url(), "the proxy keeps the credentials");
        Resp a = connect();
        Resp b = connect();
        a.send("PING");
        assertEquals("PONG", a.read());
        String key = "redis-proxy-test:" + UUID.randomUUID();
        b.send("SET", key, "v1");
        assertEquals("OK", b.read());
        a.send("GET", key);
        assertEquals("v1", a.read());
        a.send("DEL", key);
        assertEquals(1L, a.read());
        assertEquals(2, proxy.connectionCount());
        assertEquals(0, proxy.subscriberCount());

        a.close();
        await(() -> proxy.connectionCount() == 1, "closed client leaves the proxy");
    }

    /** Checks the SUBSCRIBE detector on every split point, in any case, and that other commands do not count. */
    @Test
    void detectsSubscribeSplitAcrossReads() {
        byte[] command = "*2\r\n$9\r\nsubScribe\r\n$4\r\nroom\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= command.length; split++) {
            RedisProxy.SubscribeDetector detector = new RedisProxy.SubscribeDetector();
            boolean first = detector.accept(command, split);
            byte[] rest = new byte[command.length - split];
            System.arraycopy(command, split, rest, 0, rest.length);
            boolean second = detector.accept(rest, rest.length);
            assertTrue(first || second, "split at " + split);
        }
        // One byte per read.
        RedisProxy.SubscribeDetector bytewise = new RedisProxy.SubscribeDetector();
        boolean seen = false;
        for (byte b : command) seen |= bytewise.accept(new byte[] {b}, 1);
        assertTrue(seen);

        for (String other : new String[] {"PSUBSCRIBE", "UNSUBSCRIBE", "SSUBSCRIBE", "PUBLISH"}) {
            byte[] bytes = ("*2\r\n$" + other.length() + "\r\n" + other + "\r\n$4\r\nroom\r\n")
                .getBytes(StandardCharsets.US_ASCII);
            assertFalse(new RedisProxy.SubscribeDetector().accept(bytes, bytes.length), other);
        }
    }

    /** Checks that a connection whose SUBSCRIBE arrives in two writes is still recognised end to end. */
    @Test
    void recognisesSubscriberWhenCommandIsSplit() throws Exception {
        Resp sub = connect();
        String channel = channel();
        String command = "*2\r\n$9\r\nSUBSCRIBE\r\n$" + channel.length() + "\r\n" + channel + "\r\n";
        sub.raw(command.substring(0, 12)); // "*2\r\n$9\r\nSUBS"
        sub.raw(command.substring(12));
        assertEquals(List.of("subscribe", channel, 1L), sub.read());
        await(() -> proxy.subscriberCount() == 1, "subscriber recognised");
    }

    /** Checks that a held SUBSCRIBE does not reach Redis until release, and that what follows it keeps its order. */
    @Test
    void heldSubscribeIsNotActiveUntilReleased() throws Exception {
        Resp publisher = connect();
        Resp sub = connect();
        String channel = channel();
        proxy.holdSubscribes();

        sub.send("SUBSCRIBE", channel);
        sub.send("PING"); // sent after the SUBSCRIBE: must be queued behind it
        proxy.awaitHeldSubscribe(Duration.ofMillis(TIMEOUT_MS));
        assertEquals(1, proxy.heldCount());
        assertEquals(1, proxy.subscriberCount());

        // Redis has not seen the SUBSCRIBE, and a normal connection is not held.
        publisher.send("PUBLISH", channel, "before");
        assertEquals(0L, publisher.read());
        publisher.send("PING");
        assertEquals("PONG", publisher.read());

        proxy.releaseSubscribes();
        assertEquals(0, proxy.heldCount());
        // The SUBSCRIBE is answered first, then the PING that was queued behind it. Only then publish:
        // publishing while the PING may still be on its way would let the message overtake its answer.
        assertEquals(List.of("subscribe", channel, 1L), sub.read());
        assertEquals(List.of("pong", ""), sub.read());
        assertEquals(1L, publishCount(publisher, channel, "after"), "subscription active after release");
        assertEquals(List.of("message", channel, "after"), sub.read());
        assertFalse(sub.hasBufferedBytes(), "'before' was published while nobody listened");
    }

    /** Checks that awaitHeldSubscribe times out when nothing is held. */
    @Test
    void awaitHeldSubscribeTimesOut() {
        proxy.holdSubscribes();
        assertThrows(IllegalStateException.class, () -> proxy.awaitHeldSubscribe(Duration.ofMillis(50)));
    }

    /** Checks that a frozen subscriber gets nothing until thaw, while plain and newer connections keep working. */
    @Test
    void frozenSubscriberReceivesNothingUntilThaw() throws Exception {
        Resp publisher = connect();
        Resp sub = connect();
        String channel = channel();
        sub.send("SUBSCRIBE", channel);
        assertEquals(List.of("subscribe", channel, 1L), sub.read());
        await(() -> proxy.subscriberCount() == 1, "subscriber recognised");

        proxy.freezeSubscribers();
        assertEquals(1, proxy.frozenCount());

        // Redis still counts the frozen subscriber: the connection is half-open, not closed.
        publisher.send("PUBLISH", channel, "during");
        assertEquals(1L, publisher.read());
        sub.send("PING"); // must not reach Redis (nor its reply the client) before thaw
        publisher.send("PING");
        assertEquals("PONG", publisher.read());

        // A subscriber connected after the freeze is not frozen.
        Resp late = connect();
        String lateChannel = channel();
        late.send("SUBSCRIBE", lateChannel);
        assertEquals(List.of("subscribe", lateChannel, 1L), late.read());
        publisher.send("PUBLISH", lateChannel, "late");
        assertEquals(1L, publisher.read());
        assertEquals(List.of("message", lateChannel, "late"), late.read());
        assertEquals(1, proxy.frozenCount());
        await(() -> proxy.subscriberCount() == 2, "late subscriber recognised");

        // Redis wrote "during" before "late" was even published; the frozen client still has none of it.
        assertFalse(sub.hasBufferedBytes());
        sub.expectSilence(250);

        proxy.thawSubscribers();
        assertEquals(0, proxy.frozenCount());
        assertEquals(List.of("message", channel, "during"), sub.read());
        assertEquals(List.of("pong", ""), sub.read());
    }

    /** Checks that killSubscribers closes subscriber connections on both sides and spares the others. */
    @Test
    void killSubscribersClosesOnlySubscribers() throws Exception {
        Resp publisher = connect();
        Resp sub = connect();
        String channel = channel();
        sub.send("SUBSCRIBE", channel);
        assertEquals(List.of("subscribe", channel, 1L), sub.read());
        await(() -> proxy.subscriberCount() == 1, "subscriber recognised");

        assertEquals(1, proxy.killSubscribers());
        assertEquals(-1, sub.readByte(), "subscriber sees end of stream");
        await(() -> publishCount(publisher, channel, "gone") == 0L, "Redis dropped the killed subscriber");
        publisher.send("PING");
        assertEquals("PONG", publisher.read());
        assertEquals(1, proxy.connectionCount());
        assertEquals(0, proxy.subscriberCount());
    }

    /** Checks that close ends every connection (a refused reconnect is not asserted: the freed port may be reused). */
    @Test
    void closeEndsEverything() throws Exception {
        Resp a = connect();
        a.send("PING");
        assertEquals("PONG", a.read());
        proxy.close();
        assertEquals(-1, a.readByte());
        assertEquals(0, proxy.connectionCount());
    }

    private static String channel() {
        return "redis-proxy-test:" + UUID.randomUUID();
    }

    private long publishCount(Resp publisher, String channel, String message) {
        try {
            publisher.send("PUBLISH", channel, message);
            return (Long) publisher.read();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(TIMEOUT_MS).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting: " + what);
            Thread.sleep(10); // poll interval, not a delay to "make sure"
        }
    }

    private Resp connect() throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        URI uri = URI.create(proxy.url());
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        Resp resp = new Resp(socket);
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            resp.send("AUTH", userInfo.substring(userInfo.indexOf(':') + 1));
            assertEquals("OK", resp.read(), "authenticated through the proxy");
        }
        return resp;
    }

    /** A minimal RESP2 client over one socket; every read is bounded by the socket timeout. */
    private static final class Resp {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Resp(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        void send(String... args) throws IOException {
            StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                sb.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
            raw(sb.toString());
        }

        void raw(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        Object read() throws IOException {
            String line = line();
            char type = line.charAt(0);
            String rest = line.substring(1);
            switch (type) {
                case '+':
                    return rest;
                case '-':
                    throw new IOException("Redis error: " + rest);
                case ':':
                    return Long.parseLong(rest);
                case '$': {
                    int length = Integer.parseInt(rest);
                    if (length < 0) return null;
                    byte[] data = in.readNBytes(length + 2);
                    if (data.length < length + 2) throw new EOFException();
                    return new String(data, 0, length, StandardCharsets.UTF_8);
                }
                case '*': {
                    int count = Integer.parseInt(rest);
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < count; i++) items.add(read());
                    return items;
                }
                default:
                    throw new IOException("unexpected RESP line " + line);
            }
        }

        int readByte() throws IOException {
            return in.read();
        }

        boolean hasBufferedBytes() throws IOException {
            return in.available() > 0;
        }

        /** A bounded negative check: fails only if a byte arrives within {@code millis}, so a slow machine cannot make it fail. */
        void expectSilence(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                int b = in.read();
                fail("expected no bytes, got " + (b < 0 ? "end of stream" : "byte " + b));
            } catch (SocketTimeoutException expected) {
                // nothing arrived
            } finally {
                socket.setSoTimeout(TIMEOUT_MS);
            }
        }

        void close() throws IOException {
            socket.close();
        }

        private String line() throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) throw new EOFException("connection closed");
                if (previous == '\r' && b == '\n') break;
                if (previous >= 0) buffer.write(previous);
                previous = b;
            }
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
