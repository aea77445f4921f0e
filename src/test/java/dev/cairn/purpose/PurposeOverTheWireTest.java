package dev.cairn.purpose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Ratings, targets and adoption sent as a board sends them, seen live by a second board. */
class PurposeOverTheWireTest {
    private static CairnNode node;

    @BeforeAll
    static void start() {
        node = TestNodes.start();
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(node);
    }

    private static void ack(JsonNode reply) {
        assertEquals("ack", reply.path("type").asText(), reply.toString());
    }

    @Test
    void targetsAreAddedEditedMovedAndRemovedLive() {
        Api.Reply created = Api.createRoom(node.port(), "Targets", "Ana");
        Api.Reply ben = Api.join(node.port(), created.text("roomId"), "Ben");
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"));
             BoardClient benBoard = BoardClient.connect(node.port(), ben.text("token"))) {
            ack(ana.command("purpose.target_add", Map.of("what", "Trees planted", "target", "500", "due", "2027-04-01")));
            ack(benBoard.command("purpose.target_add", Map.of("what", "Volunteers", "baseline", "12", "target", "60")));
            benBoard.await("two targets", c -> PurposeModule.of(c.room()).targets().size() == 2);
            String trees = PurposeModule.of(benBoard.room()).targets().get(0).id();
            ack(benBoard.command("purpose.target_update", Map.of("targetId", trees, "what", "Trees planted",
                "target", "800", "due", "2027-04-01", "tracker", "Ben",
                "baseVersion", PurposeModule.of(benBoard.room()).targets().get(0).version())));
            JsonNode moved = ana.command("purpose.target_move", Map.of("targetId", trees, "index", 1));
            ack(moved);
            ana.awaitSeq(moved.path("seq").asLong());
            assertEquals(List.of("Volunteers", "Trees planted"),
                PurposeModule.of(ana.room()).targets().stream().map(Target::what).toList());
            assertEquals("800", PurposeModule.of(ana.room()).targets().get(1).target());
            JsonNode removed = ana.command("purpose.target_remove", Map.of("targetId", trees));
            ack(removed);
            benBoard.awaitSeq(removed.path("seq").asLong());
            assertEquals(List.of("Volunteers"), PurposeModule.of(benBoard.room()).targets().stream().map(Target::what).toList());
            assertEquals("invalid", ana.command("purpose.target_remove", Map.of("id", trees)).path("code").asText(),
                "id is the message id; the target is targetId");
        }
    }

    @Test
    void ratingsAndAdoptionReachEveryBoard() {
        Api.Reply created = Api.createRoom(node.port(), "Rate", "Ana");
        Api.Reply ben = Api.join(node.port(), created.text("roomId"), "Ben");
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"));
             BoardClient benBoard = BoardClient.connect(node.port(), ben.text("token"))) {
            ack(ana.command("purpose.edit", Map.of("seq", ana.room().seq(), "op", List.of("Every child walks to school safely."))));
            ack(benBoard.command("purpose.rate", Map.of("inspiring", 5, "valuable", 4, "measurable", 2,
                "comments", Map.of("measurable", "Safely by what measure?"))));
            ana.await("Ben's rating", c -> PurposeModule.of(c.room()).ratings().containsKey(ben.text("memberId")));
            Rating rating = PurposeModule.of(ana.room()).ratings().get(ben.text("memberId"));
            assertEquals(2, rating.measurable());
            assertEquals("Safely by what measure?", rating.comments().get("measurable"));
            assertEquals("forbidden", benBoard.command("purpose.adopt", Map.of("rev", 1)).path("code").asText());
            JsonNode adopted = ana.command("purpose.adopt", Map.of("rev", 1));
            ack(adopted);
            benBoard.awaitSeq(adopted.path("seq").asLong());
            assertEquals("Every child walks to school safely.", PurposeModule.of(benBoard.room()).adopted().text());
            assertNull(benBoard.orderProblem());
        }
    }
}
