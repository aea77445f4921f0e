package dev.cairn.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.decision.DecisionModule;
import dev.cairn.decision.Proposal;
import dev.cairn.meeting.MeetingModule;
import dev.cairn.purpose.PurposeModule;
import dev.cairn.purpose.text.TextOp;
import dev.cairn.queue.QueueModule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One meeting held over real WebSocket boards, with every part the meeting record shows filled:
 * Ben and Cai (whose names try to become markup) join Ana's room; an agenda of three segments,
 * two of them run; the purpose drafted, given a target and adopted; two turns on the floor; a
 * named consent vote with an objection and an anonymous yes / no vote; attendance of all three.
 */
public final class MeetingScript {
    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String LINK = "](javascript:alert(1))";

    /** What the script left: the room, its meeting, the members' tokens and ids, and Ana's board. */
    public record Held(String roomId, String meetingId, String anaToken, String benToken, String caiToken,
                       String caiId, String benId, BoardClient ana) {
    }

    private MeetingScript() {
    }

    /** Holds the meeting in room {@code roomId} of facilitator Ana ({@code anaToken}); every board opened goes to {@code boards}. */
    public static Held hold(int port, String roomId, String anaToken, Consumer<BoardClient> boards) {
        Api.Reply ben = Api.join(port, roomId, "Ben " + SCRIPT);
        Api.Reply cai = Api.join(port, roomId, "Cai `tick` " + LINK);
        BoardClient ana = board(port, anaToken, boards);
        BoardClient benBoard = board(port, ben.text("token"), boards);
        BoardClient caiBoard = board(port, cai.text("token"), boards);

        ok(ana.command("meeting.segment_add", Map.of("title", "Welcome " + SCRIPT, "kind", "check_in", "minutes", 5)));
        ok(ana.command("meeting.segment_add", Map.of("title", "Budget " + LINK, "kind", "decision", "minutes", 10)));
        ok(ana.command("meeting.segment_add", Map.of("title", "Wrap-up", "kind", "check_out", "minutes", 5)));
        ok(ana.command("meeting.start", Map.of("agenda", true)));
        String meetingId = MeetingModule.current(ana.room()).id();
        ana.await("everyone attending", c -> MeetingModule.current(c.room()).present().size() == 3);

        // The purpose: drafted, a target with a pipe and backticks, adopted by the facilitator.
        ok(benBoard.command("purpose.edit", Map.of("seq", benBoard.room().seq(),
            "op", TextOp.insertAt(0, "Grow food for 50 families " + SCRIPT).toWire())));
        ok(ana.command("purpose.target_add", Map.of("what", "Beds `planted` | ready", "baseline", "0", "target", "12",
            "due", "2027-06-30", "tracker", "Cai")));
        ana.awaitSeq(benBoard.room().seq());
        ok(ana.command("purpose.adopt", Map.of("rev", PurposeModule.of(ana.room()).rev())));

        // The floor: Ben speaks, then Cai.
        turn(ana, benBoard);
        turn(ana, caiBoard);
        ok(ana.command("meeting.next", Map.of()));

        // A named consent vote with an objection, and an anonymous yes / no vote.
        ok(ana.command("decision.propose", Map.of("question", "Buy seeds `now` | " + LINK, "method", "consent")));
        String named = lastProposal(ana);
        ok(ana.command("decision.vote", Map.of("proposalId", named, "position", "consent")));
        ok(benBoard.command("decision.vote", Map.of("proposalId", named, "position", "stand_aside")));
        ok(caiBoard.command("decision.vote", Map.of("proposalId", named, "position", "object", "reason", "Not before " + LINK)));
        ok(ana.command("decision.close", Map.of("proposalId", named)));
        ok(ana.command("decision.propose", Map.of("question", "Hire a gardener", "method", "yes_no",
            "settings", Map.of("anonymous", true))));
        String secret = lastProposal(ana);
        ok(ana.command("decision.vote", Map.of("proposalId", secret, "position", "yes")));
        ok(benBoard.command("decision.vote", Map.of("proposalId", secret, "position", "no")));
        ok(caiBoard.command("decision.vote", Map.of("proposalId", secret, "position", "yes")));
        ok(ana.command("decision.close", Map.of("proposalId", secret)));
        ok(ana.command("meeting.end", Map.of()));
        return new Held(roomId, meetingId, anaToken, ben.text("token"), cai.text("token"), cai.text("memberId"),
            ben.text("memberId"), ana);
    }

    private static BoardClient board(int port, String token, Consumer<BoardClient> boards) {
        BoardClient b = BoardClient.connect(port, token);
        boards.accept(b);
        return b;
    }

    private static void turn(BoardClient facilitator, BoardClient speaker) {
        ok(speaker.command("queue.raise", Map.of()));
        facilitator.awaitSeq(speaker.room().seq());
        ok(facilitator.command("queue.next", new HashMap<>()));
        String turnId = QueueModule.of(facilitator.room()).current().turnId();
        ok(speaker.command("queue.end_turn", Map.of("turnId", turnId)));
        facilitator.awaitSeq(speaker.room().seq());
    }

    private static String lastProposal(BoardClient board) {
        List<Proposal> open = DecisionModule.of(board.room()).proposals();
        return open.get(open.size() - 1).id();
    }

    public static long ok(JsonNode reply) {
        if (!"ack".equals(reply.path("type").asText())) throw new AssertionError("expected an ack: " + reply);
        return reply.path("seq").asLong();
    }
}
