package dev.cairn.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.bench.ServerProcess;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.RawWebSocket;
import dev.cairn.support.RedisProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that break without a word, with two Cairn nodes in their own JVMs and a Debian
 * redis-server: a node's pub/sub connection killed by Redis or gone silent, a board whose network
 * goes silent, and a board that stops reading. Each time the node notices by itself, the boards
 * that were not at fault end in the same state as the board that made the changes, and neither
 * node logs a SEVERE line.
 */
class ConnectionFaultsTest {
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing what a fault already broke
            }
        }
    }

    @Test
    void aPubSubConnectionKilledByRedisLosesNoEventForTheBoardsOfEitherNode() throws Exception {
        RedisProcess redis = redis();
        ServerProcess a = node(redis.url(), Map.of());
        ServerProcess b = node(redis.url(), Map.of());
        Api.Reply created = Api.createRoom(a.port, "Killed subscriber", "Ana");
        BoardClient ana = board(BoardClient.connect(a.port, created.text("token")));
        BoardClient ben = board(BoardClient.connect(b.port, Api.join(b.port, created.text("roomId"), "Ben").text("token")));
        ben.awaitSeq(ana.room().seq());

        String killed = redis.cli("CLIENT", "KILL", "TYPE", "pubsub");
        assertTrue(Integer.parseInt(killed) >= 2, "Redis dropped the subscriber of each node: " + killed);
        long seq = 0;
        for (int i = 0; i < 10; i++) {
            JsonNode ack = i % 2 == 0 ? ana.command("room.rename", Map.of("title", "Renamed " + i))
                : ben.command("member.rename", Map.of("name", "Ben " + i));
            assertEquals("ack", ack.path("type").asText(), ack.toString());
            seq = Math.max(seq, ack.path("seq").asLong());
        }

        ana.awaitSeq(seq);
        ben.awaitSeq(seq);
        assertEquals(ana.room(), ben.room());
        assertEquals("Renamed 8", ben.room().title());
        assertInOrder(ana, ben);
        assertNothingSevere(a, b);
    }

    @Test
    void aPubSubConnectionGoneSilentIsNoticedAndItsNodeCatchesUp() throws Exception {
        RedisProcess redis = redis();
        RedisProxy proxy = RedisProxy.start(redis.url());
        closing.add(0, proxy);
        ServerProcess a = node(redis.url(), Map.of());
        ServerProcess b = node(proxy.url(), Map.of("CAIRN_LIMITS_PUBSUB_PING_MILLIS", "300"));
        Api.Reply created = Api.createRoom(a.port, "Silent subscriber", "Ana");
        BoardClient ana = board(BoardClient.connect(a.port, created.text("token")));
        BoardClient ben = board(BoardClient.connect(b.port, Api.join(a.port, created.text("roomId"), "Ben").text("token")));
        ben.awaitSeq(ana.room().seq());

        proxy.holdSubscribes();
        proxy.freezeSubscribers();
        long seq = 0;
        for (int i = 0; i < 5; i++) {
            JsonNode ack = ana.command("room.rename", Map.of("title", "While silent " + i));
            assertEquals("ack", ack.path("type").asText(), ack.toString());
            seq = ack.path("seq").asLong();
        }
        // Node B's pings went unanswered: it gives up on the silent connection and subscribes anew.
        proxy.awaitHeldSubscribe(BoardClient.WAIT);
        proxy.releaseSubscribes();
        ben.awaitSeq(seq);
        assertEquals(ana.room(), ben.room());
        JsonNode fromBen = ben.command("member.rename", Map.of("name", "Ben, still here"));
        assertEquals("ack", fromBen.path("type").asText(), fromBen.toString());
        ana.awaitSeq(fromBen.path("seq").asLong());

        // What the silent connection still held must not reach Ben's board a second time once it speaks again.
        proxy.thawSubscribers();
        JsonNode last = ana.command("room.rename", Map.of("title", "After the silence"));
        ben.awaitSeq(last.path("seq").asLong());
        assertEquals(ana.room(), ben.room());
        assertInOrder(ana, ben);
        assertNothingSevere(a, b);
    }

    @Test
    void aBoardWhoseNetworkGoesSilentIsClosedByItsNodeAndLeavesTheOnlineListOfEveryNode() throws Exception {
        // Leases last two minutes here: only the node closing the silent socket can take Cai off the
        // list within the wait, not a lease running out.
        Map<String, String> quick = Map.of("CAIRN_LIMITS_IDLE_TIMEOUT_SECONDS", "5",
            "CAIRN_LIMITS_PING_INTERVAL_SECONDS", "1", "CAIRN_LIMITS_PRESENCE_TTL_SECONDS", "120");
        RedisProcess redis = redis();
        ServerProcess a = node(redis.url(), quick);
        ServerProcess b = node(redis.url(), quick);
        Api.Reply created = Api.createRoom(a.port, "Silent laptop", "Ana");
        String roomId = created.text("roomId");
        Api.Reply cai = Api.join(a.port, roomId, "Cai");
        TcpProxy network = new TcpProxy(a.port);
        closing.add(0, network);
        BoardClient ana = board(BoardClient.connect(b.port, created.text("token")));
        BoardClient dan = board(BoardClient.connect(a.port, Api.join(a.port, roomId, "Dan").text("token")));
        BoardClient caiBoard = board(BoardClient.connect(network.port, cai.text("token")));
        ana.await("Cai online", c -> c.online().contains(cai.text("memberId")));

        network.freeze();
        Until.until(() -> "Cai's silent board taken off the list; Ana sees " + ana.online(),
            () -> !ana.online().contains(cai.text("memberId")));
        dan.await("Cai off Dan's list too", c -> !c.online().contains(cai.text("memberId")));
        JsonNode ack = ana.command("room.rename", Map.of("title", "Without Cai"));
        dan.awaitSeq(ack.path("seq").asLong());
        assertEquals(ana.room(), dan.room());
        assertFalse(dan.isClosed(), "the board beside the silent one is still served");

        network.thaw();
        assertEquals(4000, caiBoard.awaitClose(), "the node closed the silent board for idleness");
        assertNothingSevere(a, b);
    }

    @Test
    void aBoardThatStopsReadingIsClosedByItsNodeWhileBoardsOnBothNodesCarryOn() throws Exception {
        Map<String, String> strict = Map.of("CAIRN_LIMITS_SLOW_READER_SECONDS", "2",
            "CAIRN_LIMITS_PING_INTERVAL_SECONDS", "1", "CAIRN_LIMITS_MAX_QUEUED_BYTES", "2097152");
        RedisProcess redis = redis();
        ServerProcess a = node(redis.url(), strict);
        ServerProcess b = node(redis.url(), strict);
        Api.Reply created = Api.createRoom(b.port, "Sleepy reader", "Ana");
        String roomId = created.text("roomId");
        Api.Reply sleepy = Api.join(b.port, roomId, "Sleepy");
        BoardClient ana = board(BoardClient.connect(b.port, created.text("token")));
        BoardClient watcher = board(BoardClient.connect(a.port, Api.join(b.port, roomId, "Watcher").text("token")));
        Socket raw = RawWebSocket.open(a.port, 4096);
        closing.add(0, raw);
        RawWebSocket.sendText(raw.getOutputStream(), "{\"type\":\"hello\",\"token\":\"" + sleepy.text("token") + "\"}");
        watcher.await("the sleepy board online", c -> c.online().contains(sleepy.text("memberId")));

        // It never reads again. Ana's big edits on node B reach node A by pub/sub, fill the kernel's
        // buffers to the sleepy board, then node A's queue for it.
        long last = ana.bigEditsWhile(() -> watcher.online().contains(sleepy.text("memberId")));
        watcher.await("the sleepy board closed by node A", c -> !c.online().contains(sleepy.text("memberId")));
        ana.await("the sleepy board off node B's list too", c -> !c.online().contains(sleepy.text("memberId")));
        watcher.awaitSeq(last);
        assertFalse(watcher.isClosed(), "the board that reads on the same node is still served");
        assertEquals(ana.room(), watcher.room());
        assertInOrder(ana, watcher);
        assertNothingSevere(a, b);
    }

    // ---- the parts -----------------------------------------------------------------------------

    private RedisProcess redis() throws Exception {
        RedisProcess redis = RedisProcess.start();
        closing.add(redis);
        return redis;
    }

    /** A node process with two event loops; closed before Redis and before the proxies it talks through. */
    private ServerProcess node(String redisUrl, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(settings);
        env.put("REDIS_URL", redisUrl);
        env.put("CAIRN_EVENT_LOOPS", "2");
        ServerProcess node = ServerProcess.start(env, List.of("-Xmx256m"));
        closing.add(0, node);
        return node;
    }

    private BoardClient board(BoardClient board) {
        closing.add(0, board);
        return board;
    }

    private static void assertInOrder(BoardClient... boards) {
        for (BoardClient b : boards) assertNull(b.orderProblem(), "every event reached the board once, in order");
    }

    private static void assertNothingSevere(ServerProcess... nodes) {
        for (ServerProcess n : nodes) assertEquals(List.of(), n.severeLines(), "node " + n.port + " logged no SEVERE line");
    }
}
