package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.RedisProxy;
import dev.cairn.support.TestRedis;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A command re-sent with the same id is applied once and every ack for it names the seq Redis
 * committed. The race it guards: a re-send that landed in the same batch as its original used to
 * be acknowledged with a tentative seq before the commit, so a lost race left the board with an
 * ack for a seq that held somebody else's event.
 */
class ResendTest {
    private static CairnNode east;
    private static CairnNode west;
    private static CairnNode stale;
    private static RedisProxy proxy;

    @BeforeAll
    static void start() {
        east = TestNodes.start();
        west = TestNodes.start();
        proxy = RedisProxy.start(TestRedis.url());
        // Long ping and check periods: nothing makes the stale node catch up during the test.
        stale = TestNodes.start(Map.of("REDIS_URL", proxy.url(), "CAIRN_LIMITS_PUBSUB_PING_MILLIS", "60000",
            "CAIRN_LIMITS_PRESENCE_TTL_SECONDS", "60"));
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(east);
        TestNodes.stopQuietly(west);
        TestNodes.stopQuietly(stale);
        proxy.close();
    }

    @Test
    void aResendInTheSameBatchAsItsOriginalCommitsOnceAndBothAcksNameTheFinalSeq() throws Exception {
        Api.Reply created = Api.createRoom(west.port(), "Twice", "Ana");
        Api.Reply ben = Api.join(west.port(), created.text("roomId"), "Ben");
        java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (BoardClient ana = BoardClient.connect(stale.port(), created.text("token"));
             BoardClient benBoard = BoardClient.connect(west.port(), ben.text("token"))) {
            // The stale node stops hearing the room's channel while Ben keeps committing through the
            // other node: nearly every batch it decides is behind Redis and loses the race.
            proxy.freezeSubscribers();
            var others = java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (int i = 0; busy.get() && i < 5000; i++) benBoard.command("member.rename", Map.of("name", "Ben " + i));
            });
            for (int round = 0; round < 10; round++) {
                // A command ahead of them keeps the pipeline busy, so original and re-send share the next batch.
                ana.send(ana.nextId(), "member.rename", Map.of("name", "Ana " + round));
                String id = ana.nextId();
                String rename = "{\"type\":\"room.rename\",\"id\":\"" + id + "\",\"title\":\"Round " + round + "\"}";
                ana.sendRaw(rename);
                ana.sendRaw(rename);
                ana.await("two answers to " + id, c -> acks(c, id).size() == 2);
                List<JsonNode> acks = acks(ana, id);
                assertEquals("ack", acks.get(0).path("type").asText(), acks.get(0).toString());
                assertEquals(acks.get(0), acks.get(1), "both acks name the same seq");
                long seq = acks.get(0).path("seq").asLong();
                ana.awaitSeq(seq);
                JsonNode event = ana.awaitFrame("event " + seq, f -> f.path("type").asText().equals("event")
                    && f.path("seq").asLong() == seq);
                assertEquals("Round " + round, event.path("event").path("title").asText(),
                    "the acked seq holds this command's event: " + event);
            }
            busy.set(false);
            others.get();
            long last = benBoard.command("member.rename", Map.of("name", "Ben, done")).path("seq").asLong();
            benBoard.awaitSeq(last);
            assertEquals(10, benBoard.frames().stream()
                .filter(f -> f.path("event").path("type").asText().equals("room.renamed")).count(), "each round committed once");
        } finally {
            busy.set(false);
            proxy.thawSubscribers();
        }
    }

    @Test
    void aResendAfterAReconnectToTheOtherNodeIsAcknowledgedWithTheOriginalSeq() {
        Api.Reply created = Api.createRoom(east.port(), "Again", "Ana");
        BoardClient first = BoardClient.connect(east.port(), created.text("token"));
        String older = first.nextId();
        String newer = first.nextId();
        JsonNode olderAck = first.command(older, "room.rename", Map.of("title", "First"));
        JsonNode newerAck = first.command(newer, "room.rename", Map.of("title", "Second"));
        first.abort();
        try (BoardClient again = BoardClient.connect(west.port(), created.text("token"))) {
            // Both re-sent after the reconnect, the older one last, as an outbox may do.
            assertEquals(newerAck.path("seq"), again.command(newer, "room.rename", Map.of("title", "Second")).path("seq"));
            JsonNode late = again.command(older, "room.rename", Map.of("title", "First"));
            assertEquals("ack", late.path("type").asText());
            long seq = late.path("seq").asLong();
            assertEquals(true, seq >= olderAck.path("seq").asLong() && seq <= newerAck.path("seq").asLong(),
                "an old re-send is acknowledged, never re-applied: " + late);
            assertEquals("Second", again.room().title(), "the older command did not run again");
            assertEquals(newerAck.path("seq").asLong(), again.room().seq());
        }
    }

    private static List<JsonNode> acks(BoardClient c, String id) {
        return c.frames().stream().filter(f -> id.equals(f.path("id").asText(null))
            && (f.path("type").asText().equals("ack") || f.path("type").asText().equals("error"))).toList();
    }
}
