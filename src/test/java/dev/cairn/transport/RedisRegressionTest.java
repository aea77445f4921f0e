package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.room.RoomState;
import dev.cairn.store.RoomKeys;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.RedisProxy;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis goes backwards under live rooms, as after a failover to a replica that was behind or a
 * restore from a backup: the nodes hold a room at seq N+k while Redis holds it at N. Whatever the
 * nodes noticed it by (a commit refused with a seq below theirs, another frame under a seq they
 * hold, or the periodic probe), every board must end with the room as Redis has it: the same state
 * as a board opened afterwards on a node that never held the room (node "fresh" here), so what a
 * node kept in memory cannot make the reference look right.
 *
 * <p>Each test starts its own two nodes (A and B, one board each), so it can choose whether the
 * periodic probe runs: with a presence lease of ten minutes the tend pass, and with it the probe,
 * comes every 200 s, beyond any wait here; with the minimum of 3 s it comes every second. Stopping
 * the nodes fails the test if either let an exception escape.
 */
class RedisRegressionTest {
    /** The tend pass (and its probe) every 200 s: it cannot be what noticed. */
    private static final String NO_PROBE_TTL = "600";
    /** The tend pass (and its probe) every second. */
    private static final String FAST_PROBE_TTL = "3";

    private static Vertx vertx;
    private static Redis redis;
    private static CairnNode fresh;
    private final List<CairnNode> nodes = new ArrayList<>();
    private final List<BoardClient> boards = new ArrayList<>();
    private RedisProxy proxy;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, TestRedis.url());
        fresh = TestNodes.start(Map.of("CAIRN_LIMITS_PRESENCE_TTL_SECONDS", NO_PROBE_TTL));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            TestNodes.stopQuietly(fresh);
        } finally {
            redis.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stopNodes() {
        boards.forEach(BoardClient::close);
        boards.clear();
        try {
            for (CairnNode node : nodes) TestNodes.stopQuietly(node); // unhandled exceptions fail the test
            assertEquals(List.of(), fresh.unhandledExceptions(), "the fresh node let an exception escape");
        } finally {
            nodes.clear();
            if (proxy != null) proxy.close();
            proxy = null;
        }
    }

    private CairnNode node(String presenceTtl, Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>(Map.of("CAIRN_LIMITS_PRESENCE_TTL_SECONDS", presenceTtl,
            "CAIRN_LIMITS_COMMANDS_PER_SECOND", "1000", "CAIRN_LIMITS_COMMAND_BURST", "1000"));
        env.putAll(more);
        CairnNode node = TestNodes.start(env);
        nodes.add(node);
        return node;
    }

    private BoardClient board(int port, String token) {
        BoardClient board = BoardClient.connect(port, token);
        boards.add(board);
        return board;
    }

    /** A room with Ana's board on node A and Ben's on node B, both at the same seq. */
    private record Room(String roomId, Api.Reply ana, Api.Reply ben, BoardClient anaBoard, BoardClient benBoard) {
    }

    private Room room(CairnNode a, CairnNode b, String title) {
        Api.Reply ana = Api.createRoom(a.port(), title, "Ana");
        Api.Reply ben = Api.join(b.port(), ana.text("roomId"), "Ben");
        BoardClient anaBoard = board(a.port(), ana.text("token"));
        BoardClient benBoard = board(b.port(), ben.text("token"));
        long seq = Math.max(anaBoard.room().seq(), benBoard.room().seq());
        anaBoard.awaitSeq(seq);
        benBoard.awaitSeq(seq);
        return new Room(ana.text("roomId"), ana, ben, anaBoard, benBoard);
    }

    private static long ack(JsonNode reply) {
        assertEquals("ack", reply.path("type").asText(), reply.toString());
        return reply.path("seq").asLong();
    }

    /** Renames the room {@code count} times from Ana's board and returns the last seq, once both boards have it. */
    private static long renames(Room room, String prefix, int count) {
        long seq = 0;
        for (int i = 0; i < count; i++) seq = ack(room.anaBoard().command("room.rename", Map.of("title", prefix + " " + i)));
        room.anaBoard().awaitSeq(seq);
        room.benBoard().awaitSeq(seq);
        return seq;
    }

    // Without reloading when a commit is refused with a seq below the node's (B, the committer) and when the
    // bus brings another frame under a seq the node holds (A), both nodes would go on from the state Redis
    // lost: B's rename would be refused until "too busy" and A's board would keep the lost title and name.
    @Test
    void afterRedisWentBackwardsTheNextCommandReloadsEveryBoardToWhatRedisHasAndIsAppliedOnce() {
        CairnNode a = node(NO_PROBE_TTL, Map.of());
        CairnNode b = node(NO_PROBE_TTL, Map.of());
        Room room = room(a, b, "Backwards");
        long kept = renames(room, "Kept", 3);
        Backup backup = Backup.of(room.roomId());

        long lost = 0;
        for (int i = 0; i < 3; i++) {
            ack(room.anaBoard().command("room.rename", Map.of("title", "Lost " + i)));
            lost = ack(room.benBoard().command("member.rename", Map.of("name", "Ben lost " + i)));
        }
        room.anaBoard().awaitSeq(lost);
        room.benBoard().awaitSeq(lost);
        assertEquals(kept + 6, lost);

        backup.restore(); // Redis is at `kept` again, both nodes at `lost`
        long last = ack(room.benBoard().command("member.rename", Map.of("name", "Ben after the restore")));
        assertEquals(kept + 1, last, "committed once, right after what Redis had");

        BoardClient freshAna = board(fresh.port(), room.ana().text("token"));
        BoardClient freshBen = board(fresh.port(), room.ben().text("token"));
        RoomState redisHas = freshAna.room();
        assertEquals(kept + 1, redisHas.seq(), "the command was applied once");
        assertEquals("Kept 2", redisHas.title());
        assertEquals("Ben after the restore", redisHas.member(room.ben().text("memberId")).name());

        convergesTo(room.anaBoard(), freshAna, kept + 1);
        convergesTo(room.benBoard(), freshBen, kept + 1);
        assertNull(room.anaBoard().orderProblem());
        assertNull(room.benBoard().orderProblem());

        // And the room goes on from there on both nodes.
        long next = ack(room.anaBoard().command("room.rename", Map.of("title", "Onwards")));
        for (BoardClient board : List.of(room.anaBoard(), room.benBoard(), freshAna, freshBen)) board.awaitSeq(next);
        assertEquals(freshAna.room(), room.anaBoard().room());
        assertEquals(freshBen.room(), room.benBoard().room());
        assertEquals(next, room.benBoard().room().seq(), "nothing doubled");
    }

    // Without the periodic probe of each live room's seq and newest frame, nothing tells a node of a room nobody
    // writes to that Redis went backwards: both boards would keep the lost events for as long as the room is quiet.
    @Test
    void afterRedisWentBackwardsInAQuietRoomTheProbeGivesEveryBoardTheRoomAsRedisHasIt() {
        CairnNode a = node(FAST_PROBE_TTL, Map.of());
        CairnNode b = node(FAST_PROBE_TTL, Map.of());
        Room room = room(a, b, "Quiet");
        long kept = renames(room, "Kept", 3);
        Backup backup = Backup.of(room.roomId());
        for (int i = 0; i < 3; i++) {
            ack(room.anaBoard().command("room.rename", Map.of("title", "Lost " + i)));
            ack(room.benBoard().command("member.rename", Map.of("name", "Ben lost " + i)));
        }
        room.anaBoard().awaitSeq(kept + 6);
        room.benBoard().awaitSeq(kept + 6);
        int anaSnapshots = snapshots(room.anaBoard());
        int benSnapshots = snapshots(room.benBoard());

        backup.restore(); // and nobody writes
        BoardClient freshAna = board(fresh.port(), room.ana().text("token"));
        BoardClient freshBen = board(fresh.port(), room.ben().text("token"));
        assertEquals(kept, freshAna.room().seq());
        assertEquals("Kept 2", freshAna.room().title());

        convergesTo(room.anaBoard(), freshAna, kept);
        convergesTo(room.benBoard(), freshBen, kept);
        assertTrue(snapshots(room.anaBoard()) > anaSnapshots, "Ana's board got a new snapshot");
        assertTrue(snapshots(room.benBoard()) > benSnapshots, "Ben's board got a new snapshot");
        assertNull(room.anaBoard().orderProblem());
        assertNull(room.benBoard().orderProblem());

        long next = ack(room.benBoard().command("member.rename", Map.of("name", "Ben, once more")));
        assertEquals(kept + 1, next);
        for (BoardClient board : List.of(room.anaBoard(), room.benBoard(), freshAna, freshBen)) board.awaitSeq(next);
        assertEquals(freshAna.room(), room.anaBoard().room());
        assertEquals(freshBen.room(), room.benBoard().room());
    }

    // A failover also cuts every pub/sub connection. If Redis, now behind B, moves past B's seq before B has
    // re-subscribed, B's catch-up reads only the frames after its own seq and applies them on top of the
    // events Redis lost, unless it checks that the frame at its seq is still Redis's; the probe then compares
    // only the newest frame, which B just read from Redis, so nothing would ever correct Ben's board.
    // (B is behind a proxy that holds its re-SUBSCRIBE until Redis has moved on; no probe runs, and B pings only
    // every 10 s, so the cut is seen as a closed connection and no ping-driven reconnect adds a catch-up.)
    @Test
    void afterAFailoverToAReplicaThatWasBehindANodeThatMissedThePublicationsStillEndsAsRedisHasTheRoom() {
        CairnNode a = node(NO_PROBE_TTL, Map.of());
        proxy = RedisProxy.start(TestRedis.url());
        CairnNode b = node(NO_PROBE_TTL, Map.of("REDIS_URL", proxy.url(), "CAIRN_LIMITS_PUBSUB_PING_MILLIS", "10000"));
        Room room = room(a, b, "Failover");
        long kept = renames(room, "Kept", 3);
        Backup backup = Backup.of(room.roomId());
        long lost = 0;
        for (int i = 0; i < 2; i++) lost = ack(room.benBoard().command("member.rename", Map.of("name", "Ben lost " + i)));
        room.anaBoard().awaitSeq(lost);
        room.benBoard().awaitSeq(lost);

        proxy.holdSubscribes();
        proxy.killSubscribers();
        proxy.awaitHeldSubscribe(BoardClient.WAIT); // B lost its subscription and is re-subscribing
        backup.restore();
        long after = 0;
        for (int i = 0; i < 4; i++) after = ack(room.anaBoard().command("room.rename", Map.of("title", "After " + i)));
        assertEquals(kept + 4, after);
        assertTrue(after > lost, "Redis is past what B holds");
        proxy.releaseSubscribes();

        BoardClient freshAna = board(fresh.port(), room.ana().text("token"));
        BoardClient freshBen = board(fresh.port(), room.ben().text("token"));
        assertEquals("Ben", freshBen.room().member(room.ben().text("memberId")).name());
        convergesTo(room.anaBoard(), freshAna, after);
        convergesTo(room.benBoard(), freshBen, after);
        assertNull(room.anaBoard().orderProblem());
        assertNull(room.benBoard().orderProblem());
    }

    /**
     * Waits until {@code board} shows the room exactly as {@code reference}, a board opened afterwards on a
     * node that never held the room, shows it once it has reached {@code seq}.
     */
    private static void convergesTo(BoardClient board, BoardClient reference, long seq) {
        reference.awaitSeq(seq);
        RoomState redisHas = reference.room();
        assertEquals(seq, redisHas.seq(), "the reference board went past " + seq);
        board.await("the room as Redis has it at seq " + seq + ": " + redisHas, c -> redisHas.equals(c.room()));
    }

    private static int snapshots(BoardClient board) {
        return (int) board.frames().stream().filter(f -> f.path("type").asText().equals("snapshot")).count();
    }

    /** The room's seq, archive and snapshot as DUMPed at one moment; restored together, atomically. */
    private record Backup(List<String> keys, List<Buffer> dumps) {
        static Backup of(String roomId) {
            RoomKeys k = new RoomKeys(roomId);
            List<String> keys = List.of(k.seq(), k.archive(), k.snapshot());
            List<Request> batch = new ArrayList<>();
            batch.add(Request.cmd(Command.MULTI));
            for (String key : keys) batch.add(Request.cmd(Command.DUMP).arg(key));
            batch.add(Request.cmd(Command.EXEC));
            Response exec = await(redis.batch(batch)).get(batch.size() - 1);
            List<Buffer> dumps = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) dumps.add(exec.get(i) == null ? null : exec.get(i).toBuffer());
            return new Backup(keys, dumps);
        }

        void restore() {
            List<Request> batch = new ArrayList<>();
            batch.add(Request.cmd(Command.MULTI));
            for (int i = 0; i < keys.size(); i++) {
                batch.add(dumps.get(i) == null ? Request.cmd(Command.DEL).arg(keys.get(i))
                    : Request.cmd(Command.RESTORE).arg(keys.get(i)).arg(0).arg(dumps.get(i)).arg("REPLACE"));
            }
            batch.add(Request.cmd(Command.EXEC));
            Response exec = await(redis.batch(batch)).get(batch.size() - 1);
            assertEquals(keys.size(), exec.size(), "every key restored: " + exec);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
