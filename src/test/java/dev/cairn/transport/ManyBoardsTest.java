package dev.cairn.transport;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Sockets accepted by both event loops of a node attach to one room while its events flow. The
 * race it guards: a hello handled on the loop that accepted the socket used to touch the room's
 * set of sockets while the room's own loop was copying it to deliver an event
 * (ArrayIndexOutOfBoundsException), so boards went missing or the node logged an exception.
 */
class ManyBoardsTest {
    private static final Map<String, String> FAST = Map.of("CAIRN_LIMITS_COMMANDS_PER_SECOND", "1000",
        "CAIRN_LIMITS_COMMAND_BURST", "1000");
    private static CairnNode node;

    @BeforeAll
    static void start() {
        node = TestNodes.start(FAST);
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(node);
    }

    @Test
    void hundredBoardsAttachingWhileEventsFlowAllEndAtTheSameSeqWithTheSameRoom() throws Exception {
        Api.Reply created = Api.createRoom(node.port(), "Crowded", "Ana");
        String roomId = created.text("roomId");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 100; i++) tokens.add(Api.join(node.port(), roomId, "Guest " + i).text("token"));
        List<BoardClient> boards = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean typing = new AtomicBoolean(true);
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
                int sent = 0;
                while (typing.get() && sent < 2000) {
                    ana.command("room.rename", Map.of("title", "Crowded " + sent++));
                }
                return sent;
            }, pool);
            List<CompletableFuture<Void>> joining = new ArrayList<>();
            for (String token : tokens) {
                joining.add(CompletableFuture.runAsync(() -> boards.add(BoardClient.connect(node.port(), token)), pool));
            }
            for (CompletableFuture<Void> j : joining) j.get();
            typing.set(false);
            int renames = writer.get();
            long last = ana.command("room.rename", Map.of("title", "Everyone is in")).path("seq").asLong();
            for (BoardClient board : boards) {
                board.awaitSeq(last);
                assertNull(board.orderProblem(), "events arrived in order, each once");
                assertEquals(ana.room(), board.room());
            }
            assertEquals(100, boards.size());
            assertEquals(2 + 100 + renames + 1, last, "every join and rename committed exactly once");
        } finally {
            pool.shutdownNow();
            boards.forEach(BoardClient::close);
        }
    }
}
