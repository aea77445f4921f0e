package dev.cairn.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.protocol.Wire;
import dev.cairn.room.RoomState;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.RedisDump;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trust pulse over two real nodes: no socket ever receives another member's answer (value or
 * word), before or after the close, live, in a snapshot or in a replay; boards see how many
 * answered, then the distribution at the close; after the close no Redis key holds an answer
 * next to a member (only the result, which names nobody); participants may not open or close.
 */
class CheckinOverTheWireTest {
    /** A JSON object in a dump: a frame in the archive, a snapshot, a sealed copy. */
    private static final Pattern ANSWERED = Pattern.compile("\\{\"type\":\"event\",\"seq\":\\d+,\"at\":\\d+,\"by\":\"([^\"]+)\",\"event\":\\{\"type\":\"checkin\\.answered\"[^}]*}");

    private CairnNode east;
    private CairnNode west;
    private final List<BoardClient> boards = new ArrayList<>();

    @BeforeEach
    void start() {
        east = TestNodes.start();
        west = TestNodes.start();
    }

    @AfterEach
    void stop() {
        for (BoardClient b : boards) b.close();
        try {
            TestNodes.stopQuietly(east);
        } finally {
            TestNodes.stopQuietly(west);
        }
    }

    private BoardClient board(CairnNode node, String token) {
        BoardClient b = BoardClient.connect(node.port(), token);
        boards.add(b);
        return b;
    }

    private static long ack(JsonNode reply) {
        assertEquals("ack", reply.path("type").asText(), reply.toString());
        return reply.path("seq").asLong();
    }

