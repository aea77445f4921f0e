package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.RedisProxy;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What a board sees when its node's Redis pub/sub connection fails: a subscription that is not
 * active yet, a connection that is cut, one that goes silent. Node A talks to Redis directly; node
 * B talks to it through a {@link RedisProxy} that can hold, cut or freeze B's subscriber
 * connections and nothing else. Every change is committed on A, so B's boards can only learn of it
 * through B's subscription or B's own catch-up from the archive.
 *
 * <p>Both nodes run with a presence lease of ten minutes, so the periodic "tend" pass (which also
 * probes every live room's seq in Redis) comes every 200 s: far beyond any wait here, so it cannot
 * hide a lost event. Each test starts its own node B and proxy, so no frozen or held connection of
 * one test leaks into the next.
 */
class PubSubFailureTest {
    /** One tend pass per 200 s: longer than every wait here. */
    private static final String NO_PROBE_TTL = "600";

    private static CairnNode nodeA;
    private CairnNode nodeB;
    private RedisProxy proxy;
    private final List<BoardClient> boards = new ArrayList<>();

    @BeforeAll
    static void startA() {
        nodeA = TestNodes.start(Map.of("CAIRN_LIMITS_PRESENCE_TTL_SECONDS", NO_PROBE_TTL,
            "CAIRN_LIMITS_COMMANDS_PER_SECOND", "1000", "CAIRN_LIMITS_COMMAND_BURST", "1000"));
    }

    @AfterAll
    static void stopA() {
        TestNodes.stopQuietly(nodeA);
    }

    /** Node B, through a fresh proxy, pinging its subscriber connection every {@code pingMillis}. */
    private CairnNode startB(long pingMillis) {
        proxy = RedisProxy.start(TestRedis.url());
        nodeB = TestNodes.start(Map.of("REDIS_URL", proxy.url(),
            "CAIRN_LIMITS_PUBSUB_PING_MILLIS", Long.toString(pingMillis),
            "CAIRN_LIMITS_PRESENCE_TTL_SECONDS", NO_PROBE_TTL,
            "CAIRN_LIMITS_COMMANDS_PER_SECOND", "1000", "CAIRN_LIMITS_COMMAND_BURST", "1000"));
        return nodeB;
    }

    @AfterEach
    void stopB() {
        boards.forEach(BoardClient::close);
        boards.clear();
        try {
            if (proxy != null) proxy.thawSubscribers();
            TestNodes.stopQuietly(nodeB); // fails the test if B let an exception escape
            assertEquals(List.of(), nodeA.unhandledExceptions(), "node A let an exception escape");
        } finally {
            if (proxy != null) proxy.close();
            proxy = null;
            nodeB = null;
        }
    }

    private BoardClient board(BoardClient board) {
        boards.add(board);
        return board;
    }

    // Without waiting for Redis to confirm SUBSCRIBE, B would load the room while its SUBSCRIBE is still held,
    // so the rename committed meanwhile is neither in what B read nor on its channel: B's board stays one behind.
    // (B pings only every 10 s here: a ping-triggered reconnect and its catch-up must not cover the gap.)
    @Test
    void eventCommittedWhileTheSubscribeIsInFlightReachesTheBoardOfTheSubscribingNode() {
        startB(10_000);
        Api.Reply created = Api.createRoom(nodeA.port(), "Subscribe gap", "Ana");
        String roomId = created.text("roomId");
        Api.Reply ben = Api.join(nodeA.port(), roomId, "Ben"); // through A: B does not hold the room yet
        BoardClient ana = board(BoardClient.connect(nodeA.port(), created.text("token")));

        proxy.holdSubscribes();
        BoardClient benBoard = board(BoardClient.open(nodeB.port(), null));
        benBoard.hello(ben.text("token"), null); // B starts loading the room: subscribes first
        proxy.awaitHeldSubscribe(BoardClient.WAIT);

        JsonNode renamed = ana.command("room.rename", Map.of("title", "Renamed while B subscribed"));
        assertEquals("ack", renamed.path("type").asText(), renamed.toString());
        long seq = renamed.path("seq").asLong();
        proxy.releaseSubscribes();

        benBoard.awaitSeq(seq);
        assertEquals(ana.room(), benBoard.room());
        assertEquals("Renamed while B subscribed", benBoard.room().title());

        JsonNode later = ana.command("room.rename", Map.of("title", "And once more"));
        benBoard.awaitSeq(later.path("seq").asLong());
        assertEquals(later.path("seq").asLong(), benBoard.room().seq(), "nothing doubled");
        assertEquals(ana.room(), benBoard.room());
        assertNull(benBoard.orderProblem());
        assertNull(ana.orderProblem());
    }

    // Without re-subscribing after the cut, and reading from the archive once the new SUBSCRIBE is confirmed
    // (not as soon as the connection is back), B would never hear of the events committed while its subscriber
    // was gone: B's re-SUBSCRIBE is held until they are all committed, so none can arrive on the channel.
    // (The cut is seen as a closed connection; B pings only every 10 s, so no ping-driven reconnect can
    // start another catch-up while the SUBSCRIBE is held.)
    @Test
    void eventsCommittedWhileThePubSubConnectionIsCutReachEveryBoardAfterTheReconnect() {
        startB(10_000);
        Api.Reply created = Api.createRoom(nodeA.port(), "Cut", "Ana");
        String roomId = created.text("roomId");
        Api.Reply ben = Api.join(nodeB.port(), roomId, "Ben");
        BoardClient ana = board(BoardClient.connect(nodeA.port(), created.text("token")));
        BoardClient benBoard = board(BoardClient.connect(nodeB.port(), ben.text("token")));
        benBoard.awaitSeq(ana.room().seq());
        ana.awaitSeq(benBoard.room().seq());

        proxy.holdSubscribes();
        proxy.killSubscribers();
        proxy.awaitHeldSubscribe(BoardClient.WAIT); // B noticed, reconnected and re-subscribes: not active yet
        long seq = 0;
        for (int i = 0; i < 5; i++) {
            JsonNode reply = ana.command("room.rename", Map.of("title", "While cut " + i));
            assertEquals("ack", reply.path("type").asText(), reply.toString());
            seq = reply.path("seq").asLong();
        }
        proxy.releaseSubscribes();

        benBoard.awaitSeq(seq);
        assertEquals(seq, benBoard.room().seq());
        assertEquals(ana.room(), benBoard.room());
        assertEquals("While cut 4", benBoard.room().title());

        // After the reconnect, events keep flowing both ways.
        JsonNode fromA = ana.command("room.rename", Map.of("title", "After the cut"));
        benBoard.awaitSeq(fromA.path("seq").asLong());
        JsonNode fromB = benBoard.command("member.rename", Map.of("name", "Ben, back"));
        assertEquals("ack", fromB.path("type").asText(), fromB.toString());
        ana.awaitSeq(fromB.path("seq").asLong());
        benBoard.awaitSeq(fromB.path("seq").asLong());
        assertEquals(fromB.path("seq").asLong(), ana.room().seq(), "nothing doubled");
        assertEquals(ana.room(), benBoard.room());
        assertNull(ana.orderProblem());
        assertNull(benBoard.orderProblem());
    }

    // Without a ping that treats an unanswered subscriber as lost, B would keep waiting on a half-open
    // connection that delivers nothing: B's board would never see the events A committed after the freeze.
    // (The new connection's SUBSCRIBE is held until they are committed, so they cannot arrive on it either.)
    @Test
    void eventsCommittedWhileThePubSubConnectionIsHalfOpenReachTheBoardOnceTheNodeNoticesTheSilence() {
        startB(300);
        Api.Reply created = Api.createRoom(nodeA.port(), "Half-open", "Ana");
        String roomId = created.text("roomId");
        Api.Reply ben = Api.join(nodeB.port(), roomId, "Ben");
        BoardClient ana = board(BoardClient.connect(nodeA.port(), created.text("token")));
        BoardClient benBoard = board(BoardClient.connect(nodeB.port(), ben.text("token")));
        benBoard.awaitSeq(ana.room().seq());
        ana.awaitSeq(benBoard.room().seq());

        proxy.holdSubscribes();
        proxy.freezeSubscribers();
        long seq = 0;
        for (int i = 0; i < 5; i++) {
            JsonNode reply = ana.command("room.rename", Map.of("title", "While frozen " + i));
            assertEquals("ack", reply.path("type").asText(), reply.toString());
            seq = reply.path("seq").asLong();
        }
        proxy.awaitHeldSubscribe(BoardClient.WAIT); // B gave up on the silent connection and re-subscribes
        proxy.releaseSubscribes();

        benBoard.awaitSeq(seq);
        assertEquals(seq, benBoard.room().seq());
        assertEquals(ana.room(), benBoard.room());
        assertEquals("While frozen 4", benBoard.room().title());

        JsonNode fromA = ana.command("room.rename", Map.of("title", "After the freeze"));
        benBoard.awaitSeq(fromA.path("seq").asLong());
        JsonNode fromB = benBoard.command("member.rename", Map.of("name", "Ben, back"));
        assertEquals("ack", fromB.path("type").asText(), fromB.toString());
        ana.awaitSeq(fromB.path("seq").asLong());
        benBoard.awaitSeq(fromB.path("seq").asLong());

        // What the frozen connection still held must not reach the board twice once it thaws.
        proxy.thawSubscribers();
        JsonNode last = ana.command("room.rename", Map.of("title", "After the thaw"));
        benBoard.awaitSeq(last.path("seq").asLong());
        assertEquals(last.path("seq").asLong(), benBoard.room().seq(), "nothing doubled");
        assertEquals(ana.room(), benBoard.room());
        assertNull(ana.orderProblem());
        assertNull(benBoard.orderProblem());
    }
}
