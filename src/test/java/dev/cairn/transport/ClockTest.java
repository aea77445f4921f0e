package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.room.Modules;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.ProbeModule;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The room's clock across nodes, through the test module's alarms: a deadline rings exactly once
 * however many nodes hold the room, still rings when the node that armed it is gone, and rings in
 * a room nobody has open (the set of due rooms). And the clock a board can set its own by:
 * {@code serverTime} in {@code welcome} and {@code pong}.
 *
 * <p>The waits past an alarm's time are correctness waits: a second ring would come from a node
 * firing late, so each test waits a few seconds past the alarm, then commits one more event and
 * waits until every board has it, before counting.
 */
class ClockTest {
    private static final ProbeModule PROBE = (ProbeModule) Modules.byKey("probe");
    /** How long past an alarm a second ring, if there were one, would surely have come. */
    private static final long QUIET_AFTER_MS = 3000;

    private CairnNode east;
    private CairnNode west;

    @BeforeEach
    void start() {
        east = TestNodes.start();
        west = TestNodes.start();
    }

    @AfterEach
    void stop() {
        try {
            TestNodes.stopQuietly(east);
        } finally {
            TestNodes.stopQuietly(west);
        }
    }

    @Test
    void anAlarmSetThroughOneNodeRingsExactlyOnceForBoardsOnBothNodes() {
        Api.Reply created = Api.createRoom(east.port(), "Stand-up", "Ana");
        String roomId = created.text("roomId");
        Api.Reply ben = Api.join(west.port(), roomId, "Ben");
        try (BoardClient anaBoard = BoardClient.connect(east.port(), created.text("token"));
             BoardClient benBoard = BoardClient.connect(west.port(), ben.text("token"))) {
            long at = System.currentTimeMillis() + 1500;
            JsonNode set = anaBoard.command("probe.alarm", Map.of("alarmId", "standup", "at", at));
            assertEquals("ack", set.path("type").asText(), set.toString());
            benBoard.awaitSeq(set.path("seq").asLong());

            for (BoardClient board : List.of(anaBoard, benBoard)) {
                board.await("the alarm ringing", c -> !rings(c, "standup").isEmpty());
            }
            quietUntil(at + QUIET_AFTER_MS);
            long last = flush(anaBoard, List.of(anaBoard, benBoard));
            assertEquals(set.path("seq").asLong() + 2, last, "between the alarm and the flush, one event only: the ring");

            for (BoardClient board : List.of(anaBoard, benBoard)) {
                List<JsonNode> rang = rings(board, "standup");
                assertEquals(1, rang.size(), "exactly one ring committed: " + rang);
                assertEquals(RoomRules.SYSTEM, rang.get(0).path("by").asText());
                assertTrue(rang.get(0).path("at").asLong() >= at, "it rang at its time, not before: " + rang.get(0));
                assertContiguous(board, last);
                assertTrue(alarm(board.room(), "standup").rung());
            }
            assertEquals(rings(anaBoard, "standup"), rings(benBoard, "standup"), "both boards saw the same ring");
            assertEquals(anaBoard.room(), benBoard.room());
            assertLeftTheDueSet(roomId);
        }
    }

    @Test
    void anAlarmStillRingsOnceWhenTheNodeThatArmedItStops() {
        Api.Reply created = Api.createRoom(east.port(), "Handover", "Ana");
        String roomId = created.text("roomId");
        Api.Reply ben = Api.join(west.port(), roomId, "Ben");
        long at;
        long setSeq;
        try (BoardClient benBoard = BoardClient.connect(west.port(), ben.text("token"))) {
            try (BoardClient anaBoard = BoardClient.connect(east.port(), created.text("token"))) {
                at = System.currentTimeMillis() + 4000;
                JsonNode set = anaBoard.command("probe.alarm", Map.of("alarmId", "handover", "at", at));
                assertEquals("ack", set.path("type").asText(), set.toString());
                setSeq = set.path("seq").asLong();
                benBoard.awaitSeq(setSeq);
                TestNodes.stopQuietly(east);
                east = null;
                anaBoard.awaitClose();
            }
            assertTrue(System.currentTimeMillis() < at, "precondition: the east node stopped before the alarm was due;"
                + " this machine took too long to stop a node for the test to mean anything");
            assertTrue(rings(benBoard, "handover").isEmpty(), "nothing rang before its time");

            benBoard.await("the alarm ringing on the west node", c -> !rings(c, "handover").isEmpty());
            quietUntil(at + QUIET_AFTER_MS);
            long last = flush(benBoard, List.of(benBoard));
            assertEquals(setSeq + 2, last, "between the alarm and the flush, one event only: the ring");

            List<JsonNode> rang = rings(benBoard, "handover");
            assertEquals(1, rang.size(), "exactly one ring committed: " + rang);
            assertContiguous(benBoard, last);
            assertTrue(alarm(benBoard.room(), "handover").rung());
            assertLeftTheDueSet(roomId);
        }
    }

