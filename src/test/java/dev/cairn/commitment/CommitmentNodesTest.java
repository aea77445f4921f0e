package dev.cairn.commitment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.NodePair;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Needs and commitments over real sockets, Redis and nodes: two members claiming one need at once
 * from two nodes, a member trying to change someone else's commitment, and commitments that outlive
 * a restart and come up in the next meeting's review.
 */
class CommitmentNodesTest {
    private static final int ROUNDS = 20;

    private static void ack(JsonNode reply) {
        assertEquals("ack", reply.path("type").asText(), reply.toString());
    }

    private static Map<String, Object> make(String what, String due) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("what", what);
        fields.put("due", due);
        return fields;
    }

    /**
     * Ben on one node and Cy on the other press "claim" on the same need at the same moment, twenty
     * times. Both nodes decide against the room they hold, and only Redis's version check orders
     * the commits: the one that commits second must be decided again on the room after the first,
     * find the need owned and be refused with {@code conflict} naming the owner.
     */
    @Test
    void twoMembersClaimingOneNeedFromTwoNodesLeaveExactlyOneOwnerAndTheOtherIsToldWho() {
        try (NodePair nodes = NodePair.start()) {
            Api.Reply created = Api.createRoom(nodes.east().port(), "Claims", "Ana");
            String room = created.text("roomId");
            Api.Reply ben = Api.join(nodes.east().port(), room, "Ben");
            Api.Reply cy = Api.join(nodes.west().port(), room, "Cy");
            try (BoardClient ana = BoardClient.connect(nodes.east().port(), created.text("token"));
                 BoardClient benBoard = BoardClient.connect(nodes.east().port(), ben.text("token"));
                 BoardClient cyBoard = BoardClient.connect(nodes.west().port(), cy.text("token"))) {
                Map<String, String> names = Map.of(ben.text("memberId"), "Ben", cy.text("memberId"), "Cy");
                int benWon = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    JsonNode posted = ana.command("commitment.post_need", Map.of("what", "Need " + round));
                    ack(posted);
                    benBoard.awaitSeq(posted.path("seq").asLong());
                    cyBoard.awaitSeq(posted.path("seq").asLong());
                    String needId = "n" + posted.path("seq").asLong();
                    assertNotNull(CommitmentModule.of(cyBoard.room()).need(needId), "Cy's board shows the need");

                    String benId = benBoard.nextId();
                    String cyId = cyBoard.nextId();
                    benBoard.send(benId, "commitment.claim", Map.of("needId", needId));
                    cyBoard.send(cyId, "commitment.claim", Map.of("needId", needId));
                    JsonNode benReply = benBoard.awaitReply(benId);
                    JsonNode cyReply = cyBoard.awaitReply(cyId);
                    boolean benAcked = benReply.path("type").asText().equals("ack");
                    boolean cyAcked = cyReply.path("type").asText().equals("ack");
                    assertTrue(benAcked ^ cyAcked, "exactly one claim wins: " + benReply + " / " + cyReply);
                    JsonNode win = benAcked ? benReply : cyReply;
                    JsonNode loss = benAcked ? cyReply : benReply;
                    String winner = benAcked ? "Ben" : "Cy";
                    assertEquals("conflict", loss.path("code").asText(), loss.toString());
                    assertTrue(loss.path("message").asText().contains(winner), "the loser is told who owns it: " + loss);
                    if (benAcked) benWon++;

                    long seq = win.path("seq").asLong();
                    for (BoardClient board : List.of(ana, benBoard, cyBoard)) {
                        board.awaitSeq(seq);
                        CommitmentState part = CommitmentModule.of(board.room());
                        assertEquals(null, part.need(needId), "the need is claimed on every board");
                        Commitment claimed = part.claimedFrom(needId);
                        assertEquals(winner, names.get(claimed.ownerId()), "every board shows the same owner");
                        assertEquals(round + 1, part.commitments().size(), "one commitment per need");
                    }
                }
                for (BoardClient board : List.of(ana, benBoard, cyBoard)) assertEquals(null, board.orderProblem());
                System.out.println("claim race: Ben won " + benWon + " of " + ROUNDS + " rounds, Cy " + (ROUNDS - benWon));
            }
        }
    }

    @Test
    void aMemberCannotChangeAnothersCommitmentAndNothingIsBroadcast() {
        try (NodePair nodes = NodePair.start()) {
            Api.Reply created = Api.createRoom(nodes.east().port(), "Not yours", "Ana");
            String room = created.text("roomId");
            Api.Reply ben = Api.join(nodes.east().port(), room, "Ben");
            Api.Reply cy = Api.join(nodes.west().port(), room, "Cy");
            try (BoardClient ana = BoardClient.connect(nodes.west().port(), created.text("token"));
                 BoardClient benBoard = BoardClient.connect(nodes.east().port(), ben.text("token"));
                 BoardClient cyBoard = BoardClient.connect(nodes.west().port(), cy.text("token"))) {
                JsonNode made = benBoard.command("commitment.make", make("Ask the school for the gym", "2027-04-01"));
                ack(made);
                long seq = made.path("seq").asLong();
                cyBoard.awaitSeq(seq);
                String id = "c" + seq;

                for (var attempt : List.of(
                    Map.<String, Object>of("type", "commitment.set_status", "commitmentId", id, "status", "done"),
                    Map.<String, Object>of("type", "commitment.set_status", "commitmentId", id, "status", "released", "note", "mine now"),
                    Map.<String, Object>of("type", "commitment.edit", "commitmentId", id, "what", "Something else"),
                    Map.<String, Object>of("type", "commitment.hand_over", "commitmentId", id, "toMemberId", cy.text("memberId")))) {
                    Map<String, Object> fields = new HashMap<>(attempt);
                    String type = (String) fields.remove("type");
                    JsonNode refused = cyBoard.command(type, fields);
                    assertEquals("error", refused.path("type").asText(), refused.toString());
                    assertEquals("forbidden", refused.path("code").asText(), refused.toString());
                }
                // A marker from Ben: the very next seq, so nothing was committed in between.
                JsonNode marker = benBoard.command("commitment.post_need", Map.of("what", "Marker"));
                ack(marker);
                assertEquals(seq + 1, marker.path("seq").asLong(), "the refused changes committed nothing");
                for (BoardClient board : List.of(ana, benBoard, cyBoard)) {
                    board.awaitSeq(seq + 1);
                    assertFalse(board.has(f -> f.path("type").asText().equals("event")
                        && f.path("seq").asLong() > seq && f.path("seq").asLong() < seq + 1), "no event in between");
                    assertFalse(board.frames().stream().anyMatch(f -> f.toString().contains("commitment.status_changed")
                        || f.toString().contains("commitment.edited") || f.toString().contains("commitment.handover_offered")),
                        "no board received a change");
                    Commitment c = CommitmentModule.of(board.room()).commitment(id);
                    assertEquals("Ask the school for the gym", c.what());
                    assertEquals(Commitment.OPEN, c.status());
                    assertEquals(ben.text("memberId"), c.ownerId());
                }
                // The facilitator may.
                ack(ana.command("commitment.set_status", Map.of("commitmentId", id, "status", "in_progress")));
            }
        }
    }

    @Test
    void commitmentsSurviveARestartAndComeUpInTheNextMeetingsReview() {
        Path data = TestRedis.tempDir("cairn-commitments-restart");
        Map<String, String> env = Map.of("REDIS_URL", "", "CAIRN_DATA_DIR", data.toString());
        CairnNode first = TestNodes.start(env);
        Api.Reply created;
        Api.Reply ben;
        String early;
        String late;
        String done;
        try {
            created = Api.createRoom(first.port(), "Carried over", "Ana");
            ben = Api.join(first.port(), created.text("roomId"), "Ben");
            try (BoardClient ana = BoardClient.connect(first.port(), created.text("token"));
                 BoardClient benBoard = BoardClient.connect(first.port(), ben.text("token"))) {
                ack(ana.command("meeting.segment_add", Map.of("title", "Our commitments", "kind", "commitments_review", "minutes", 15)));
                ack(ana.command("meeting.start", Map.of()));
                late = "c" + benBoard.command("commitment.make", make("Map the empty shops", "2027-06-01")).path("seq").asLong();
                early = "c" + benBoard.command("commitment.make", make("Meet the landlord", "2027-03-01")).path("seq").asLong();
                done = "c" + ana.command("commitment.make", make("Send the minutes", "2027-01-01")).path("seq").asLong();
                ack(ana.command("commitment.set_status", Map.of("commitmentId", done, "status", "done")));
                ack(ana.command("meeting.end", Map.of()));
            }
        } finally {
            TestNodes.stopQuietly(first);
        }

        CairnNode second = TestNodes.start(env);
        try (BoardClient ana = BoardClient.connect(second.port(), created.text("token"));
             BoardClient benBoard = BoardClient.connect(second.port(), ben.text("token"))) {
            CommitmentState kept = CommitmentModule.of(ana.room());
            assertEquals(3, kept.commitments().size(), "every commitment survived the restart");
            assertEquals(ben.text("memberId"), kept.commitment(early).ownerId());

            ack(ana.command("meeting.start", Map.of("agenda", true)));
            JsonNode started = ana.command("commitment.review_start", Map.of());
            ack(started);
            benBoard.awaitSeq(started.path("seq").asLong());
            Review review = CommitmentModule.of(benBoard.room()).review();
            assertEquals(List.of(early, late), review.order(), "the open ones, earliest due first; the done one is not reviewed");
            assertEquals(dev.cairn.meeting.MeetingModule.current(benBoard.room()).id(), review.meetingId(), "in the new meeting");

            ack(benBoard.command("commitment.review_step", Map.of("commitmentId", early, "outcome", "reviewed", "note", "date set")));
            JsonNode step = benBoard.command("commitment.review_step",
                Map.of("commitmentId", late, "outcome", "updated", "status", "blocked", "note", "waiting for the council's list"));
            ack(step);
            ana.awaitSeq(step.path("seq").asLong());
            Review after = CommitmentModule.of(ana.room()).review();
            assertTrue(after.ended(), "went through both");
            assertEquals(Commitment.BLOCKED, CommitmentModule.of(ana.room()).commitment(late).status());
        } finally {
            TestNodes.stopQuietly(second);
        }
    }
}
