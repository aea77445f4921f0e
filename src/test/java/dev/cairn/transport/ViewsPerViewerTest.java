package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.room.Modules;
import dev.cairn.room.RoomState;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.ProbeModule;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Views per viewer over real sockets, through the test module's private notes: what only the
 * author may read never reaches another board, in live frames, in the replay a resuming board
 * gets, or in a snapshot, on either node; yet every board still gets every seq in order.
 */
class ViewsPerViewerTest {
    private static final ProbeModule PROBE = (ProbeModule) Modules.byKey("probe");

    private static CairnNode east;
    private static CairnNode west;

    @BeforeAll
    static void start() {
        east = TestNodes.start();
        west = TestNodes.start();
    }

    @AfterAll
    static void stop() {
        try {
            TestNodes.stopQuietly(east);
        } finally {
            TestNodes.stopQuietly(west);
        }
    }

    @Test
    void aPrivateNoteReachesOnlyItsAuthorsBoardsWhileEveryoneKeepsTheSequence() {
        String secret = "secret" + UUID.randomUUID().toString().replace("-", "");
        String open = "public" + UUID.randomUUID().toString().replace("-", "");

        Api.Reply fay = Api.createRoom(west.port(), "Retro", "Fay");
        String roomId = fay.text("roomId");
        Api.Reply ana = Api.join(east.port(), roomId, "Ana");
        Api.Reply ben = Api.join(east.port(), roomId, "Ben");
        Api.Reply cy = Api.join(west.port(), roomId, "Cy");

        // the author and another participant on one node, the facilitator on the other
        try (BoardClient author = BoardClient.connect(east.port(), ana.text("token"));
             BoardClient other = BoardClient.connect(east.port(), ben.text("token"));
             BoardClient facilitator = BoardClient.connect(west.port(), fay.text("token"))) {
            long start = author.room().seq();
            other.awaitSeq(start);
            facilitator.awaitSeq(start);
            RoomState beforeNotes = other.room();

            // back to back, so both notes may go out in one batch with frames built per viewer
            String privateId = author.nextId();
            String publicId = author.nextId();
            author.send(privateId, "probe.note", Map.of("text", secret, "private", true));
            author.send(publicId, "probe.note", Map.of("text", open, "private", false));
            JsonNode privateAck = author.awaitReply(privateId);
            JsonNode publicAck = author.awaitReply(publicId);
            assertEquals("ack", privateAck.path("type").asText(), privateAck.toString());
            assertEquals("ack", publicAck.path("type").asText(), publicAck.toString());
            long last = Math.max(privateAck.path("seq").asLong(), publicAck.path("seq").asLong());

            for (BoardClient board : List.of(author, other, facilitator)) board.awaitSeq(last);

            assertEquals(secret, note(author.room(), privateAck.path("seq").asLong()).text(), "the author reads their private note");
            assertTrue(anyFrameContains(author, secret), "the author's board was sent the private text");
            for (BoardClient board : List.of(other, facilitator)) {
                assertFalse(anyFrameContains(board, secret), "no frame to another member carries the private text: " + board.frames());
                ProbeModule.Note hidden = note(board.room(), privateAck.path("seq").asLong());
                assertNull(hidden.text(), "others see that a private note exists, not what it says");
                assertTrue(hidden.secret());
                assertEquals(ana.text("memberId"), hidden.author());
                assertEquals(open, note(board.room(), publicAck.path("seq").asLong()).text(), "the public note reaches everyone");
                assertContiguous(board, start, last);
                JsonNode seen = eventAt(board, privateAck.path("seq").asLong());
                assertEquals("probe.noted", seen.path("event").path("type").asText(), seen.toString());
                assertTrue(seen.path("event").path("private").asBoolean(), seen.toString());
                assertTrue(seen.path("event").path("text").isNull(), "the copy for others has no text: " + seen);
                assertEquals(ana.text("memberId"), seen.path("by").asText());
            }
            assertContiguous(author, start, last);
            JsonNode own = eventAt(author, privateAck.path("seq").asLong());
            assertEquals(secret, own.path("event").path("text").asText(), own.toString());
            assertTrue(own.path("event").path("private").asBoolean(), own.toString());
            assertEquals(PROBE.view(author.room().part(PROBE), viewerOf(other)), other.room().part(PROBE),
                "another member's board holds the author's room with the private text taken out");

            // a member connecting afterwards, on either node, gets a snapshot without it
            for (CairnNode node : List.of(east, west)) {
                try (BoardClient late = BoardClient.connect(node.port(), cy.text("token"))) {
                    JsonNode snapshot = late.awaitFrame("snapshot", f -> f.path("type").asText().equals("snapshot"));
                    assertFalse(snapshot.toString().contains(secret), "a late member's snapshot lacks the private text");
                    assertTrue(snapshot.toString().contains(open), "but has the public note");
                    assertFalse(anyFrameContains(late, secret));
                    assertNull(note(late.room(), privateAck.path("seq").asLong()).text());
                }
            }

            // a board of another member resuming from before the notes is replayed them, redacted
            try (BoardClient resumed = BoardClient.open(west.port(), null)) {
                resumed.assume(beforeNotes);
                resumed.hello(ben.text("token"), beforeNotes.seq());
                resumed.awaitSeq(last);
                assertFalse(resumed.has(f -> f.path("type").asText().equals("snapshot")), "replayed, not a snapshot");
                assertFalse(anyFrameContains(resumed, secret), "the replay lacks the private text: " + resumed.frames());
                assertNull(resumed.orderProblem());
                assertEquals(other.room(), resumed.room());
            }

            // the author's own fresh board, on the other node, gets it in its snapshot
            try (BoardClient authorAgain = BoardClient.connect(west.port(), ana.text("token"))) {
                JsonNode snapshot = authorAgain.awaitFrame("snapshot", f -> f.path("type").asText().equals("snapshot"));
                assertTrue(snapshot.toString().contains(secret), "the author's snapshot has their private text");
                assertEquals(author.room(), authorAgain.room());
            }

            // and it stays that way for what comes after
            JsonNode later = other.command("probe.note", Map.of("text", "later", "private", false));
            for (BoardClient board : List.of(author, other, facilitator)) board.awaitSeq(later.path("seq").asLong());
            assertFalse(anyFrameContains(other, secret));
            assertFalse(anyFrameContains(facilitator, secret));
        }
    }

