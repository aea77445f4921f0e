package dev.cairn.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.protocol.Wire;
import dev.cairn.purpose.PurposeModule;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A room written by the first storage layout (a sorted-set log, a list of purpose edits, no
 * archive) keeps working: its events move into the archive on first load, its purpose history
 * still replays, and it takes new changes.
 */
class FirstLayoutTest {
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
    void aRoomOfTheFirstLayoutLoadsWithItsWholeHistoryAndTakesNewEdits() throws Exception {
        String room = "FirstLayout" + System.nanoTime() % 100000;
        RoomKeys keys = new RoomKeys(room);
        String[] frames = {
            frame(1, "ana", "{\"type\":\"room.created\",\"roomId\":\"" + room + "\",\"title\":\"Old times\"}"),
            frame(2, "ana", "{\"type\":\"member.joined\",\"memberId\":\"ana\",\"name\":\"Ana\",\"role\":\"facilitator\"}"),
            frame(3, "ana", "{\"type\":\"purpose.edited\",\"cid\":\"c1\",\"rev\":1,\"op\":[\"Clean air\"]}"),
            frame(4, "ana", "{\"type\":\"room.renamed\",\"title\":\"Old times, renamed\"}"),
            frame(5, "ana", "{\"type\":\"purpose.edited\",\"cid\":\"c2\",\"rev\":2,\"op\":[9,\" for all\"]}"),
        };
        // The first layout's snapshot put the title before the seq.
        String snapshot = "{\"id\":\"" + room + "\",\"title\":\"Old times\",\"seq\":2,\"createdAt\":1,\"members\":{\"ana\":"
            + "{\"id\":\"ana\",\"name\":\"Ana\",\"role\":\"facilitator\",\"joinedAt\":1}},\"purpose\":{\"text\":\"\",\"rev\":0,"
            + "\"churn\":0,\"locked\":false,\"ratings\":{},\"targets\":[],\"adopted\":null}}";
        RedisAPI api = RedisAPI.api(redis);
        api.set(List.of(keys.seq(), "5")).compose(r -> api.set(List.of(keys.snapshot(), snapshot)))
            .compose(r -> api.zadd(List.of(keys.legacyLog(), "1", frames[0], "2", frames[1], "3", frames[2], "4", frames[3], "5", frames[4])))
            .compose(r -> api.rpush(List.of(keys.legacyHistory(), frames[2], frames[4])))
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        Api.Reply ben = Api.join(node.port(), room, "Ben");
        try (BoardClient board = BoardClient.connect(node.port(), ben.text("token"))) {
            assertEquals("Old times, renamed", board.room().title());
            assertEquals("Clean air for all", PurposeModule.of(board.room()).text());
            assertEquals(6, board.room().seq(), "the old events and Ben's join");
            JsonNode ack = board.command("purpose.edit", Map.of("seq", 6, "op", List.of(17, ", now")));
            assertEquals("ack", ack.path("type").asText(), ack.toString());
            JsonNode history = Wire.tree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.port() + "/api/rooms/" + room + "/history"))
                .header("authorization", "Bearer " + ben.text("token")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
            List<Integer> revs = new java.util.ArrayList<>();
            history.get("entries").forEach(e -> revs.add(e.get("event").get("rev").asInt()));
            assertEquals(List.of(1, 2, 3), revs, "every revision, old and new, in order");
            long oldKeys = api.exists(List.of(keys.legacyLog(), keys.legacyHistory())).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS).toLong();
            assertEquals(0, oldKeys, "the first layout's keys are gone once moved");
        }
    }

    private static String frame(long seq, String by, String event) {
        return "{\"type\":\"event\",\"seq\":" + seq + ",\"at\":" + seq + ",\"by\":\"" + by + "\",\"event\":" + event + "}";
    }
}
