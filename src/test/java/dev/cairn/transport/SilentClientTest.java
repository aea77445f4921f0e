package dev.cairn.transport;

import dev.cairn.CairnNode;
import dev.cairn.support.RawWebSocket;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        try (Socket socket = RawWebSocket.open(node.port(), 0)) {
            assertEquals(4002, RawWebSocket.closeCode(socket.getInputStream()));
        }
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsClosedWith4000() throws IOException {
        var created = dev.cairn.support.Api.createRoom(node.port(), "Sleepy", "Ana");
        try (Socket socket = RawWebSocket.open(node.port(), 0)) {
            RawWebSocket.sendText(socket.getOutputStream(), "{\"type\":\"hello\",\"token\":\"" + created.text("token") + "\"}");
            assertEquals(4000, RawWebSocket.closeCode(socket.getInputStream()), "closed after the idle timeout, not before hello's");
        }
    }
}
