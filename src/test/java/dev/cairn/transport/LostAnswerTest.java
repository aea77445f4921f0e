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
 * Redis runs a commit but its answer never comes back. The race it guards: with no timeout the
 * board waited for ever; answered `unavailable` it would think nothing happened. Now the board
 * hears, in bounded time, that the change may have been applied, and a re-send with the same id
 * is acknowledged with the one commit's seq.
 */
class LostAnswerTest {
    private static RedisProxy proxy;
    private static CairnNode node;

    @BeforeAll
    static void start() {
        proxy = RedisProxy.start(TestRedis.url());
        node = TestNodes.start(Map.of("REDIS_URL", proxy.url(), "CAIRN_LIMITS_REDIS_TIMEOUT_MILLIS", "300",
            "CAIRN_LIMITS_PUBSUB_PING_MILLIS", "60000", "CAIRN_LIMITS_PRESENCE_TTL_SECONDS", "60"));
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
    void aCommitWhoseAnswerIsLostIsReportedAsMaybeAppliedAndItsResendIsAcknowledgedOnce() {
        Api.Reply created = Api.createRoom(node.port(), "Lost answers", "Ana");
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            long before = ana.room().seq();
            String id = ana.nextId();
            proxy.holdReplies();
            JsonNode refused;
            try {
                refused = ana.command(id, "room.rename", Map.of("title", "Renamed in the dark"));
            } finally {
                proxy.releaseReplies();
            }
            assertEquals("unavailable", refused.path("code").asText(), refused.toString());
            assertTrue(refused.path("message").asText().contains("same id"), refused.toString());
            ana.send(id, "room.rename", Map.of("title", "Renamed in the dark"));
            ana.await("the re-send's answer", c -> replies(c, id).size() == 2);
            JsonNode again = replies(ana, id).get(1);
            assertEquals("ack", again.path("type").asText(), again.toString());
            assertEquals(before + 1, again.path("seq").asLong(), "the first attempt had committed; the re-send was not applied again");
            ana.awaitSeq(before + 1);
            assertEquals("Renamed in the dark", ana.room().title());
            long next = ana.command("member.rename", Map.of("name", "Ana B.")).path("seq").asLong();
            assertEquals(before + 2, next, "exactly one rename committed");
        }
    }

    private static java.util.List<JsonNode> replies(BoardClient c, String id) {
        return c.frames().stream().filter(f -> id.equals(f.path("id").asText(null))
            && (f.path("type").asText().equals("ack") || f.path("type").asText().equals("error"))).toList();
    }
}