    /**
     * The east node had the room and is gone, every board is closed, and the west node never had
     * the room live: only its scan of the set of due rooms can ring the alarm. The test watches
     * Redis (not a board, which would load the room) until the ring is committed.
     */
    @Test
    void anAlarmInARoomNobodyHasOpenRingsFromTheScanOfDueRooms() {
        Api.Reply created = Api.createRoom(east.port(), "Overnight", "Ana");
        String roomId = created.text("roomId");
        long at;
        RoomState before;
        try (BoardClient anaBoard = BoardClient.connect(east.port(), created.text("token"))) {
            at = System.currentTimeMillis() + 2500;
            JsonNode set = anaBoard.command("probe.alarm", Map.of("alarmId", "overnight", "at", at));
            assertEquals("ack", set.path("type").asText(), set.toString());
            anaBoard.awaitSeq(set.path("seq").asLong());
            before = anaBoard.room();
            assertEquals(Long.toString(at), redis("ZSCORE", "cairn:due", roomId), "the set of due rooms names the room");
        }
        TestNodes.stopQuietly(east);
        east = null;
        long setSeq = before.seq();
        assertEquals(Long.toString(setSeq), redis("GET", "cairn:{" + roomId + "}:seq"),
            "precondition: the east node stopped before it could ring the alarm; this machine took too long to stop a"
                + " node for the test to mean anything");

        BoardClient.eventually("the alarm's ring committed by the west node",
            () -> Long.parseLong(redis("GET", "cairn:{" + roomId + "}:seq")) > setSeq);
        quietUntil(Math.max(at, System.currentTimeMillis()) + QUIET_AFTER_MS);

        try (BoardClient resumed = resume(west, created.text("token"), before);
             BoardClient fresh = BoardClient.connect(west.port(), created.text("token"))) {
            List<JsonNode> rang = rings(resumed, "overnight");
            assertEquals(1, rang.size(), "a board resuming after the alarm is sent exactly one ring: " + resumed.frames());
            assertEquals(setSeq + 1, rang.get(0).path("seq").asLong());
            assertEquals(RoomRules.SYSTEM, rang.get(0).path("by").asText());
            assertTrue(alarm(fresh.room(), "overnight").rung(), "a fresh board's snapshot has the alarm rung");
            assertEquals(setSeq + 1, fresh.room().seq(), "one ring, nothing more");
            assertEquals(fresh.room(), resumed.room());
        }
        assertLeftTheDueSet(roomId);
    }

    /** The boards all closed but the room is still held by the node that had it: its own clock rings it, once. */
    @Test
    void anAlarmRingsOnceInARoomWhoseBoardsAllClosed() {
        Api.Reply created = Api.createRoom(east.port(), "Lunch", "Ana");
        long at;
        RoomState before;
        try (BoardClient anaBoard = BoardClient.connect(east.port(), created.text("token"))) {
            at = System.currentTimeMillis() + 1500;
            JsonNode set = anaBoard.command("probe.alarm", Map.of("alarmId", "lunch", "at", at));
            assertEquals("ack", set.path("type").asText(), set.toString());
            anaBoard.awaitSeq(set.path("seq").asLong());
            before = anaBoard.room();
        }
        String roomId = created.text("roomId");
        BoardClient.eventually("the alarm's ring committed",
            () -> Long.parseLong(redis("GET", "cairn:{" + roomId + "}:seq")) > before.seq());
        quietUntil(at + QUIET_AFTER_MS);
        try (BoardClient resumed = resume(east, created.text("token"), before)) {
            assertEquals(1, rings(resumed, "lunch").size(), "exactly one ring: " + resumed.frames());
            assertEquals(before.seq() + 1, resumed.room().seq(), "one ring, nothing more");
            assertTrue(alarm(resumed.room(), "lunch").rung());
        }
        assertLeftTheDueSet(roomId);
    }

    // ---- serverTime ----------------------------------------------------------------------------

