package dev.cairn.queue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.room.RoomState;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The speaking queue with two server nodes on one Redis: hands raised at the same instant on both
 * nodes end up in one order on every board, the speaker's "done" racing the facilitator's "next"
 * skips nobody, and a participant can do none of a facilitator's queue work.
 */
class QueueTwoNodesTest {
    private static final List<String> KINDS = List.of("new", "reply", "new", "clarify", "new", "process", "new", "reply",
        "clarify", "new");
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

    private static void ack(JsonNode reply) {
        assertEquals("ack", reply.path("type").asText(), reply.toString());
    }

    private static CairnNode node(int i) {
        return i % 2 == 0 ? east : west;
    }

    /** A room made by Ana (facilitator, east) and {@code n} participants, joined and connected alternately on both nodes. */
    private static List<BoardClient> room(String title, int n, List<Api.Reply> members) {
        Api.Reply created = Api.createRoom(east.port(), title, "Ana");
        members.add(created);
        List<BoardClient> boards = new ArrayList<>();
        boards.add(BoardClient.connect(east.port(), created.text("token")));
        for (int i = 1; i <= n; i++) {
            Api.Reply joined = Api.join(node(i).port(), created.text("roomId"), "Member " + i);
            members.add(joined);
            boards.add(BoardClient.connect(node(i).port(), joined.text("token")));
        }
        long seq = boards.get(boards.size() - 1).room().seq();
        for (BoardClient b : boards) b.awaitSeq(seq);
        return boards;
    }

    private static void closeAll(List<BoardClient> boards) {
        for (BoardClient b : boards) b.close();
    }

    @Test
    void tenMembersRaiseHandsAtOnceFromBothNodesAndEveryBoardShowsTheSameOrder() {
        List<Api.Reply> members = new ArrayList<>();
        List<BoardClient> boards = room("Ten hands", 10, members);
        try {
            Map<String, String> kindOf = new HashMap<>();
            Map<BoardClient, String> ids = new LinkedHashMap<>();
            for (int i = 1; i <= 10; i++) {
                BoardClient board = boards.get(i);
                String id = board.nextId();
                ids.put(board, id);
                kindOf.put(members.get(i).text("memberId"), KINDS.get(i - 1));
            }
            int i = 0;
            for (var entry : ids.entrySet()) entry.getKey().send(entry.getValue(), "queue.raise", Map.of("kind", KINDS.get(i++)));
            long last = 0;
            for (var entry : ids.entrySet()) {
                JsonNode reply = entry.getKey().awaitReply(entry.getValue());
                ack(reply);
                last = Math.max(last, reply.path("seq").asLong());
            }
            for (BoardClient b : boards) b.awaitSeq(last);

            List<Entry> order = QueueModule.of(boards.get(0).room()).entries();
            assertEquals(10, order.size());
            for (BoardClient b : boards) {
                assertEquals(order, QueueModule.of(b.room()).entries(), "every board shows the same queue");
                assertNull(b.orderProblem());
            }
            for (int k = 1; k < order.size(); k++) {
                assertTrue(Kind.rank(order.get(k - 1).kind()) <= Kind.rank(order.get(k).kind()), "by kind: " + order);
                if (order.get(k - 1).kind().equals(order.get(k).kind())) {
                    assertTrue(order.get(k - 1).raisedAt() <= order.get(k).raisedAt(), "then by arrival: " + order);
                }
            }
            for (Entry e : order) assertEquals(kindOf.get(e.memberId()), e.kind());

            JsonNode next = boards.get(0).command("queue.next", new HashMap<>());
            ack(next);
            for (BoardClient b : boards) b.awaitSeq(next.path("seq").asLong());
            for (BoardClient b : boards) {
                Turn turn = QueueModule.of(b.room()).current();
                assertEquals(order.get(0).memberId(), turn.memberId(), "every board shows the same speaker");
                assertEquals(order.subList(1, order.size()), QueueModule.of(b.room()).entries());
            }
        } finally {
            closeAll(boards);
        }
    }

    @Test
    void theSpeakersDoneAndTheFacilitatorsNextFromTwoNodesSkipNobody() {
        List<Api.Reply> members = new ArrayList<>();
        List<BoardClient> boards = room("Race", 3, members);
        try {
            BoardClient ana = boards.get(0);
            for (int i = 1; i <= 3; i++) ack(boards.get(i).command("queue.raise", Map.of("kind", "new")));
            JsonNode first = ana.command("queue.next", new HashMap<>());
            ack(first);
            BoardClient speaker = boards.get(1);
            speaker.awaitSeq(first.path("seq").asLong());
            String turnId = QueueModule.of(speaker.room()).current().turnId();
            assertEquals(members.get(1).text("memberId"), QueueModule.of(speaker.room()).current().memberId());

            String done = speaker.nextId();
            String next = ana.nextId();
            speaker.send(done, "queue.end_turn", Map.of("turnId", turnId));
            ana.send(next, "queue.next", Map.of("turnId", turnId));
            JsonNode doneReply = speaker.awaitReply(done);
            JsonNode nextReply = ana.awaitReply(next);
            ack(doneReply);
            ack(nextReply);
            long seq = Math.max(doneReply.path("seq").asLong(), nextReply.path("seq").asLong());
            for (BoardClient b : boards) b.awaitSeq(seq);
            for (BoardClient b : boards) {
                QueueState queue = QueueModule.of(b.room());
                assertEquals(members.get(2).text("memberId"), queue.current().memberId(), "the second in line speaks");
                assertEquals(List.of(members.get(3).text("memberId")), queue.entries().stream().map(Entry::memberId).toList(),
                    "the third still waits");
                assertEquals(1, queue.speakingIn(null, members.get(1).text("memberId")).turns(), "the first turn ended once");
            }
        } finally {
            closeAll(boards);
        }
    }

