package dev.cairn.transport;

import dev.cairn.CairnNode;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sockets that go silent are closed by the server: one that never says hello (4002), and one
 * whose peer stopped answering pings, like a laptop that went to sleep (4000). A raw TCP client
 * is used because real WebSocket clients answer pings by themselves.
 */
class SilentClientTest {
    private static CairnNode node;

    @BeforeAll
    static void start() {
        node = TestNodes.start(Map.of("CAIRN_LIMITS_IDLE_TIMEOUT_SECONDS", "5",
            "CAIRN_LIMITS_PING_INTERVAL_SECONDS", "1", "CAIRN_LIMITS_HELLO_TIMEOUT_SECONDS", "2"));
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(node);
    }

    @Test
    void aSocketThatNeverSaysHelloIsClosedWith4002() throws IOException {
        try (Socket socket = upgrade()) {
            assertEquals(4002, closeCode(socket.getInputStream()));
        }
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsClosedWith4000() throws IOException {
        var created = dev.cairn.support.Api.createRoom(node.port(), "Sleepy", "Ana");
        try (Socket socket = upgrade()) {
            sendText(socket.getOutputStream(), "{\"type\":\"hello\",\"token\":\"" + created.text("token") + "\"}");
            assertEquals(4000, closeCode(socket.getInputStream()), "closed after the idle timeout, not before hello's");
        }
    }

    /** Opens a WebSocket by hand and returns the socket after the 101 response. */
    private static Socket upgrade() throws IOException {
        Socket socket = new Socket("127.0.0.1", node.port());
        socket.setSoTimeout(30_000);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + node.port() + "\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) head.write(in.read());
        assertTrue(head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"), head.toString());
        return socket;
    }

    /** A masked text frame, as clients must send. */
    private static void sendText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = {1, 2, 3, 4};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads server frames, ignoring everything (pings go unanswered), until a close frame; returns its code. */
    private static int closeCode(InputStream in) throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) throw new AssertionError("connection ended without a close frame");
            int len = in.read() & 0x7f;
            if (len == 126) len = (in.read() << 8) | in.read();
            else if (len == 127) throw new AssertionError("unexpectedly long frame");
            byte[] payload = in.readNBytes(len);
            if ((first & 0x0f) == 0x8) return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }
}
