package dev.cairn.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.bench.Http;
import dev.cairn.bench.ServerProcess;
import dev.cairn.bench.Survivor;
import dev.cairn.support.BoardClient;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults with real processes: Cairn nodes in their own JVMs and a Debian redis-server, killed with
 * real signals while boards type into the purpose. Each board inserts unique tokens, one edit in
 * flight at a time, re-sends its in-flight edit with the same id after a reconnect or an
 * {@code unavailable}, and moves to the other node when its own dies. Afterwards every token a
 * board sent must be in the draft exactly once: nothing acknowledged is lost, and nothing re-sent
 * is applied twice.
 */
class ProcessFaultsTest {
    private static final long WRITE_EVERY_MS = 40;

    private final List<AutoCloseable> processes = new ArrayList<>();
    private final List<Survivor> boards = new ArrayList<>();
    private Vertx vertx;
    private WebSocketClient client;

    @BeforeEach
    void clients() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(16 << 20).setMaxMessageSize(16 << 20));
    }

    @AfterEach
    void stopAll() throws Exception {
        boards.forEach(Survivor::stop);
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (AutoCloseable p : processes) p.close();
    }

    @Test
    void aNodeKilledMidMeetingLosesNoAcknowledgedEditAndAppliesEveryResentEditOnce() throws Exception {
        RedisProcess redis = redis();
        ServerProcess a = node(redis);
        ServerProcess b = node(redis);
        Room room = room(b, List.of(a.port, b.port), 6);
        try (BoardClient host = BoardClient.connect(b.port, room.hostToken)) {
            host.command("meeting.start", Map.of());
        }
        long writer = typeContinuously();
        Until.until("every board saved a few edits", () -> boards.stream().allMatch(s -> s.acked.size() >= 5));

        a.kill();
        List<Survivor> onA = boards.stream().filter(s -> s.port() == a.port).toList();
        Until.until("the boards of the killed node are live on the other", () -> onA.stream().allMatch(s -> s.live && s.port() == b.port));
        int[] before = boards.stream().mapToInt(s -> s.acked.size()).toArray();
        Until.until("every board saved more edits after the kill",
            () -> { for (int i = 0; i < before.length; i++) if (boards.get(i).acked.size() < before[i] + 5) return false; return true; });
        settle(writer);

        String text = draft(b, room.hostToken);
        assertEveryTokenOnce(text);
        JsonNode meeting = snapshot(b, room.hostToken).path("room").path("meeting");
        assertTrue(meeting.path("meeting").path("startedAt").asLong() > 0, "the meeting still runs after the node died: " + meeting);
        assertEquals(List.of(), b.severeLines(), "the surviving node logged no SEVERE line");
    }

    @Test
    void aNodeStoppedWithSigtermClosesItsBoardsWith1001FinishesWhatItAcknowledgedAndExits() throws Exception {
        RedisProcess redis = redis();
        ServerProcess a = node(redis);
        ServerProcess b = node(redis);
        room(b, List.of(a.port, b.port), 4);
        long writer = typeContinuously();
        Until.until("every board saved a few edits", () -> boards.stream().allMatch(s -> s.acked.size() >= 5));
        List<Survivor> onA = boards.stream().filter(s -> s.port() == a.port).toList();

        a.terminate();
        int exit = a.awaitExit(60);
        assertTrue(exit == 0 || exit == 143, "the node exits by itself after SIGTERM (exit " + exit + ")");
        assertEquals(List.of(), a.severeLines(), "the stopping node logged no SEVERE line");
        for (Survivor s : onA) assertEquals(1001, s.closeCodes.get(0), "a board of the stopped node was told 'going away'");
        Until.until("the boards of the stopped node are live on the other", () -> onA.stream().allMatch(s -> s.live && s.port() == b.port));
        settle(writer);
        assertEveryTokenOnce(draft(b, boards.get(0).token()));
    }

    /**
     * With {@code appendfsync always}: Redis answers a write only once it is in its append-only
     * file, so a killed Redis loses nothing it acknowledged, and then neither does Cairn. (With the
     * default {@code everysec}, a Redis killed while its disk is busy can come back without its
     * last writes; Cairn then reloads the room and boards get a new snapshot. This test saw that
     * once in a dozen runs on a loaded machine: "Redis no longer holds this node's event 26".)
     */
    @Test
    void redisKilledAndStartedAgainLosesNoAcknowledgedEdit() throws Exception {
        RedisProcess redis = redis("--appendfsync", "always");
        ServerProcess node = node(redis);
        room(node, List.of(node.port), 4);
        long writer = typeContinuously();
        Until.until("every board saved a few edits", () -> boards.stream().allMatch(s -> s.acked.size() >= 5));

        redis.kill();
        Until.until("every board was told storage is down", () -> boards.stream().allMatch(s -> s.toldStorageDown));
        redis.startAgain();
        int[] before = boards.stream().mapToInt(s -> s.acked.size()).toArray();
        Until.until("every board saved more edits once Redis was back",
            () -> { for (int i = 0; i < before.length; i++) if (boards.get(i).acked.size() < before[i] + 5) return false; return true; });
        settle(writer);
        assertEveryTokenOnce(draft(node, boards.get(0).token()));
    }

    @Test
    void redisRestartedCleanlyKeepsEverythingFromItsAppendOnlyFile() throws Exception {
        RedisProcess redis = redis();
        ServerProcess node = node(redis);
        room(node, List.of(node.port), 3);
        long writer = typeContinuously();
        Until.until("every board saved a few edits", () -> boards.stream().allMatch(s -> s.acked.size() >= 5));

        redis.terminate();
        redis.startAgain();
        int[] before = boards.stream().mapToInt(s -> s.acked.size()).toArray();
        Until.until("every board saved more edits after the restart",
            () -> { for (int i = 0; i < before.length; i++) if (boards.get(i).acked.size() < before[i] + 5) return false; return true; });
        settle(writer);
        assertEveryTokenOnce(draft(node, boards.get(0).token()));
    }

    // ---- the parts -----------------------------------------------------------------------------

    private RedisProcess redis(String... args) throws Exception {
        RedisProcess redis = RedisProcess.start(args);
        processes.add(redis);
        return redis;
    }

    /** A node process on the test's Redis, added first so it closes before Redis does. */
    private ServerProcess node(RedisProcess redis) throws Exception {
        ServerProcess node = ServerProcess.start(Map.of("REDIS_URL", redis.url(), "CAIRN_EVENT_LOOPS", "2"), List.of("-Xmx256m"));
        processes.add(0, node);
        return node;
    }

    private record Room(String roomId, String hostToken) {
    }

    /** A room with {@code count} typing boards spread over {@code ports} in turn. */
    private Room room(ServerProcess via, List<Integer> ports, int count) throws Exception {
        JsonNode created = Http.createRoom(via.port, "Fault matrix");
        String roomId = created.get("roomId").asText();
        for (int i = 0; i < count; i++) {
            JsonNode joined = Http.join(via.port, roomId, "Typist " + i);
            Survivor s = new Survivor(vertx, client, joined.get("memberId").asText(), joined.get("token").asText(), ports, i % ports.size());
            boards.add(s);
            s.connect();
        }
        Until.until("every board is live", () -> boards.stream().allMatch(s -> s.live));
        return new Room(roomId, created.get("token").asText());
    }

    private long typeContinuously() {
        return vertx.setPeriodic(WRITE_EVERY_MS, id -> boards.forEach(Survivor::write));
    }

    /** Stops typing and waits until every board's last edit was acknowledged. */
    private void settle(long writer) {
        vertx.cancelTimer(writer);
        Until.until("every board's last edit is acknowledged", () -> boards.stream().allMatch(s -> s.live && s.settled()));
    }

    private void assertEveryTokenOnce(String text) {
        int sent = 0;
        for (Survivor s : boards) {
            for (String token : s.sent()) {
                sent++;
                int count = text.split(Pattern.quote(token), -1).length - 1;
                assertEquals(1, count, token + (s.acked.contains(token) ? " (acknowledged)" : "") + " is in the draft once");
            }
        }
        assertTrue(sent > 20, "the boards typed (" + sent + " edits)");
    }

    private static JsonNode snapshot(ServerProcess node, String token) {
        try (BoardClient probe = BoardClient.connect(node.port, token)) {
            return probe.awaitFrame("snapshot", f -> f.path("type").asText().equals("snapshot"));
        }
    }

    private static String draft(ServerProcess node, String token) {
        return snapshot(node, token).path("room").path("purpose").path("text").asText();
    }
}
