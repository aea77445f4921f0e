package dev.cairn.decision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.protocol.Wire;
import dev.cairn.room.Role;
import dev.cairn.room.RoomRules;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decisions across two real nodes on a real Redis: forty members vote at once (each counted once,
 * exact tallies, a member's two boards racing), an anonymous vote leaves no trace of who chose
 * what in any frame another board got or in any Redis key after the close, a deadline closes a
 * proposal exactly once (two nodes; nobody connected), and a mandate withdrawn by consent moves
 * the role so that the former facilitator is refused.
 */
class DecisionOverTheWireTest {
    private static final int MEMBERS = 40;
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    /** How long past a deadline a second close, if there were one, would surely have come. */
    private static final long QUIET_AFTER_MS = 3000;

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

    private CairnNode node(int i) {
        return i % 2 == 0 ? east : west;
    }

    /** A room with Ana (facilitator, on east) and {@code others} participants, alternating nodes; tokens in order. */
    private List<String> room(String title, int others, List<String> ids) {
        Api.Reply created = Api.createRoom(east.port(), title, "Ana");
        String roomId = created.text("roomId");
        List<String> tokens = new ArrayList<>(List.of(created.text("token")));
        ids.add(roomId);
        ids.add(created.text("memberId"));
        for (int i = 1; i <= others; i++) {
            Api.Reply joined = Api.join(node(i).port(), roomId, "Member " + i);
            tokens.add(joined.text("token"));
            ids.add(joined.text("memberId"));
        }
        return tokens;
    }

    private BoardClient board(int i, String token) {
        BoardClient b = BoardClient.connect(node(i).port(), token);
        boards.add(b);
        return b;
    }

    private static String ack(JsonNode reply) {
        assertEquals("ack", reply.path("type").asText(), reply.toString());
        return reply.path("seq").asText();
    }

    private static String proposalId(BoardClient board) {
        List<Proposal> open = DecisionModule.of(board.room()).proposals();
        return open.get(open.size() - 1).id();
    }

    /** Everyone's ballots at the same moment, from their own threads. */
    private static void atOnce(List<Runnable> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        CyclicBarrier go = new CyclicBarrier(work.size());
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (Runnable w : work) {
                all.add(CompletableFuture.runAsync(() -> {
                    try {
                        go.await(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    w.run();
                }, pool));
            }
            for (CompletableFuture<Void> f : all) f.get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fortyMembersOnTwoNodesVoteAtOnceAndEachIsCountedOnceWithTheirLatestBallot() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> tokens = room("Annual assembly", MEMBERS - 1, ids);
        List<String> members = ids.subList(1, ids.size());
        List<BoardClient> first = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) first.add(board(i, tokens.get(i)));
        // Every fifth member has a second board on the other node.
        Map<Integer, BoardClient> second = new LinkedHashMap<>();
        for (int i = 0; i < MEMBERS; i += 5) second.put(i, board(i + 1, tokens.get(i)));

        BoardClient ana = first.get(0);
        ack(ana.command("decision.propose", Map.of("question", "Which budget line first?", "method", "choice",
            "options", List.of("Garden", "Library", "Bikes"), "settings", Map.of("maxChoices", 2))));
        String id = proposalId(ana);
        long opened = ana.room().seq();
        for (BoardClient b : first) b.awaitSeq(opened);

        // Round one: everyone votes at once; the members with two boards send a different ballot from each.
        List<Runnable> work = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            BoardClient b = first.get(i);
            List<String> choice = List.of(i % 3 == 0 ? "o1" : i % 3 == 1 ? "o2" : "o3");
            work.add(() -> ack(b.command("decision.vote", Map.of("proposalId", id, "options", choice))));
        }
        for (var e : second.entrySet()) {
            BoardClient b = e.getValue();
            work.add(() -> ack(b.command("decision.vote", Map.of("proposalId", id, "options", List.of("o1", "o2")))));
        }
        atOnce(work);
        // Round two: everyone changes their ballot at once.
        work.clear();
        for (int i = 0; i < MEMBERS; i++) {
            BoardClient b = first.get(i);
            List<String> choice = i < 25 ? List.of("o2") : List.of("o3", "o1");
            work.add(() -> ack(b.command("decision.vote", Map.of("proposalId", id, "options", choice))));
        }
        atOnce(work);

        long last = Long.parseLong(ack(ana.command("room.rename", Map.of("title", "Annual assembly 2027"))));
        for (BoardClient b : boards) b.awaitSeq(last);
        Proposal seen = DecisionModule.of(ana.room()).proposal(id);
        assertEquals(MEMBERS, seen.voters().size(), "each member once");
        assertEquals(Map.of("o1", 15, "o2", 25, "o3", 15), seen.tally().counts(), "the latest ballot of each: 25 × o2, 15 × o3 + o1");
        assertEquals(MEMBERS, seen.tally().ballots());
        for (String m : members) assertTrue(seen.ballots().containsKey(m), "named: every ballot visible");
        for (BoardClient b : boards) {
            assertEquals(ana.room(), b.room(), "every board, on either node, holds the same room");
            assertNull(b.orderProblem());
        }

        ack(ana.command("decision.close", Map.of("proposalId", id)));
        long closed = ana.room().seq();
        for (BoardClient b : first) b.awaitSeq(closed);
        Decision d = DecisionModule.of(first.get(MEMBERS - 1).room()).log().get(0);
        assertEquals(Tallies.CHOSEN, d.outcome());
        assertEquals(List.of("o2"), d.winners());
        assertEquals(MEMBERS, d.turnout());
    }

    @Test
    void anAnonymousVoteLeavesNoTraceOfWhoChoseWhatInOtherBoardsFramesOrInRedisAfterTheClose() throws Exception {
        int n = 12;
        List<String> ids = new ArrayList<>();
        List<String> tokens = room("Secret ballot", n - 1, ids);
        String roomId = ids.get(0);
        List<String> members = ids.subList(1, ids.size());
        List<BoardClient> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(board(i, tokens.get(i)));
        BoardClient ana = all.get(0);
        ack(ana.command("decision.propose", Map.of("question", "Do we accept the donation?", "method", "consent",
            "settings", Map.of("anonymous", true))));
        String id = proposalId(ana);
        long opened = ana.room().seq();
        for (BoardClient b : all) b.awaitSeq(opened);

        List<Runnable> work = new ArrayList<>();
        Map<String, String> chose = new HashMap<>();
        for (int i = 0; i < n; i++) {
            BoardClient b = all.get(i);
            String position = i % 4 == 3 ? "object" : i % 4 == 2 ? "stand_aside" : "consent";
            chose.put(members.get(i), position);
            Map<String, Object> ballot = new LinkedHashMap<>(Map.of("proposalId", id, "position", position));
            if (position.equals("object")) ballot.put("reason", "The donor's terms bind us (" + i + ")");
            work.add(() -> ack(b.command("decision.vote", ballot)));
        }
        atOnce(work);
        long voted = Long.parseLong(ack(ana.command("room.rename", Map.of("title", "Secret ballot, counted"))));
        for (BoardClient b : all) b.awaitSeq(voted);
        // A late board gets a snapshot: it too holds only its own ballot.
        BoardClient late = board(1, tokens.get(5));
        late.awaitSeq(voted);

        ack(ana.command("decision.close", Map.of("proposalId", id)));
        long closed = ana.room().seq();
        for (BoardClient b : all) b.awaitSeq(closed);
        late.awaitSeq(closed);
        Decision d = DecisionModule.of(ana.room()).log().get(0);
        assertEquals(Tallies.NOT_CARRIED, d.outcome());
        assertEquals(Map.of("consent", 6, "stand_aside", 3, "object", 3), d.tally().counts());
        assertEquals(n, d.voters().size(), "who voted is known");
        assertTrue(d.ballots().isEmpty());
        for (Tally.Objection o : d.tally().objections()) assertNull(o.memberId());

        // No frame a board received names another member's choice.
        for (int i = 0; i < n; i++) assertNoOtherBallot(all.get(i), members.get(i));
        assertNoOtherBallot(late, members.get(5));

        // Nothing in Redis after the close links a member to a choice.
        Map<String, String> keys = dumpRoom(roomId);
        assertTrue(keys.keySet().stream().anyMatch(k -> k.contains(":archive ")), keys.keySet().toString());
        for (var e : keys.entrySet()) {
            String text = e.getValue();
            assertFalse(text.contains("\"ballot\":{"), e.getKey() + " holds a ballot: " + text);
            assertFalse(text.contains("\"position\":"), e.getKey() + " holds a position: " + text);
            assertFalse(text.matches("(?s).*\"objections\":\\[\\{\"memberId\":\"[^\"]+\".*"), e.getKey() + " names an objector");
            assertFalse(text.contains("\"tally\":{") && text.contains("decision.voted") && hasVotedTally(text),
                e.getKey() + " keeps a running tally of an anonymous vote: " + text);
        }
    }

    /** Whether any decision.voted frame in this dump carries a tally. */
    private static boolean hasVotedTally(String text) {
        return text.matches("(?s).*\"type\":\"decision\\.voted\"[^}]*\"tally\":\\{.*");
    }

    /** Every frame this board got: others' decision.voted without a ballot; snapshots with only its own ballot. */
    private static void assertNoOtherBallot(BoardClient board, String self) {
        for (JsonNode frame : board.frames()) {
            String type = frame.path("type").asText();
            if (type.equals("event") && frame.path("event").path("type").asText().equals("decision.voted")
                && !frame.path("by").asText().equals(self)) {
                assertTrue(frame.path("event").path("ballot").isNull(), self + " was sent another's ballot: " + frame);
            }
            if (type.equals("snapshot")) {
                for (JsonNode p : frame.path("room").path("decision").path("proposals")) {
                    p.path("ballots").fieldNames().forEachRemaining(who ->
                        assertEquals(self, who, self + "'s snapshot holds " + who + "'s ballot: " + p));
                }
            }
            assertFalse(frame.toString().matches("(?s).*\"memberId\":\"[^\"]+\",\"reason\".*")
                    && frame.toString().contains("decision."),
                "a frame names an objector: " + frame);
        }
    }

    @Test
    void aDeadlineClosesAProposalExactlyOnceWithTwoNodesAndWithNobodyConnected() {
        List<String> ids = new ArrayList<>();
        List<String> tokens = room("Deadlines", 1, ids);
        String roomId = ids.get(0);
        BoardClient ana = board(0, tokens.get(0));
        BoardClient ben = board(1, tokens.get(1));
        String proposed = ack(ana.command("decision.propose", Map.of("question", "Paint it green?", "method", "yes_no",
            "settings", Map.of("deadlineSeconds", 2))));
        String first = proposalId(ana);
        long at = DecisionModule.of(ana.room()).proposal(first).closesAt();
        // Ben votes on what his own board shows, as a person would: his node may hear of it a moment after Ana's.
        ben.awaitSeq(Long.parseLong(proposed));
        ack(ben.command("decision.vote", Map.of("proposalId", first, "position", "yes")));
        for (BoardClient b : List.of(ana, ben)) b.await("the deadline's close", c -> closes(c).size() == 1);
        quietUntil(at + QUIET_AFTER_MS);
        long last = Long.parseLong(ack(ana.command("room.rename", Map.of("title", "Deadlines, later"))));
        for (BoardClient b : List.of(ana, ben)) {
            b.awaitSeq(last);
            assertEquals(1, closes(b).size(), "one close: " + closes(b));
            assertEquals(RoomRules.SYSTEM, closes(b).get(0).path("by").asText());
            assertEquals("deadline", closes(b).get(0).path("event").path("decision").path("closeReason").asText());
            assertTrue(closes(b).get(0).path("at").asLong() >= at);
        }
        assertEquals(Tallies.CARRIED, DecisionModule.of(ben.room()).log().get(0).outcome());

        // Now with nobody connected: every board closes, the east node stops; west's scan of due rooms closes it.
        ack(ana.command("decision.propose", Map.of("question", "Paint it blue?", "method", "consent",
            "settings", Map.of("deadlineSeconds", 3))));
        long before = ana.room().seq();
        long second = DecisionModule.of(ana.room()).proposals().get(0).closesAt();
        for (BoardClient b : boards) b.close();
        boards.clear();
        TestNodes.stopQuietly(east);
        east = null;
        BoardClient.eventually("the deadline's close committed with nobody connected",
            () -> Long.parseLong(redis("GET", "cairn:{" + roomId + "}:seq")) > before);
        quietUntil(second + QUIET_AFTER_MS);
        assertEquals(Long.toString(before + 1), redis("GET", "cairn:{" + roomId + "}:seq"), "one close, nothing more");
        BoardClient again = BoardClient.connect(west.port(), tokens.get(1));
        boards.add(again);
        again.awaitSeq(before + 1);
        DecisionState part = DecisionModule.of(again.room());
        assertEquals(2, part.log().size());
        assertEquals("deadline", part.log().get(1).closeReason());
        assertEquals(Tallies.NO_VOTES, part.log().get(1).outcome());
        assertTrue(part.proposals().isEmpty());
    }

    @Test
    void aMandateWithdrawnByConsentMovesTheRoleAndTheFormerFacilitatorIsRefusedFromThenOn() {
        List<String> ids = new ArrayList<>();
        List<String> tokens = room("Mandates", 2, ids);
        String anaId = ids.get(1);
        String benId = ids.get(2);
        String caiId = ids.get(3);
        BoardClient ana = board(0, tokens.get(0));
        BoardClient ben = board(1, tokens.get(1));
        BoardClient cai = board(2, tokens.get(2));
        long proposed = Long.parseLong(ack(ben.command("decision.propose_mandate", Map.of("memberId", anaId, "action", "withdraw", "successorId", caiId))));
        String id = proposalId(ben);
        ack(ben.command("decision.vote", Map.of("proposalId", id, "position", "consent")));
        cai.awaitSeq(proposed); // Cai votes on what her own board shows
        ack(cai.command("decision.vote", Map.of("proposalId", id, "position", "consent")));
        assertEquals(Role.FACILITATOR, ben.room().member(anaId).role(), "nothing moves before it carries");
        ack(ben.command("decision.close", Map.of("proposalId", id)));
        long closed = ben.room().seq();
        for (BoardClient b : List.of(ana, ben, cai)) {
            b.awaitSeq(closed);
            assertEquals(Role.PARTICIPANT, b.room().member(anaId).role());
            assertEquals(Role.FACILITATOR, b.room().member(caiId).role());
            Decision d = DecisionModule.of(b.room()).log().get(0);
            assertEquals(Proposal.MANDATE, d.kind());
            assertEquals(d.id(), DecisionModule.of(b.room()).mandates().get(caiId).decisionId());
        }
        JsonNode refused = ana.command("room.rename", Map.of("title", "Still mine"));
        assertEquals("forbidden", refused.path("code").asText(), refused.toString());
        JsonNode restrict = ana.command("decision.restrict", Map.of("restricted", true));
        assertEquals("forbidden", restrict.path("code").asText(), restrict.toString());
        ack(cai.command("room.rename", Map.of("title", "Mandates, renewed")));
        assertFalse(benId.isEmpty());

        // The log's read route answers the event that entered the decision.
        JsonNode page = Wire.tree(get(east.port(), "/api/rooms/" + ids.get(0) + "/decisions", tokens.get(1)));
        assertEquals(1, page.path("entries").size(), page.toString());
        assertEquals("decision.closed", page.path("entries").get(0).path("event").path("type").asText());
        assertEquals("mandate", page.path("entries").get(0).path("event").path("decision").path("kind").asText());
    }

    private static String get(int port, String path, String token) {
        try {
            java.net.http.HttpResponse<String> r = HTTP.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + path)).header("authorization", "Bearer " + token).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> closes(BoardClient board) {
        return board.frames().stream().filter(f -> f.path("type").asText().equals("event")
            && f.path("event").path("type").asText().equals("decision.closed")).toList();
    }

    private static void quietUntil(long at) {
        long wait = at - System.currentTimeMillis();
        if (wait <= 0) return;
        try {
            Thread.sleep(wait); // a correctness wait: a second close would come from a node firing late
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ---- raw Redis -------------------------------------------------------------------------------

    private static <T> T sync(io.vertx.core.Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String redis(String... command) {
        Vertx vertx = Vertx.vertx();
        Redis client = Redis.createClient(vertx, TestRedis.url());
        try {
            Response r = sync(RedisAPI.api(client).send(io.vertx.redis.client.Command.create(command[0]),
                java.util.Arrays.copyOfRange(command, 1, command.length)));
            return r == null ? null : r.toString();
        } finally {
            client.close();
            sync(vertx.close());
        }
    }

    /** Every key of the room (and the set of due rooms) with its whole content as text. */
    private static Map<String, String> dumpRoom(String roomId) {
        Vertx vertx = Vertx.vertx();
        Redis client = Redis.createClient(vertx, TestRedis.url());
        Map<String, String> out = new LinkedHashMap<>();
        try {
            RedisAPI api = RedisAPI.api(client);
            List<String> keys = new ArrayList<>();
            String cursor = "0";
            do {
                Response page = sync(api.scan(List.of(cursor, "MATCH", "cairn:{" + roomId + "}*", "COUNT", "1000")));
                cursor = page.get(0).toString();
                for (Response k : page.get(1)) keys.add(k.toString());
            } while (!cursor.equals("0"));
            keys.add("cairn:due");
            for (String key : keys) {
                String type = sync(api.type(key)).toString();
                Response content = switch (type) {
                    case "string" -> sync(api.get(key));
                    case "stream" -> sync(api.xrange(List.of(key, "-", "+")));
                    case "list" -> sync(api.lrange(key, "0", "-1"));
                    case "hash" -> sync(api.hgetall(key));
                    case "zset" -> sync(api.zrange(List.of(key, "0", "-1", "WITHSCORES")));
                    case "set" -> sync(api.smembers(key));
                    default -> null;
                };
                out.put(key + " (" + type + ")", flatten(content));
            }
        } finally {
            client.close();
            sync(vertx.close());
        }
        return out;
    }

    private static String flatten(Response r) {
        if (r == null) return "";
        if (r.type() == ResponseType.MULTI) {
            StringBuilder b = new StringBuilder();
            for (Response x : r) b.append(flatten(x)).append('\n');
            return b.toString();
        }
        return r.toString();
    }

    static {
        // keep Wire initialised before any frame is decoded on a client thread
        Wire.MAPPER.getClass();
    }
}
