package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.room.RoomState;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A board that drops and comes back ends up exactly where a board that never dropped is. */
class ReconnectTest {
    private static CairnNode east;
    private static CairnNode west;

    @BeforeAll
    static void start() {
        east = TestNodes.start();
        west = TestNodes.start(Map.of("CAIRN_LIMITS_EVENT_LOG_SIZE", "100",
            "CAIRN_LIMITS_COMMANDS_PER_SECOND", "1000", "CAIRN_LIMITS_COMMAND_BURST", "1000"));
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(east);
        TestNodes.stopQuietly(west);
    }

    @Test
    void resumedBoardReplaysMissedEventsAndMatchesOneThatStayed() {
        Api.Reply created = Api.createRoom(east.port(), "Resume", "Ana");
        Api.Reply ben = Api.join(east.port(), created.text("roomId"), "Ben");
        try (BoardClient ana = BoardClient.connect(east.port(), created.text("token"))) {
            BoardClient dropped = BoardClient.connect(east.port(), ben.text("token"));
            RoomState before = dropped.room();
            dropped.abort();

            JsonNode last = null;
            for (int i = 0; i < 5; i++) last = ana.command("room.rename", Map.of("title", "Resume " + i));
            ana.awaitSeq(last.path("seq").asLong());

            try (BoardClient back = BoardClient.open(west.port(), null)) {
                back.assume(before);
                back.hello(ben.text("token"), before.seq());
                back.awaitSeq(ana.room().seq());
                assertFalse(back.has(f -> f.path("type").asText().equals("snapshot")), "missed events replayed, no snapshot");
                assertNull(back.orderProblem());
                assertEquals(ana.room(), back.room());
            }
        }
    }

    @Test
    void boardFallsBackToSnapshotWhenTheLogNoLongerReachesBack() {
        Api.Reply created = Api.createRoom(west.port(), "Long gap", "Ana");
        try (BoardClient ana = BoardClient.connect(west.port(), created.text("token"))) {
            JsonNode last = null;
            for (int i = 0; i < 130; i++) last = ana.command("room.rename", Map.of("title", "Gap " + i));
            ana.awaitSeq(last.path("seq").asLong());
            try (BoardClient back = BoardClient.open(west.port(), null)) {
                back.hello(created.text("token"), 1L);
                back.awaitSeq(ana.room().seq());
                assertTrue(back.has(f -> f.path("type").asText().equals("snapshot")));
                assertEquals(ana.room(), back.room());
            }
        }
    }

    @Test
    void commandResentAfterReconnectWithTheSameIdIsAppliedOnce() {
        Api.Reply created = Api.createRoom(east.port(), "Once", "Ana");
        try (BoardClient first = BoardClient.connect(east.port(), created.text("token"))) {
            JsonNode ack = first.command("cmd-42", "room.rename", Map.of("title", "Renamed once"));
            assertEquals("ack", ack.path("type").asText());
            long seqAfter = ack.path("seq").asLong();
            first.abort();

            try (BoardClient again = BoardClient.connect(west.port(), created.text("token"))) {
                JsonNode second = again.command("cmd-42", "room.rename", Map.of("title", "Renamed once"));
                assertEquals("ack", second.path("type").asText());
                assertEquals(seqAfter, second.path("seq").asLong(), "the ack names the original commit");
                JsonNode other = again.command("cmd-43", "member.rename", Map.of("name", "Ana B."));
                assertEquals(seqAfter + 1, other.path("seq").asLong(), "the re-send committed nothing");
            }
        }
    }
}
