package dev.cairn.transport;

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

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Who is online: live on join and leave, and a member whose node died drops out once its lease ends. */
class PresenceTest {
    private static CairnNode node;

    @BeforeAll
    static void start() {
        node = TestNodes.start(Map.of("CAIRN_LIMITS_PRESENCE_TTL_SECONDS", "3"));
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(node);
    }

    @Test
    void membersAppearOnlineWhenTheyOpenTheBoardAndLeaveWhenTheyCloseIt() {
        Api.Reply created = Api.createRoom(node.port(), "Presence", "Ana");
        Api.Reply ben = Api.join(node.port(), created.text("roomId"), "Ben");
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            ana.await("Ana sees herself online", c -> c.online().contains(created.text("memberId")));
            BoardClient benBoard = BoardClient.connect(node.port(), ben.text("token"));
            ana.await("Ben online", c -> c.online().contains(ben.text("memberId")));
            benBoard.close();
            ana.await("Ben offline", c -> !c.online().contains(ben.text("memberId")));
        }
    }

    @Test
    void memberOfADeadNodeLeavesTheOnlineListWhenTheLeaseRunsOut() throws Exception {
        Api.Reply created = Api.createRoom(node.port(), "Dead node", "Ana");
        Api.Reply ghost = Api.join(node.port(), created.text("roomId"), "Ghost");
        RoomKeys keys = new RoomKeys(created.text("roomId"));
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, TestRedis.url());
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            // What a node leaves behind when it dies right after renewing: a lease nobody will renew.
            long expires = System.currentTimeMillis() + 2000;
            RedisAPI api = RedisAPI.api(redis);
            api.zadd(List.of(keys.presence(), Long.toString(expires), ghost.text("memberId") + "|deadnode-1"))
                .compose(r -> api.publish(keys.channel(), "{\"type\":\"presence\"}"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ana.await("ghost online", c -> c.online().contains(ghost.text("memberId")));
            ana.await("ghost swept out", c -> !c.online().contains(ghost.text("memberId")));
            assertFalse(ana.online().contains(ghost.text("memberId")));
        } finally {
            redis.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
