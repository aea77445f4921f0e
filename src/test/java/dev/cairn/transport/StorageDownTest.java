package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.RedisProxy;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the node cannot reach Redis, every board is told that nothing is saved (instead of "Live"),
 * a change is refused at once as {@code unavailable} with nothing applied (instead of waiting out
 * every retry), and when Redis answers again the boards are told and changes go through.
 */
class StorageDownTest {
    private static RedisProxy proxy;
    private static CairnNode node;

    @BeforeAll
    static void start() {
        proxy = RedisProxy.start(TestRedis.url());
        // Long Redis timeouts: the change must be refused by the health check, not by a commit timing out.
        node = TestNodes.start(Map.of("REDIS_URL", proxy.url(), "CAIRN_LIMITS_REDIS_TIMEOUT_MILLIS", "30000",
            "CAIRN_LIMITS_PUBSUB_PING_MILLIS", "60000", "CAIRN_LIMITS_PRESENCE_TTL_SECONDS", "120"));
    }

    @AfterAll
    static void stop() {
        try {
            TestNodes.stopQuietly(node);
        } finally {
            proxy.close();
        }
    }

    @Test
    void boardsAreToldNothingIsSavedAndChangesAreRefusedAtOnceUntilRedisAnswersAgain() {
        Api.Reply ana = Api.createRoom(node.port(), "Storage", "Ana");
        Api.Reply ben = Api.join(node.port(), ana.text("roomId"), "Ben");
        try (BoardClient a = BoardClient.connect(node.port(), ana.text("token"));
             BoardClient b = BoardClient.connect(node.port(), ben.text("token"))) {
            proxy.holdReplies();
            try {
                for (BoardClient board : new BoardClient[] {a, b}) {
                    board.awaitFrame("storage down", f -> isStorage(f, "down"));
                }
                JsonNode refused = a.command("room.rename", Map.of("title", "Typed into the void"));
                assertEquals("error", refused.path("type").asText(), refused.toString());
                assertEquals("unavailable", refused.path("code").asText(), refused.toString());
                assertTrue(refused.path("message").asText().contains("nothing was applied"), refused.toString());
                // a board that connects meanwhile is told at once (its hello needs no Redis: the room is live)
            } finally {
                proxy.releaseReplies();
            }
            for (BoardClient board : new BoardClient[] {a, b}) board.awaitFrame("storage up", f -> isStorage(f, "up"));
            JsonNode ack = a.command("room.rename", Map.of("title", "Saved again"));
            assertEquals("ack", ack.path("type").asText(), ack.toString());
            b.awaitSeq(ack.path("seq").asLong());
            assertEquals("Saved again", b.room().title());
            assertEquals("Storage", titleAt(b), "the refused change was never applied");
        }
    }

    /** The title before the last rename: the refused one left no event between. */
    private static String titleAt(BoardClient board) {
        String previous = null;
        String last = null;
        for (JsonNode f : board.frames()) {
            if (f.path("type").asText().equals("snapshot")) last = f.path("room").path("title").asText(null);
            if (f.path("type").asText().equals("event") && f.path("event").path("type").asText().equals("room.renamed")) {
                previous = last;
                last = f.path("event").path("title").asText();
            }
        }
        return previous;
    }

    private static boolean isStorage(JsonNode f, String status) {
        return f.path("type").asText().equals("storage") && f.path("status").asText().equals(status);
    }
}
