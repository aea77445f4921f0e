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

            // Redis refuses a write while its memory is over the cap, and the cap is a line it
            // hovers at: a key that expires (a short-lived budget or turn) can take it just under
            // for the next write, which then passes and adds to it. So a change is tried until Redis
            // refuses one (at once, most runs); what matters is how the refusal reads and that it
            // applied nothing.
            String title = "Kept";
            JsonNode reply = null;
            for (int i = 0; i < 200; i++) {
                reply = board.command("room.rename", Map.of("title", "Renamed while full " + i));
                if (!reply.path("type").asText().equals("ack")) break;
                title = "Renamed while full " + i;
            }
            assertEquals("error", reply.path("type").asText(), reply.toString());
            assertEquals("unavailable", reply.path("code").asText());
            assertTrue(reply.path("message").asText().contains("storage is full"), reply.toString());

            try (BoardClient again = BoardClient.connect(node.port(), first.get("token").asText())) {
                assertEquals(title, again.room().title(), "the room is still there and opens, with nothing of the refused change applied");
            }
            board.close();
        } finally {
            TestNodes.stopQuietly(node);
        }
    }
}
