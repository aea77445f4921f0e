package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nobody can make the embedded Redis take the machine's memory: it holds at most
 * {@code redis.embeddedMaxMemoryMb}, then refuses writes. Cairn says "storage is full" and applies
 * nothing, keeps every room it already has, and goes on serving the boards that are open.
 */
class StorageFullTest {

    @Test
    void aFullEmbeddedRedisRefusesNewRoomsAndChangesButKeepsServingTheRoomsItHas() {
        CairnNode node = TestNodes.start(Map.of("REDIS_URL", "", "CAIRN_DATA_DIR", TestRedis.tempDir("cairn-full").toString(),
            "CAIRN_REDIS_EMBEDDED_MAX_MEMORY_MB", "4"));
        try {
            JsonNode first = Api.createRoom(node.port(), "Kept", "Ana").body();
            BoardClient board = BoardClient.connect(node.port(), first.get("token").asText());
            Api.Reply refused = null;
            for (int i = 0; i < 20_000 && refused == null; i++) {
                Api.Reply r = Api.post(node.port(), "/api/rooms", Map.of("title", "Filler " + i + " " + "x".repeat(100), "name", "Bo"));
                if (r.status() != 201) refused = r;
            }
            assertTrue(refused != null, "the cap was reached");
            assertEquals(503, refused.status());
            assertEquals("unavailable", refused.body().path("code").asText(), refused.body().toString());
            assertTrue(refused.body().toString().contains("storage is full"), refused.body().toString());

            JsonNode reply = board.command("room.rename", Map.of("title", "Renamed while full"));
            assertEquals("error", reply.path("type").asText(), reply.toString());
            assertEquals("unavailable", reply.path("code").asText());
            assertTrue(reply.path("message").asText().contains("storage is full"), reply.toString());

            try (BoardClient again = BoardClient.connect(node.port(), first.get("token").asText())) {
                assertEquals("Kept", again.room().title(), "the room is still there and opens, with nothing applied");
            }
            board.close();
        } finally {
            TestNodes.stopQuietly(node);
        }
    }
}
