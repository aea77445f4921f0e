package dev.cairn.meeting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Meetings on real nodes and a real Redis: a timebox's end commits exactly one time-up with two
 * nodes, also when the node holding the room stops just before it; a restart keeps the end; and
 * every facilitator-only command from a participant is refused over the wire and changes nothing.
 *
 * <p>Timers here run "until" an instant a few seconds ahead, which the protocol allows (a timer to
 * a wall time just ahead is that short); the waits past an end are correctness waits: a second
 * time-up would come from a node firing late.
 */
class MeetingNodesTest {
    /** How long past an end a second time-up, if there were one, would surely have come. */
    private static final long QUIET_AFTER_MS = 3000;

    private final List<CairnNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        for (CairnNode node : nodes) TestNodes.stopQuietly(node);
    }

    private CairnNode node(Map<String, String> env) {
        CairnNode node = env == null ? TestNodes.start() : TestNodes.start(env);
        nodes.add(node);
        return node;
    }

    private void stop(CairnNode node) {
        nodes.remove(node);
        TestNodes.stopQuietly(node);
    }

    @Test
    void aSegmentThatEndsCommitsExactlyOneTimeUpForBoardsOnBothNodes() {
        CairnNode east = node(null);
        CairnNode west = node(null);
        Api.Reply created = Api.createRoom(east.port(), "Stand-up", "Ana");
        Api.Reply ben = Api.join(west.port(), created.text("roomId"), "Ben");
        try (BoardClient ana = BoardClient.connect(east.port(), created.text("token"));
             BoardClient benBoard = BoardClient.connect(west.port(), ben.text("token"))) {
            String segment = startSegment(ana);
            long end = System.currentTimeMillis() + 2500;
            long seq = ok(ana.command("meeting.timer_start", Map.of("until", end)));
            benBoard.awaitSeq(seq);
            Timer timer = MeetingModule.current(benBoard.room()).timer();
            assertEquals(end, timer.endsAt(), "both boards hold the same absolute end");
            assertEquals(segment, timer.segmentId());

            for (BoardClient board : List.of(ana, benBoard)) board.await("time up", c -> !timeUps(c).isEmpty());
            quietUntil(end + QUIET_AFTER_MS);
            long last = flush(ana, List.of(ana, benBoard));
            assertEquals(List.of("meeting.time_up", "meeting.proposed"), typesAfter(ana, seq),
                "between the timer and the flush, one event only (besides attendance): the time-up");
            for (BoardClient board : List.of(ana, benBoard)) {
                List<JsonNode> up = timeUps(board);
                assertEquals(1, up.size(), "exactly one time-up: " + up);
                assertEquals(RoomRules.SYSTEM, up.get(0).path("by").asText());
                assertTrue(up.get(0).path("at").asLong() >= end, "not before its time: " + up.get(0));
                assertEquals(segment, up.get(0).path("event").path("segmentId").asText());
                assertTrue(MeetingModule.current(board.room()).timer().timeUp());
                assertNull(board.orderProblem());
            }
            assertEquals(ana.room(), benBoard.room());
        }
    }

    @Test
    void theTimeUpIsCommittedOnceWhenTheNodeHoldingTheRoomStopsJustBeforeTheEnd() {
        CairnNode east = node(null);
        CairnNode west = node(null);
        Api.Reply created = Api.createRoom(east.port(), "Handover", "Ana");
        Api.Reply ben = Api.join(west.port(), created.text("roomId"), "Ben");
        long end;
        long seq;
        try (BoardClient benBoard = BoardClient.connect(west.port(), ben.text("token"))) {
            try (BoardClient ana = BoardClient.connect(east.port(), created.text("token"))) {
                startSegment(ana);
                end = System.currentTimeMillis() + 4000;
                seq = ok(ana.command("meeting.timer_start", Map.of("until", end)));
                benBoard.awaitSeq(seq);
                stop(east);
                ana.awaitClose();
            }
            assertTrue(System.currentTimeMillis() < end, "precondition: the east node stopped before the end;"
                + " this machine took too long to stop a node for the test to mean anything");
            assertTrue(timeUps(benBoard).isEmpty(), "nothing before its time");
            benBoard.await("time up from the west node", c -> !timeUps(c).isEmpty());
            quietUntil(end + QUIET_AFTER_MS);
            long last = flush(benBoard, List.of(benBoard));
            List<JsonNode> up = timeUps(benBoard);
            assertEquals(1, up.size(), "exactly one time-up: " + up);
            assertTrue(up.get(0).path("at").asLong() >= end);
            assertEquals(last, benBoard.room().seq());
            assertNull(benBoard.orderProblem());
            assertEquals(List.of("meeting.time_up", "meeting.proposed"), typesAfter(benBoard, seq),
                "one time-up, then the flush (attendance aside: Ana's board closed with the east node)");
        }
    }

    @Test
    void aRestartDuringASegmentKeepsTheSameEndAndItsTimeUpComesOnce() {
        Path data = TestRedis.tempDir("cairn-meeting-restart");
        Map<String, String> env = Map.of("REDIS_URL", "", "CAIRN_DATA_DIR", data.toString());
        CairnNode first = node(env);
        Api.Reply created = Api.createRoom(first.port(), "Outlives restarts", "Ana");
        long end;
        RoomState before;
        try (BoardClient ana = BoardClient.connect(first.port(), created.text("token"))) {
            startSegment(ana);
            end = System.currentTimeMillis() + 6000;
            long seq = ok(ana.command("meeting.timer_start", Map.of("until", end)));
            ana.awaitSeq(seq);
            before = ana.room();
        }
        stop(first);
        CairnNode second = node(env);
        try (BoardClient ana = BoardClient.connect(second.port(), created.text("token"))) {
            Meeting meeting = MeetingModule.current(ana.room());
            assertNotNull(meeting, "the meeting survived the restart");
            assertEquals(end, meeting.timer().endsAt(), "the same absolute end after the restart");
            assertEquals(MeetingModule.current(before).current(), meeting.current());
            ana.await("time up after the restart", c -> !timeUps(c).isEmpty());
            quietUntil(end + QUIET_AFTER_MS);
            flush(ana, List.of(ana));
            List<JsonNode> up = timeUps(ana);
            assertEquals(1, up.size(), "exactly one time-up: " + up);
            assertTrue(up.get(0).path("at").asLong() >= end);
        }
    }

    @Test
    void everyFacilitatorOnlyCommandFromAParticipantIsForbiddenAndChangesNothing() {
        CairnNode east = node(null);
        CairnNode west = node(null);
        Api.Reply created = Api.createRoom(east.port(), "Roles", "Ana");
        Api.Reply ben = Api.join(west.port(), created.text("roomId"), "Ben");
        try (BoardClient ana = BoardClient.connect(east.port(), created.text("token"));
             BoardClient benBoard = BoardClient.connect(west.port(), ben.text("token"))) {
            String segment = startSegment(ana);
            ok(ana.command("meeting.timer_start", Map.of("minutes", 5)));
            long seq = ok(ana.command("meeting.poll_open", Map.of("minutes", 3)));
            ok(benBoard.command("meeting.propose", Map.of("title", "Mine", "minutes", 5)));
            benBoard.awaitSeq(seq + 1);
            String poll = MeetingModule.current(benBoard.room()).poll().pollId();
            String proposal = MeetingModule.of(benBoard.room()).proposals().get(0).id();
            Map<String, Map<String, Object>> commands = new LinkedHashMap<>();
            commands.put("meeting.start", Map.of());
            commands.put("meeting.end", Map.of());
            commands.put("meeting.segment_add", Map.of("title", "X", "minutes", 5));
            commands.put("meeting.segment_update", Map.of("segmentId", segment, "title", "Y"));
            commands.put("meeting.segment_move", Map.of("segmentId", segment, "index", 0));
            commands.put("meeting.segment_remove", Map.of("segmentId", segment));
            commands.put("meeting.proposal_accept", Map.of("proposalId", proposal));
            commands.put("meeting.proposal_decline", Map.of("proposalId", proposal));
            commands.put("meeting.goto", Map.of("segmentId", segment));
            commands.put("meeting.next", Map.of());
            commands.put("meeting.skip", Map.of());
            commands.put("meeting.timer_start", Map.of("minutes", 3));
            commands.put("meeting.timer_pause", Map.of());
            commands.put("meeting.timer_resume", Map.of());
            commands.put("meeting.timer_add", Map.of("minutes", 3));
            commands.put("meeting.timer_stop", Map.of());
            commands.put("meeting.poll_open", Map.of("minutes", 3));
            commands.put("meeting.poll_close", Map.of("pollId", poll));
            commands.put("meeting.focus", Map.of("panel", "agenda"));
            commands.put("meeting.rota_change", Map.of("memberIds", List.of(ben.text("memberId"))));
            commands.put("meeting.configure", Map.of("idleMinutes", 5));
            List<String> everyone = new ArrayList<>(new MeetingModule().commands().keySet());
            everyone.removeAll(List.of("meeting.propose", "meeting.poll_answer"));
            assertEquals(everyone, new ArrayList<>(commands.keySet()), "every facilitator-only command is tried");

            RoomState before = benBoard.room();
            for (var c : commands.entrySet()) {
                JsonNode reply = benBoard.command(c.getKey(), c.getValue());
                assertEquals("error", reply.path("type").asText(), c.getKey() + ": " + reply);
                assertEquals("forbidden", reply.path("code").asText(), c.getKey() + ": " + reply);
            }
            long last = flush(ana, List.of(ana, benBoard));
            assertEquals(before.seq() + 1, last, "nothing was committed but the flush");
            assertEquals(MeetingModule.of(before).agenda(), MeetingModule.of(benBoard.room()).agenda());
            assertEquals(MeetingModule.current(before).timer(), MeetingModule.current(benBoard.room()).timer());
            assertEquals(MeetingModule.current(before).poll(), MeetingModule.current(benBoard.room()).poll());
            assertEquals(MeetingModule.of(before).proposals().size() + 1, MeetingModule.of(benBoard.room()).proposals().size(),
                "Ben's proposal is still waiting, beside the flush's");
        }
    }

    @Test
    void attendanceFollowsWhoOpensAndClosesABoardOnEitherNode() {
        CairnNode east = node(null);
        CairnNode west = node(null);
        Api.Reply created = Api.createRoom(east.port(), "Attendance", "Ana");
        Api.Reply ben = Api.join(west.port(), created.text("roomId"), "Ben");
        String anaId = created.text("memberId");
        String benId = ben.text("memberId");
        try (BoardClient ana = BoardClient.connect(east.port(), created.text("token"))) {
            try (BoardClient benBoard = BoardClient.connect(west.port(), ben.text("token"))) {
                ana.await("Ben online", c -> c.online().contains(benId));
                ok(ana.command("meeting.start", Map.of()));
                ana.await("both present", c -> MeetingModule.current(c.room()) != null
                    && MeetingModule.current(c.room()).present().equals(java.util.Set.of(anaId, benId)));
                Attendance a = MeetingModule.current(ana.room()).attendance().get(benId);
                assertNotNull(a.since(), "Ben is present since the meeting began");
            }
            ana.await("Ben away once his board closed", c -> MeetingModule.current(c.room()).present().equals(java.util.Set.of(anaId)));
            Attendance away = MeetingModule.current(ana.room()).attendance().get(benId);
            assertNull(away.since());
            assertTrue(away.presentMs() >= 0);
            List<JsonNode> changes = new ArrayList<>();
            for (JsonNode f : ana.frames()) {
                if (f.path("event").path("type").asText().equals("meeting.attendance_changed")
                    && f.path("event").path("memberId").asText().equals(benId)) changes.add(f.path("event"));
            }
            assertEquals(2, changes.size(), "Ben came once and went once, however many nodes saw it: " + changes);
            assertTrue(changes.get(0).path("present").asBoolean());
            assertFalse(changes.get(1).path("present").asBoolean());
            long seq = ok(ana.command("meeting.end", Map.of()));
            ana.awaitSeq(seq);
            JsonNode ended = null;
            for (JsonNode f : ana.frames()) if (f.path("event").path("type").asText().equals("meeting.ended")) ended = f.path("event");
            assertNotNull(ended);
            assertTrue(ended.path("attendedMs").has(benId), "the record names everyone who came: " + ended);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Adds a segment, starts a meeting and moves to it with no timer; returns the segment's id. */
    private static String startSegment(BoardClient facilitator) {
        ok(facilitator.command("meeting.segment_add", Map.of("title", "Discuss", "kind", "discussion", "minutes", 10)));
        ok(facilitator.command("meeting.start", Map.of()));
        String segment = MeetingModule.of(facilitator.room()).agenda().get(0).id();
        long seq = ok(facilitator.command("meeting.goto", Map.of("segmentId", segment, "timer", false)));
        facilitator.awaitSeq(seq);
        return segment;
    }

    private static long ok(JsonNode reply) {
        assertEquals("ack", reply.path("type").asText(), reply.toString());
        return reply.path("seq").asLong();
    }

    /** The types of the events the board received after {@code seq}, leaving out attendance. */
    private static List<String> typesAfter(BoardClient board, long seq) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : board.frames()) {
            String type = f.path("event").path("type").asText();
            if (f.path("type").asText().equals("event") && f.path("seq").asLong() > seq
                && !type.equals("meeting.attendance_changed")) {
                out.add(type);
            }
        }
        return out;
    }

    private static List<JsonNode> timeUps(BoardClient board) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : board.frames()) {
            if (f.path("type").asText().equals("event") && f.path("event").path("type").asText().equals("meeting.time_up")) {
                out.add(f);
            }
        }
        return out;
    }

    /** One more event after everything else, seen by every board: whatever was committed before has arrived. */
    private static long flush(BoardClient from, List<BoardClient> boards) {
        long seq = ok(from.command("meeting.propose", Map.of("title", "After the end", "minutes", 1)));
        for (BoardClient b : boards) b.awaitSeq(seq);
        return seq;
    }

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
}
