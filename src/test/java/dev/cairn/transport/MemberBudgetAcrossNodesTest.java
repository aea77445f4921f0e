package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.NodePair;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One member's messages share one budget on every node: a board on each of two nodes, both
 * flooding, get through together about what one board alone would, not twice as much.
 */
class MemberBudgetAcrossNodesTest {
    private static final int RATE = 20;
    private static final int BURST = 5;
    private static final long FLOOD_MS = 5_000;
    /** Per board, well above the rate: every token either node gives is taken. */
    private static final long SEND_EVERY_MS = 15;

    @Test
    void aMemberWithABoardOnEachNodeGetsOneBudgetNotOneEach() throws Exception {
        try (NodePair nodes = NodePair.start(Map.of("CAIRN_LIMITS_COMMANDS_PER_SECOND", Integer.toString(RATE),
                "CAIRN_LIMITS_COMMAND_BURST", Integer.toString(BURST), "CAIRN_LIMITS_ABUSE_STRIKES", "100000"))) {
            Api.Reply ana = Api.post(nodes.east().port(), "/api/rooms", Map.of("title", "Shared budget", "name", "Ana"));
            String token = ana.text("token");
            try (BoardClient east = BoardClient.connect(nodes.east().port(), token);
                 BoardClient west = BoardClient.connect(nodes.west().port(), token)) {
                List<BoardClient> boards = List.of(east, west);
                int sent = 0;
                long start = System.nanoTime();
                while (System.nanoTime() - start < FLOOD_MS * 1_000_000) {
                    for (BoardClient b : boards) b.send("f" + sent++, "probe.nothing", Map.of());
                    Thread.sleep(SEND_EVERY_MS);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                int total = sent;
                int[] counts = new int[2];
                for (BoardClient b : boards) {
                    b.await("a reply to every message", c -> replies(c).size() == total / 2);
                }
                for (BoardClient b : boards) {
                    for (JsonNode reply : replies(b)) {
                        String code = reply.path("code").asText();
                        if (code.equals("unknown_type")) counts[0]++;
                        else if (code.equals("rate_limited")) counts[1]++;
                        else throw new AssertionError("unexpected reply " + reply);
                    }
                }
                int through = counts[0];
                assertEquals(sent, through + counts[1]);
                // One budget: a burst per node before the nodes have heard from each other, the rate over
                // the flood, and one report's worth of lag. One budget per node would let through
                // 2 × (BURST + RATE × seconds).
                double oneBudget = 3 * BURST + RATE * (seconds + 1);
                double budgetPerNode = 2 * (BURST + RATE * seconds);
                assertTrue(through <= oneBudget, through + " of " + sent + " messages got through in " + seconds
                    + " s; one budget allows about " + oneBudget + ", one per node " + budgetPerNode);
                assertTrue(through >= RATE * seconds * 0.6, "the member is still served: " + through + " in " + seconds + " s");
            }
        }
    }

    /** Sharing costs a Redis call a few times a second: only a member with boards on two nodes pays it. */
    @Test
    void aMemberWhoseBoardsAreAllOnOneNodeIsHeldThereAloneAndSharesNothing() throws Exception {
        try (NodePair nodes = NodePair.start(Map.of("CAIRN_LIMITS_COMMANDS_PER_SECOND", Integer.toString(RATE),
                "CAIRN_LIMITS_COMMAND_BURST", Integer.toString(BURST), "CAIRN_LIMITS_ABUSE_STRIKES", "100000"))) {
            Api.Reply ana = Api.post(nodes.east().port(), "/api/rooms", Map.of("title", "One node", "name", "Ana"));
            Api.Reply ben = Api.join(nodes.west().port(), ana.text("roomId"), "Ben");
            try (BoardClient first = BoardClient.connect(nodes.east().port(), ana.text("token"));
                 BoardClient second = BoardClient.connect(nodes.east().port(), ana.text("token"));
                 BoardClient elsewhere = BoardClient.connect(nodes.west().port(), ben.text("token"))) {
                int sent = 0;
                long start = System.nanoTime();
                while (System.nanoTime() - start < 1_000_000_000L) {
                    for (BoardClient b : List.of(first, second)) b.send("f" + sent++, "probe.nothing", Map.of());
                    Thread.sleep(SEND_EVERY_MS);
                }
                int total = sent;
                first.await("a reply to every message", c -> replies(c).size() == total / 2);
                second.await("a reply to every message", c -> replies(c).size() == total / 2);
                long limited = replies(first).stream().filter(r -> r.path("code").asText().equals("rate_limited")).count()
                    + replies(second).stream().filter(r -> r.path("code").asText().equals("rate_limited")).count();
                assertTrue(limited > 0, "the member's budget held on its node (" + limited + " of " + sent + " refused)");
                assertTrue(dev.cairn.support.RedisDump.room(ana.text("roomId")).keySet().stream().noneMatch(k -> k.contains(":spent")),
                    "no count was shared: " + dev.cairn.support.RedisDump.room(ana.text("roomId")).keySet());
            }
        }
    }

    private static List<JsonNode> replies(BoardClient b) {
        return b.frames().stream().filter(f -> f.path("type").asText().equals("error") && f.path("id").asText().startsWith("f")).toList();
    }
}
