package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.config.SettingsLoader;
import dev.cairn.protocol.Wire;
import dev.cairn.store.EmbeddedRedis;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A room nobody opened for limits.retentionDays is written to the node's archive folder, every
 * event of it, and then deleted from Redis; a room someone opened within that time stays.
 * The sweeping node runs 31 days ahead of the one the rooms were used on.
 */
class RetentionTest {

    @Test
    void aRoomNobodyOpenedForTheRetentionPeriodIsArchivedToAFileThenDeleted() throws Exception {
        // A Redis of its own: the sweep must not let go of other tests' rooms in the shared one.
        EmbeddedRedis redis = EmbeddedRedis.start(TestRedis.tempDir("cairn-retention-redis"));
        CairnNode today = TestNodes.start(Map.of("REDIS_URL", redis.url()));
        CairnNode later = null;
        Path data = TestRedis.tempDir("cairn-retention");
        try {
            JsonNode idle = Api.createRoom(today.port(), "Idle since spring", "Ana").body();
            String idleId = idle.get("roomId").asText();
            try (BoardClient board = BoardClient.connect(today.port(), idle.get("token").asText())) {
                board.command("room.rename", Map.of("title", "Idle since summer"));
            }
            JsonNode kept = Api.createRoom(today.port(), "Used last week", "Bo").body();
            // More idle rooms than one batch of a sweep: all of them go, not only the first batch.
            List<String> alsoIdle = new java.util.ArrayList<>();
            for (int i = 0; i < 25; i++) alsoIdle.add(Api.createRoom(today.port(), "Idle " + i, "Cy").body().get("roomId").asText());

            Map<String, String> env = new HashMap<>();
            env.put("CAIRN_HTTP_PORT", "0");
            env.put("CAIRN_HTTP_HOST", "127.0.0.1");
            env.put("REDIS_URL", redis.url());
            env.put("CAIRN_EVENT_LOOPS", "2");
            env.put("CAIRN_DATA_DIR", data.toString());
            env.put("CAIRN_LIMITS_RETENTION_DAYS", "30");
            Clock monthLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
            // The kept room is opened "a week before" the sweep, on the node whose clock is ahead.
            later = CairnNode.start(SettingsLoader.load(env, null), Clock.offset(Clock.systemUTC(), Duration.ofDays(24)));
            try (BoardClient board = BoardClient.connect(later.port(), kept.get("token").asText())) {
                assertEquals("Used last week", board.room().title());
            }
            TestNodes.stopQuietly(later);
            later = CairnNode.start(SettingsLoader.load(env, null), monthLater);

            Path file = data.resolve("archive").resolve(idleId + ".jsonl.gz");
            BoardClient.eventually("the idle room is gone", () -> Api.get(today.port(), "/api/rooms/" + idleId).status() == 404);
            assertTrue(Files.exists(file), "its archive was written first");
            for (String id : alsoIdle) {
                BoardClient.eventually("every idle room is gone", () -> Api.get(today.port(), "/api/rooms/" + id).status() == 404);
            }
            List<JsonNode> events = read(file);
            assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> e.get("seq").asLong()).toList(), "every event of it");
            assertTrue(events.get(2).toString().contains("Idle since summer"), events.get(2).toString());
            assertEquals(200, Api.get(later.port(), "/api/rooms/" + kept.get("roomId").asText()).status(), "the room used within 30 days stays");
            assertFalse(Files.exists(data.resolve("archive").resolve(kept.get("roomId").asText() + ".jsonl.gz")));
        } finally {
            if (later != null) TestNodes.stopQuietly(later);
            TestNodes.stopQuietly(today);
            redis.close();
        }
    }

    private static List<JsonNode> read(Path file) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            return in.lines().map(Wire::tree).toList();
        }
    }
}