    @Test
    void answersNeverReachOtherSocketsAndAfterTheCloseRedisHoldsOnlyTheDistribution() {
        String wary = "wary" + UUID.randomUUID().toString().substring(0, 8);
        String hopeful = "hopeful" + UUID.randomUUID().toString().substring(0, 8);
        String replaced = "replaced" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply ana = Api.createRoom(east.port(), "Coalition", "Ana");
        String roomId = ana.text("roomId");
        Api.Reply ben = Api.join(west.port(), roomId, "Ben");
        Api.Reply cai = Api.join(east.port(), roomId, "Cai");
        Api.Reply dee = Api.join(west.port(), roomId, "Dee");
        BoardClient anaBoard = board(east, ana.text("token"));
        BoardClient benBoard = board(west, ben.text("token"));
        BoardClient caiBoard = board(east, cai.text("token"));
        BoardClient deeBoard = board(west, dee.text("token"));
        RoomState beforeOpen = deeBoard.room();

        assertEquals("forbidden", benBoard.command("checkin.open", Map.of()).path("code").asText(), "participants may not open");
        long opened = ack(anaBoard.command("checkin.open", Map.of()));
        String id = "c" + opened;
        assertEquals("forbidden", benBoard.command("checkin.close", Map.of("checkinId", id)).path("code").asText(),
            "participants may not close");

        ack(benBoard.command("checkin.answer", Map.of("checkinId", id, "value", 1, "word", replaced)));
        ack(benBoard.command("checkin.answer", Map.of("checkinId", id, "value", 2, "word", wary)));
        long answered = ack(caiBoard.command("checkin.answer", Map.of("checkinId", id, "value", 5, "word", hopeful)));
        for (BoardClient b : boards) b.awaitSeq(answered);
        assertEquals(2, CheckinModule.of(deeBoard.room()).open().answered(), "everyone sees how many answered");
        assertEquals(2, CheckinModule.of(benBoard.room()).open().answers().get(ben.text("memberId")).value(), "and their own answer");

        // A board that comes now gets a snapshot, and one resuming from before the open a replay: neither holds an answer.
        BoardClient late = board(west, ana.text("token"));
        BoardClient resumed = BoardClient.open(east.port(), null);
        boards.add(resumed);
        resumed.assume(beforeOpen);
        resumed.hello(dee.text("token"), beforeOpen.seq());
        resumed.awaitSeq(answered);
        for (BoardClient b : List.of(anaBoard, deeBoard, late, resumed)) {
            String raw = b.frames().toString();
            assertFalse(raw.contains(wary) || raw.contains(hopeful) || raw.contains(replaced), "a word reached another socket before the close");
        }

        long closed = ack(anaBoard.command("checkin.close", Map.of("checkinId", id)));
        for (BoardClient b : boards) b.awaitSeq(closed);
        for (BoardClient b : boards) {
            Result r = CheckinModule.of(b.room()).results().get(0);
            assertEquals(List.of(0, 1, 0, 0, 1), r.counts(), "every board shows the distribution");
            assertEquals(List.of(hopeful, wary), r.words());
            assertEquals(3.5, r.mean());
            assertNull(CheckinModule.of(b.room()).open());
        }

        List<String> answerers = List.of(ben.text("memberId"), cai.text("memberId"));
        List<BoardClient> everyone = new ArrayList<>(boards);
        everyone.add(board(east, dee.text("token")));
        BoardClient replayAfter = BoardClient.open(west.port(), null);
        boards.add(replayAfter);
        replayAfter.assume(beforeOpen);
        replayAfter.hello(ben.text("token"), beforeOpen.seq());
        replayAfter.awaitSeq(closed);
        for (BoardClient b : everyone) {
            for (JsonNode f : b.frames()) {
                JsonNode e = f.path("event");
                if (!e.path("type").asText().equals("checkin.answered")) continue;
                boolean own = b == benBoard && f.path("by").asText().equals(ben.text("memberId"))
                    || b == caiBoard && f.path("by").asText().equals(cai.text("memberId"));
                if (!own) assertTrue(e.path("value").isNull() && e.path("word").isNull(), "another's answer in a frame: " + f);
            }
        }
        String replay = replayAfter.frames().toString();
        assertFalse(replay.contains("\"value\":2") || replay.contains("\"value\":1,"), "after the close even the author's replay has no answer");

        // Redis after the close: every answer is kept as the count only, nothing sealed is left, and the result names nobody.
        Map<String, String> keys = RedisDump.room(roomId);
        assertTrue(keys.keySet().stream().anyMatch(k -> k.contains(":archive ")), keys.keySet().toString());
        assertFalse(keys.keySet().stream().anyMatch(k -> k.contains(":sealed ")), "nothing sealed is left: " + keys.keySet());
        int answersSeen = 0;
        for (var key : keys.entrySet()) {
            String text = key.getValue();
            assertFalse(text.contains(replaced), key.getKey() + " keeps a replaced word");
            Matcher m = ANSWERED.matcher(text);
            while (m.find()) {
                answersSeen++;
                assertTrue(m.group().contains("\"value\":null,\"word\":null"), key.getKey() + " links " + m.group(1) + " to an answer: " + m.group());
            }
            for (String word : List.of(wary, hopeful)) {
                int at = text.indexOf(word);
                while (at >= 0) {
                    String around = object(text, at);
                    for (String member : answerers) assertFalse(around.contains(member), key.getKey() + " puts " + member + " next to a word: " + around);
                    at = text.indexOf(word, at + 1);
                }
            }
            if (key.getKey().contains(":snapshot ")) {
                JsonNode checkin = Wire.tree(text).path("checkin");
                assertTrue(checkin.path("open").isNull() || checkin.path("open").isMissingNode(), "the snapshot keeps no open check-in: " + checkin);
            }
        }
        assertEquals(3, answersSeen, "the archive keeps each answer's event, as the count only");
    }

    /** The innermost JSON object around index {@code at} of {@code text}. */
    private static String object(String text, int at) {
        int start = text.lastIndexOf('{', at);
        int end = text.indexOf('}', at);
        return text.substring(Math.max(0, start), end < 0 ? text.length() : end + 1);
    }
}
