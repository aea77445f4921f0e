package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.RawWebSocket;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node judges a slow reader by the bytes it has queued for it and how long they have waited,
 * not by how many messages are parked: Vert.x parks every write made from another loop, so
 * counting messages closed healthy boards with 1013 during ordinary bursts.
 */
class BackPressureTest {
    private static CairnNode node;

    @BeforeAll
    static void start() {
        node = TestNodes.start(Map.of("CAIRN_LIMITS_COMMANDS_PER_SECOND", "2000", "CAIRN_LIMITS_COMMAND_BURST", "2000",
            "CAIRN_LIMITS_SLOW_READER_SECONDS", "2", "CAIRN_LIMITS_PING_INTERVAL_SECONDS", "1",
            "CAIRN_LIMITS_MAX_QUEUED_BYTES", "2097152"));
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(node);
    }

    @Test
    void aBurstOfTwoHundredEventsToFiftyHealthyBoardsClosesNone() {
        Api.Reply created = Api.createRoom(node.port(), "Burst", "Ana");
        List<BoardClient> boards = new ArrayList<>();
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            for (int i = 0; i < 50; i++) {
                boards.add(BoardClient.connect(node.port(), Api.join(node.port(), created.text("roomId"), "B" + i).text("token")));
            }
            long start = ana.room().seq();
            for (int i = 0; i < 200; i++) ana.send(ana.nextId(), "room.rename", Map.of("title", "Burst " + i));
            ana.awaitSeq(start + 200);
            for (BoardClient board : boards) {
                board.awaitSeq(start + 200);
                assertFalse(board.isClosed(), "a board that reads along is never closed");
                assertNull(board.orderProblem());
                assertEquals(ana.room(), board.room());
            }
        } finally {
            boards.forEach(BoardClient::close);
        }
    }

    @Test
    void anObserverWithFiveBoardsSendingSixtyCaretsEachClosesNoneOfTheOtherBoards() {
        Api.Reply created = Api.createRoom(node.port(), "Carets", "Ana");
        String roomId = created.text("roomId");
        Api.Reply watcher = Api.post(node.port(), "/api/rooms/" + roomId + "/members", Map.of("name", "Projector", "observer", true));
        List<BoardClient> healthy = new ArrayList<>();
        List<BoardClient> observer = new ArrayList<>();
        try {
            for (int i = 0; i < 9; i++) healthy.add(BoardClient.connect(node.port(), Api.join(node.port(), roomId, "H" + i).text("token")));
            for (int i = 0; i < 5; i++) observer.add(BoardClient.connect(node.port(), watcher.text("token")));
            long seq = healthy.get(8).room().seq();
            for (int k = 0; k < 60; k++) {
                for (BoardClient o : observer) o.sendRaw("{\"type\":\"purpose.caret\",\"seq\":" + seq + ",\"anchor\":" + k + ",\"head\":" + k + "}");
            }
            // The last caret of every observer board reaches every healthy board.
            for (BoardClient board : healthy) {
                board.await("every observer board's last caret", c -> c.frames().stream()
                    .filter(f -> f.path("type").asText().equals("caret") && f.path("anchor").asInt() == 59).count() == 5);
            }
            JsonNode ack = healthy.get(0).command("member.rename", Map.of("name", "Still here"));
            for (BoardClient board : healthy) {
                board.awaitSeq(ack.path("seq").asLong());
                assertFalse(board.isClosed(), "a healthy board is never closed for others' carets");
            }
            for (BoardClient o : observer) {
                assertFalse(o.isClosed());
                assertFalse(o.has(f -> f.path("type").asText().equals("caret") && f.path("conn").asText().equals(
                    o.frames().get(0).path("conn").asText())), "a board never gets its own caret back");
            }
        } finally {
            healthy.forEach(BoardClient::close);
            observer.forEach(BoardClient::close);
        }
    }

    @Test
    void fortyPingsInABurstAreEachAnsweredAndCloseNothing() {
        Api.Reply created = Api.createRoom(node.port(), "Pings", "Ana");
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            for (int i = 0; i < 40; i++) ana.sendRaw("{\"type\":\"ping\",\"id\":\"p" + i + "\"}");
            ana.await("forty pongs", c -> c.frames().stream().filter(f -> f.path("type").asText().equals("pong")).count() == 40);
            assertFalse(ana.isClosed());
            JsonNode pong = ana.awaitFrame("pong", f -> f.path("type").asText().equals("pong"));
            assertTrue(pong.path("serverTime").asLong() > 0, "a pong carries the server's time");
        }
    }

    @Test
    void aBoardThatStopsReadingIsClosedWhileTheOthersCarryOn() throws Exception {
        Api.Reply created = Api.createRoom(node.port(), "Sleepy reader", "Ana");
        Api.Reply sleepy = Api.join(node.port(), created.text("roomId"), "Sleepy");
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"));
             BoardClient watcher = BoardClient.connect(node.port(),
                 Api.join(node.port(), created.text("roomId"), "Watcher").text("token"));
             Socket raw = RawWebSocket.open(node.port(), 4096)) {
            RawWebSocket.sendText(raw.getOutputStream(), "{\"type\":\"hello\",\"token\":\"" + sleepy.text("token") + "\"}");
            watcher.await("the sleepy board online", c -> c.online().contains(sleepy.text("memberId")));
            // Never read again. Big edits fill the kernel's buffers, then the node's queue for it.
            long seq = ana.bigEditsWhile(() -> watcher.online().contains(sleepy.text("memberId")));
            watcher.await("the sleepy board closed by the node", c -> !c.online().contains(sleepy.text("memberId")));
            watcher.awaitSeq(seq);
            assertFalse(watcher.isClosed(), "the boards that read are still served");
            assertEquals(ana.room(), watcher.room());
        }
    }

    @Test
    void aBoardJoinsARoomWhoseSnapshotIsOverOneMebibyte() throws Exception {
        Api.Reply created = Api.createRoom(node.port(), "Big room", "Ana");
        String roomId = created.text("roomId");
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            assertEquals("ack", ana.command("purpose.edit", Map.of("seq", ana.room().seq(),
                "op", List.of("Every street safe to cross"))).path("type").asText());
            // 700 members rate the draft with a full comment on each test: about 1.1 MB of ratings.
            Map<String, String> comments = Map.of("inspiring", "i".repeat(500), "valuable", "v".repeat(500),
                "measurable", "m".repeat(500));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<?>> rating = new ArrayList<>();
                for (int i = 0; i < 700; i++) {
                    int n = i;
                    rating.add(pool.submit(() -> {
                        String token = Api.join(node.port(), roomId, "Rater " + n).text("token");
                        try (BoardClient rater = BoardClient.connect(node.port(), token)) {
                            JsonNode ack = rater.command("purpose.rate", Map.of("inspiring", 4, "valuable", 4,
                                "measurable", 3, "comments", comments));
                            assertEquals("ack", ack.path("type").asText(), ack.toString());
                        }
                    }));
                }
                for (var r : rating) r.get();
            } finally {
                pool.shutdownNow();
            }
            String token = Api.join(node.port(), roomId, "Late").text("token");
            try (BoardClient late = BoardClient.connect(node.port(), token)) {
                JsonNode snapshot = late.awaitFrame("snapshot", f -> f.path("type").asText().equals("snapshot"));
                assertTrue(snapshot.toString().length() > 1024 * 1024, "snapshot of " + snapshot.toString().length() + " characters");
                assertEquals("ack", late.command("member.rename", Map.of("name", "Late but in")).path("type").asText());
                assertFalse(late.isClosed());
            }
        }
    }
}
