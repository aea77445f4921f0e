package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every kind of bad input gets its documented answer, changes nothing in the room, and leaves a
 * bystander's board working. The bystander renames the room afterwards to prove it still can.
 */
class BadInputTest {
    private static CairnNode node;
    private Api.Reply created;
    private Api.Reply member;
    private BoardClient bystander;

    @BeforeAll
    static void start() {
        node = TestNodes.start(Map.of("CAIRN_LIMITS_MAX_MESSAGE_BYTES", "4096",
            "CAIRN_LIMITS_COMMANDS_PER_SECOND", "20", "CAIRN_LIMITS_COMMAND_BURST", "20",
            "CAIRN_LIMITS_ABUSE_STRIKES", "50"));
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(node);
    }

    @BeforeEach
    void room() {
        created = Api.createRoom(node.port(), "Robust", "Ana");
        member = Api.join(node.port(), created.text("roomId"), "Ben");
        bystander = BoardClient.connect(node.port(), created.text("token"));
    }

    @AfterEach
    void roomUnchangedAndBystanderStillServed() {
        long seq = bystander.room().seq();
        assertEquals(3, seq, "bad input committed nothing");
        JsonNode ack = bystander.command("room.rename", Map.of("title", "Still here"));
        assertEquals("ack", ack.path("type").asText());
        bystander.awaitSeq(seq + 1);
        bystander.close();
    }

    @Test
    void malformedJsonIsAnsweredAndTheSocketKeepsWorking() {
        try (BoardClient ben = BoardClient.connect(node.port(), member.text("token"))) {
            ben.sendRaw("{\"type\": \"room.rename\", ");
            JsonNode error = ben.awaitFrame("error", f -> f.path("type").asText().equals("error"));
            assertEquals("invalid", error.path("code").asText());
            ben.sendRaw("[1,2,3]");
            ben.sendRaw("{\"type\":\"ping\",\"id\":\"p1\"}");
            ben.awaitFrame("pong", f -> f.path("type").asText().equals("pong") && f.path("id").asText().equals("p1"));
            assertEquals(2, ben.frames().stream().filter(f -> f.path("type").asText().equals("error")).count(),
                "one error for the broken JSON, one for the array");
            assertFalse(ben.isClosed());
        }
    }

    @Test
    void unknownTypeAndMissingFieldsGetTheirCodes() {
        try (BoardClient ben = BoardClient.connect(node.port(), member.text("token"))) {
            assertEquals("unknown_type", ben.command("room.explode", Map.of()).path("code").asText());
            JsonNode missing = ben.command("member.rename", Map.of());
            assertEquals("invalid", missing.path("code").asText());
            JsonNode wrongType = ben.command("member.rename", Map.of("name", 42, "extra", true));
            assertEquals("invalid", wrongType.path("code").asText());
            JsonNode blank = ben.command("member.rename", Map.of("name", "   "));
            assertEquals("invalid", blank.path("code").asText());
            JsonNode control = ben.command("member.rename", Map.of("name", "Ben\u0007"));
            assertEquals("invalid", control.path("code").asText());
            JsonNode badRole = ben.command("member.change_role", Map.of("memberId", "x", "role", "king"));
            assertEquals("forbidden", badRole.path("code").asText(), "permission is checked before input");
        }
    }

    @Test
    void commandsBeforeHelloAndWrongTokensAreRefused() {
        try (BoardClient anon = BoardClient.open(node.port(), null)) {
            anon.sendRaw("{\"type\":\"room.rename\",\"id\":\"a1\",\"title\":\"x\"}");
            assertEquals("unauthenticated", anon.awaitReply("a1").path("code").asText());
            String forged = created.text("token").substring(0, created.text("token").length() - 3) + "AAA";
            anon.hello(forged, null);
            JsonNode error = anon.awaitFrame("unauthorized", f -> f.path("code").asText().equals("unauthorized"));
            assertEquals("error", error.path("type").asText());
            assertEquals(4001, anon.awaitClose());
        }
    }

    @Test
    void foreignOriginIsRejectedAtTheHandshake() {
        CompletionException failure = assertThrows(CompletionException.class,
            () -> BoardClient.open(node.port(), "http://evil.example"));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        assertEquals(403, handshake.getResponse().statusCode());
        BoardClient.open(node.port(), "http://127.0.0.1:" + node.port()).close();
    }

    @Test
    void oversizedMessageClosesThatSocketWith1009() {
        try (BoardClient ben = BoardClient.connect(node.port(), member.text("token"))) {
            ben.sendRaw("{\"type\":\"member.rename\",\"id\":\"big\",\"name\":\"" + "x".repeat(10_000) + "\"}");
            assertEquals(1009, ben.awaitClose());
        }
    }

    @Test
    void floodIsRateLimitedThenClosedWith1008() {
        try (BoardClient ben = BoardClient.connect(node.port(), member.text("token"))) {
            for (int i = 0; i < 200 && !ben.isClosed(); i++) {
                try {
                    ben.sendRaw("{\"type\":\"ping\",\"id\":\"f" + i + "\"}");
                } catch (CompletionException closedMidway) {
                    break;
                }
            }
            ben.awaitFrame("rate_limited", f -> f.path("code").asText().equals("rate_limited"));
            assertEquals(1008, ben.awaitClose());
        }
    }

    @Test
    void aTextFrameThatIsNotUtf8IsClosedWith1007AndTheNodeServesOn() throws Exception {
        try (java.net.Socket raw = dev.cairn.support.RawWebSocket.open(node.port(), 0)) {
            // "(" after a lead byte that promises a second byte: not UTF-8
            dev.cairn.support.RawWebSocket.sendTextBytes(raw.getOutputStream(), new byte[] {'{', (byte) 0xC3, '(', '}'});
            assertEquals(1007, dev.cairn.support.RawWebSocket.closeCode(raw.getInputStream()), "invalid payload data");
        }
        Api.Reply ana = Api.createRoom(node.port(), "Still serving", "Ana");
        try (BoardClient board = BoardClient.connect(node.port(), ana.text("token"))) {
            assertEquals("ack", board.command("room.rename", Map.of("title", "Yes")).path("type").asText());
        }
    }
}