    private static ProbeModule.Note note(RoomState room, long seq) {
        return room.part(PROBE).notes().stream().filter(n -> n.id().equals("n" + seq)).findFirst()
            .orElseThrow(() -> new AssertionError("no note n" + seq + " in " + room.part(PROBE)));
    }

    private static dev.cairn.room.Viewer viewerOf(BoardClient board) {
        JsonNode welcome = board.awaitFrame("welcome", f -> f.path("type").asText().equals("welcome"));
        String memberId = welcome.path("member").path("id").asText();
        return dev.cairn.room.Viewer.of(board.room().member(memberId));
    }

    private static JsonNode eventAt(BoardClient board, long seq) {
        return board.frames().stream().filter(f -> f.path("type").asText().equals("event") && f.path("seq").asLong() == seq)
            .findFirst().orElseThrow(() -> new AssertionError("no event " + seq + " in " + board.frames()));
    }

    /** Every frame the board received, as JSON text, searched for {@code text}. */
    private static boolean anyFrameContains(BoardClient board, String text) {
        for (JsonNode f : board.frames()) if (f.toString().contains(text)) return true;
        return false;
    }

    /** The board got every seq after {@code from} up to {@code to}, once each, in order. */
    private static void assertContiguous(BoardClient board, long from, long to) {
        assertNull(board.orderProblem());
        List<Long> seqs = board.frames().stream().filter(f -> f.path("type").asText().equals("event"))
            .map(f -> f.path("seq").asLong()).filter(s -> s > from).toList();
        List<Long> expected = new ArrayList<>();
        for (long s = from + 1; s <= to; s++) expected.add(s);
        assertEquals(expected, seqs, "every seq once, in order");
    }
}
