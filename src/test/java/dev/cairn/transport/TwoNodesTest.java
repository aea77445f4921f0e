package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Two server nodes on one Redis. Guards the race that matters most: both nodes committing to the
 * same room at the same instant must each succeed in some order, with nothing lost or doubled.
 */
class TwoNodesTest {
    private static CairnNode east;
    private static CairnNode west;

    @BeforeAll
    static void start() {
        east = TestNodes.start();
        west = TestNodes.start();
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(east);
        TestNodes.stopQuietly(west);
    }

    @Test
    void boardsOnDifferentNodesSeeTheSameEventsInTheSameOrder() {
        Api.Reply created = Api.createRoom(east.port(), "Coalition", "Ana");
        Api.Reply ben = Api.join(west.port(), created.text("roomId"), "Ben");
        try (BoardClient ana = BoardClient.connect(east.port(), created.text("token"));
             BoardClient benBoard = BoardClient.connect(west.port(), ben.text("token"))) {
            ana.command("room.rename", Map.of("title", "Coalition for clean air"));
            JsonNode last = benBoard.command("member.rename", Map.of("name", "Ben O."));
            ana.awaitSeq(last.path("seq").asLong());
            benBoard.awaitSeq(last.path("seq").asLong());
            assertEquals(ana.room(), benBoard.room());
            assertEquals(events(ana), events(benBoard).subList(events(benBoard).size() - events(ana).size(), events(benBoard).size()));
            assertNull(ana.orderProblem());
            assertNull(benBoard.orderProblem());
            benBoard.await("Ana online on the west node", c -> c.online().contains(created.text("memberId")));
            ana.await("Ben online on the east node", c -> c.online().contains(ben.text("memberId")));
        }
    }

    @Test
    void memberWhoJoinedThroughOneNodeIsWelcomedAtOnceByTheOther() {
        Api.Reply created = Api.createRoom(east.port(), "Load balanced", "Ana");
        try (BoardClient ana = BoardClient.connect(west.port(), created.text("token"))) {
            for (int i = 0; i < 10; i++) {
                Api.Reply joined = Api.join(east.port(), created.text("roomId"), "Newcomer " + i);
                try (BoardClient board = BoardClient.connect(west.port(), joined.text("token"))) {
                    assertEquals("Newcomer " + i, board.room().member(joined.text("memberId")).name());
                }
            }
        }
    }

    @Test
    void fiftyConcurrentCommandsFromBothNodesAreAppliedExactlyOnceWithContiguousSequence() throws Exception {
        Api.Reply created = Api.createRoom(east.port(), "Busy room", "Ana");
        String roomId = created.text("roomId");
        int writers = 10;
        int perWriter = 5;
        List<BoardClient> boards = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int i = 0; i < writers; i++) {
                CairnNode node = i % 2 == 0 ? east : west;
                Api.Reply member = Api.join(node.port(), roomId, "Writer " + i);
                boards.add(BoardClient.connect(node.port(), member.text("token")));
            }
            long start = boards.get(boards.size() - 1).room().seq();
            List<CompletableFuture<List<JsonNode>>> runs = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                BoardClient board = boards.get(i);
                int writer = i;
                runs.add(CompletableFuture.supplyAsync(() -> {
                    List<JsonNode> replies = new ArrayList<>();
                    for (int k = 0; k < perWriter; k++) {
                        replies.add(board.command("member.rename", Map.of("name", "Writer " + writer + " v" + k)));
                    }
                    return replies;
                }, pool));
            }
            Set<Long> ackedSeqs = new TreeSet<>();
            for (var run : runs) {
                for (JsonNode reply : run.get()) {
                    assertEquals("ack", reply.path("type").asText(), reply.toString());
                    ackedSeqs.add(reply.path("seq").asLong());
                }
            }
            long end = start + writers * perWriter;
            assertEquals(writers * perWriter, ackedSeqs.size(), "every command got its own sequence number");
            for (BoardClient board : boards) {
                board.awaitSeq(end);
                assertNull(board.orderProblem());
                assertEquals(end, board.room().seq(), "no event doubled");
                assertEquals(boards.get(0).room(), board.room());
            }
            List<Long> seqs = boards.get(0).frames().stream()
                .filter(f -> f.path("type").asText().equals("event")).map(f -> f.get("seq").asLong())
                .filter(s -> s > start).toList();
            List<Long> expected = new ArrayList<>();
            for (long s = start + 1; s <= end; s++) expected.add(s);
            assertEquals(expected, seqs, "contiguous, in order, each once");
            for (int i = 0; i < writers; i++) {
                String id = boards.get(i).frames().stream().filter(f -> f.path("type").asText().equals("welcome"))
                    .findFirst().orElseThrow().path("member").path("id").asText();
                assertEquals("Writer " + i + " v" + (perWriter - 1), boards.get(0).room().member(id).name());
            }
        } finally {
            pool.shutdownNow();
            boards.forEach(BoardClient::close);
        }
    }

    private static List<String> events(BoardClient client) {
        return client.frames().stream().filter(f -> f.path("type").asText().equals("event")).map(JsonNode::toString).toList();
    }
}