    @Test
    void everyFacilitatorOnlyQueueCommandFromAParticipantIsForbiddenAndChangesNothing() {
        List<Api.Reply> members = new ArrayList<>();
        List<BoardClient> boards = room("Roles", 2, members);
        try {
            BoardClient ana = boards.get(0);
            BoardClient ben = boards.get(1);
            BoardClient cy = boards.get(2);
            ack(ben.command("queue.raise", Map.of("kind", "reply")));
            ack(cy.command("queue.raise", Map.of("kind", "new")));
            JsonNode called = ana.command("queue.next", new HashMap<>());
            ack(called);
            cy.awaitSeq(called.path("seq").asLong());
            RoomState before = cy.room();
            String turnId = QueueModule.of(before).current().turnId();
            String entryId = QueueModule.of(before).entries().get(0).entryId();
            Map<String, Map<String, Object>> facilitatorOnly = new LinkedHashMap<>();
            facilitatorOnly.put("queue.add", Map.of("name", "Gran", "kind", "new"));
            facilitatorOnly.put("queue.move", Map.of("entryId", entryId, "index", 0));
            facilitatorOnly.put("queue.remove", Map.of("entryId", entryId));
            facilitatorOnly.put("queue.clear", Map.of());
            facilitatorOnly.put("queue.lock", Map.of("locked", true));
            facilitatorOnly.put("queue.configure", Map.of("progressive", true, "turnLimitSeconds", 60));
            facilitatorOnly.put("queue.next", Map.of("turnId", turnId));
            facilitatorOnly.put("queue.call", Map.of("entryId", entryId, "turnId", turnId));
            facilitatorOnly.put("queue.round_start", Map.of("shuffle", true, "memberIds",
                List.of(members.get(1).text("memberId"), members.get(2).text("memberId"))));
            for (var command : facilitatorOnly.entrySet()) {
                JsonNode reply = cy.command(command.getKey(), command.getValue());
                assertEquals("forbidden", reply.path("code").asText(), command.getKey() + ": " + reply);
            }
            assertEquals("forbidden", cy.command("queue.end_turn", Map.of("turnId", turnId)).path("code").asText(),
                "someone else's turn");
            // A command that is applied, and then everyone is at one seq: nothing else changed.
            JsonNode probe = ana.command("room.rename", Map.of("title", "Roles checked"));
            ack(probe);
            for (BoardClient b : boards) b.awaitSeq(probe.path("seq").asLong());
            assertEquals(before.seq() + 1, probe.path("seq").asLong(), "the refused commands committed nothing");
            assertEquals(QueueModule.of(before), QueueModule.of(ana.room()));
        } finally {
            closeAll(boards);
        }
    }

    @Test
    void aShuffledRoundGoesToEveryonePresentInTheMeetingInOneOrderOnBothNodes() {
        List<Api.Reply> members = new ArrayList<>();
        List<BoardClient> boards = room("Round", 3, members);
        Api.Reply projector = Api.post(west.port(), "/api/rooms/" + members.get(0).text("roomId") + "/members",
            Map.of("name", "Projector", "observer", true));
        BoardClient observer = BoardClient.connect(west.port(), projector.text("token"));
        boards.add(observer);
        try {
            BoardClient ana = boards.get(0);
            ack(ana.command("meeting.start", Map.of()));
            java.util.Set<String> everyone = new java.util.TreeSet<>();
            for (Api.Reply m : members) everyone.add(m.text("memberId"));
            everyone.add(projector.text("memberId"));
            ana.await("everyone present in the meeting", c -> dev.cairn.meeting.MeetingModule.current(c.room()) != null
                && dev.cairn.meeting.MeetingModule.current(c.room()).present().equals(everyone));

            for (String kind : Kind.RAISABLE) {
                assertEquals("forbidden", observer.command("queue.raise", Map.of("kind", kind)).path("code").asText(),
                    "an observer never raises a hand");
            }
            JsonNode started = ana.command("queue.round_start", Map.of("shuffle", true));
            ack(started);
            for (BoardClient b : boards) b.awaitSeq(started.path("seq").asLong());
            Round round = QueueModule.of(ana.room()).round();
            java.util.Set<String> speakers = new java.util.TreeSet<>(everyone);
            speakers.remove(projector.text("memberId"));
            assertEquals(speakers, new java.util.TreeSet<>(round.order()), "everyone present but the observer, once");
            for (BoardClient b : boards) {
                assertEquals(round, QueueModule.of(b.room()).round());
                assertEquals(round.order(), QueueModule.of(b.room()).entries().stream().map(Entry::memberId).toList());
            }

            JsonNode first = ana.command("queue.next", new HashMap<>());
            ack(first);
            ana.awaitSeq(first.path("seq").asLong());
            Turn turn = QueueModule.of(ana.room()).current();
            JsonNode ended = ana.command("queue.end_turn", Map.of("turnId", turn.turnId()));
            ack(ended);
            for (BoardClient b : boards) b.awaitSeq(ended.path("seq").asLong());
            JsonNode record = ana.frames().stream().filter(f -> f.path("event").path("type").asText().equals("queue.turn_ended"))
                .findFirst().orElseThrow().path("event");
            assertEquals(dev.cairn.meeting.MeetingModule.current(ana.room()).id(), record.path("meetingId").asText());
            assertEquals(turn.startedAt(), record.path("startedAt").asLong());
            assertTrue(record.path("millis").asLong() >= 0);
            assertEquals(1, record.path("turns").asInt());
        } finally {
            closeAll(boards);
        }
    }
}