    @Test
    void welcomeAndPongCarryTheServersTime() {
        Api.Reply created = Api.createRoom(east.port(), "Clocks", "Ana");
        long before = System.currentTimeMillis();
        try (BoardClient board = BoardClient.connect(west.port(), created.text("token"))) {
            long afterWelcome = System.currentTimeMillis();
            JsonNode welcome = board.awaitFrame("welcome", f -> f.path("type").asText().equals("welcome"));
            assertTrue(welcome.path("serverTime").isIntegralNumber(), welcome.toString());
            assertClose(before, welcome.path("serverTime").asLong(), afterWelcome);

            long beforePing = System.currentTimeMillis();
            board.sendRaw("{\"type\":\"ping\",\"id\":\"p1\"}");
            JsonNode pong = board.awaitFrame("pong to p1", f -> f.path("type").asText().equals("pong")
                && f.path("id").asText().equals("p1"));
            long afterPong = System.currentTimeMillis();
            assertTrue(pong.path("serverTime").isIntegralNumber(), pong.toString());
            assertClose(beforePing, pong.path("serverTime").asLong(), afterPong);
        }
    }

    /**
     * The server's clock read between the test's two readings of the same machine's clock; a
     * second of slack either way covers a wall clock stepped by NTP meanwhile.
     */
    private static void assertClose(long before, long serverTime, long after) {
        assertTrue(serverTime >= before - 1000 && serverTime <= after + 1000,
            "serverTime " + serverTime + " is not between " + before + " and " + after);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * A board that had the room at {@code before} comes back with {@code lastSeq}: the node sends
     * the events since (not a snapshot), and the board holds what the room holds now.
     */
    private static BoardClient resume(CairnNode node, String token, RoomState before) {
        BoardClient board = BoardClient.open(node.port(), null);
        board.assume(before);
        board.hello(token, before.seq());
        board.await("welcome and the missed events", c -> c.has(f -> f.path("type").asText().equals("welcome"))
            && c.room().seq() > before.seq());
        assertTrue(board.frames().stream().noneMatch(f -> f.path("type").asText().equals("snapshot")),
            "missed events replayed, not a snapshot");
        assertNull(board.orderProblem());
        return board;
    }

    /** The committed {@code probe.alarm_rang} events of one alarm among every frame the board received. */
    private static List<JsonNode> rings(BoardClient board, String alarmId) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : board.frames()) {
            if (f.path("type").asText().equals("event") && f.path("event").path("type").asText().equals("probe.alarm_rang")
                && f.path("event").path("alarmId").asText().equals(alarmId)) {
                out.add(f);
            }
        }
        return out;
    }

    private static ProbeModule.Alarm alarm(RoomState room, String id) {
        ProbeModule.Alarm alarm = room.part(PROBE).alarm(id);
        assertNotNull(alarm, "the room has the alarm " + id);
        return alarm;
    }

    /** One more event after everything else, seen by every board: whatever was committed before has arrived. */
    private static long flush(BoardClient from, List<BoardClient> boards) {
        JsonNode ack = from.command("probe.note", Map.of("text", "after the alarm", "private", false));
        assertEquals("ack", ack.path("type").asText(), ack.toString());
        long seq = ack.path("seq").asLong();
        for (BoardClient b : boards) b.awaitSeq(seq);
        return seq;
    }

    /** The board's mirror followed every event in order, and it is at {@code seq}. */
    private static void assertContiguous(BoardClient board, long seq) {
        assertNull(board.orderProblem());
        assertEquals(seq, board.room().seq());
    }

    /** A correctness wait: lets a second ring, if there were one, be committed. Not a speed assertion. */
    private static void quietUntil(long epochMillis) {
        long left = epochMillis - System.currentTimeMillis();
        if (left <= 0) return;
        try {
            Thread.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Once no deadline is left, the set of due rooms no longer names the room (no node loads it for nothing). */
    private static void assertLeftTheDueSet(String roomId) {
        BoardClient.eventually("room " + roomId + " out of the set of due rooms",
            () -> redis("ZSCORE", "cairn:due", roomId) == null);
    }

    /** One command to the test Redis, read-only here: a bulk or integer reply, or null. */
    private static String redis(String... command) {
        URI uri = URI.create(TestRedis.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String userInfo = uri.getUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                String password = userInfo.contains(":") ? userInfo.substring(userInfo.indexOf(':') + 1) : userInfo;
                out.write(resp("AUTH", password));
                in.readLine();
            }
            out.write(resp(command));
            out.flush();
            String line = in.readLine();
            if (line == null) throw new IOException("Redis closed the connection");
            switch (line.charAt(0)) {
                case '$' -> {
                    int length = Integer.parseInt(line.substring(1));
                    if (length < 0) return null;
                    char[] body = new char[length];
                    int read = 0;
                    while (read < length) read += in.read(body, read, length - read);
                    return new String(body);
                }
                case ':', '+' -> {
                    return line.substring(1);
                }
                default -> throw new IOException("unexpected Redis reply " + line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resp(String... parts) {
        StringBuilder out = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String p : parts) {
            out.append('$').append(p.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(p).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
