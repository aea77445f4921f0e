package dev.cairn.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket spoken by hand over a plain TCP socket, for tests that need a client that misbehaves
 * the way real ones cannot be made to: one that never answers pings, or never reads at all.
 */
public final class RawWebSocket {
    private RawWebSocket() {
    }

    /** Connects and upgrades; {@code receiveBuffer} > 0 shrinks the socket's receive buffer first. */
    public static Socket open(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(30_000);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("connection ended during the upgrade");
            head.write(b);
        }
        if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        return socket;
    }

    /** A masked text frame, as clients must send. */
    public static void sendText(OutputStream out, String text) throws IOException {
        sendTextBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked text frame carrying exactly these bytes (which need not be valid UTF-8). */
    public static void sendTextBytes(OutputStream out, byte[] payload) throws IOException {
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
    public static int closeCode(InputStream in) throws IOException {
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
