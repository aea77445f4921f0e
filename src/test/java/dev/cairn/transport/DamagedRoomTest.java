package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.store.RoomKeys;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A room whose Redis data does not add up (its seq says 50, its archive ends at 3: foreign or
 * damaged data) must not send the node into a loop of catch-ups or reloads that hammers Redis:
 * the node says so, serves what the archive holds, and refuses commits with an error.
 */
class DamagedRoomTest {
    private static CairnNode node;
    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void start() {
        node = TestNodes.start();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, TestRedis.url());
    }

    @AfterAll
    static void stop() throws Exception {
        TestNodes.stopQuietly(node);
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSeqBeyondTheArchiveIsReportedOnceAndDoesNotLoop() throws Exception {
        Api.Reply created = Api.createRoom(node.port(), "Damaged", "Ana");
        RedisAPI api = RedisAPI.api(redis);
        api.set(List.of(new RoomKeys(created.text("roomId")).seq(), "50")).toCompletionStage().toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        long before = xrangeCalls(api);
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            assertEquals("Damaged", ana.room().title(), "the board gets what the archive holds");
            JsonNode refused = ana.command("room.rename", Map.of("title", "Repaired?"));
            assertEquals("error", refused.path("type").asText(), refused.toString());
            Thread.sleep(1000); // a loop would read the archive thousands of times in a second
            long reads = xrangeCalls(api) - before;
            assertTrue(reads < 200, "archive reads in that time: " + reads);
            TestNodes.expectLogged("but its archive ends at");
        }
    }

    private static long xrangeCalls(RedisAPI api) throws Exception {
        String stats = api.info(List.of("commandstats")).toCompletionStage().toCompletableFuture()
            .get(10, TimeUnit.SECONDS).toString();
        Matcher m = Pattern.compile("cmdstat_xrange:calls=(\\d+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
