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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While Redis is slow to answer, a room's waiting changes are bounded: beyond
 * {@code limits.roomQueueSize} a command is refused at once instead of piling up in memory, and
 * the ones that waited are all committed when Redis answers again.
 */
class RoomQueueTest {
    private static RedisProxy proxy;
    private static CairnNode node;

    @BeforeAll
    static void start() {
        proxy = RedisProxy.start(TestRedis.url());
        node = TestNodes.start(Map.of("REDIS_URL", proxy.url(), "CAIRN_LIMITS_ROOM_QUEUE_SIZE", "10",
            "CAIRN_LIMITS_REDIS_TIMEOUT_MILLIS", "20000", "CAIRN_LIMITS_PUBSUB_PING_MILLIS", "60000",
            "CAIRN_LIMITS_PRESENCE_TTL_SECONDS", "60"));
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
    void changesBeyondTheRoomQueueAreRefusedAtOnceAndTheQueuedOnesCommitLater() {
        Api.Reply created = Api.createRoom(node.port(), "Queue", "Ana");
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            long before = ana.room().seq();
            List<String> ids = new ArrayList<>();
            proxy.holdReplies();
            try {
                // One commit in flight (its answer held), ten waiting, four more refused.
                for (int i = 0; i < 15; i++) {
                    String id = ana.nextId();
                    ids.add(id);
                    ana.send(id, "member.rename", Map.of("name", "Ana " + i));
                }
                ana.await("four refusals", c -> c.frames().stream().filter(f -> f.path("code").asText().equals("unavailable")).count() == 4);
            } finally {
                proxy.releaseReplies();
            }
            for (String id : ids) ana.awaitReply(id);
            List<JsonNode> acks = ana.frames().stream().filter(f -> f.path("type").asText().equals("ack")).toList();
            assertEquals(11, acks.size(), "the one in flight and the ten that waited");
            assertTrue(ana.frames().stream().filter(f -> f.path("code").asText().equals("unavailable"))
                .allMatch(f -> f.path("message").asText().contains("waiting")));
            ana.awaitSeq(before + 11);
            assertEquals(before + 11, ana.room().seq());
        }
    }
}
