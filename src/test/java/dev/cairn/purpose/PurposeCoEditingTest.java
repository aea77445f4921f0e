package dev.cairn.purpose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.protocol.Wire;
import dev.cairn.purpose.text.TextOp;
import dev.cairn.purpose.text.TextType;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.PurposeEditor;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many people typing into the purpose at once, on two nodes, must end with one text everywhere:
 * every board, the server's snapshot, and a replay of the stored op log. Random seeds; the seed is
 * printed so a failure can be replayed with -Dcairn.seed=N.
 */
class PurposeCoEditingTest {
    private static final Map<String, String> FAST = Map.of("CAIRN_LIMITS_COMMANDS_PER_SECOND", "2000",
        "CAIRN_LIMITS_COMMAND_BURST", "2000");
    private static CairnNode east;
    private static CairnNode west;

    @BeforeAll
    static void start() {
        east = TestNodes.start(FAST);
        west = TestNodes.start(FAST);
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(east);
        TestNodes.stopQuietly(west);
    }

    private static long seed() {
        String given = System.getProperty("cairn.seed");
        long seed = given != null ? Long.parseLong(given) : System.nanoTime();
        System.out.println("PurposeCoEditingTest seed: " + seed + " (replay with -Dcairn.seed=" + seed + ")");
        return seed;
    }

    @Test
    void tenEditorsOnTwoNodesTypingAtFullSpeedConvergeEverywhere() throws Exception {
        long seed = seed();
        Api.Reply created = Api.createRoom(east.port(), "Converge", "Ana");
        String roomId = created.text("roomId");
        List<PurposeEditor> editors = new ArrayList<>();
        List<BoardClient> boards = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CairnNode node = i % 2 == 0 ? east : west;
            Api.Reply member = Api.join(node.port(), roomId, "Editor " + i);
            BoardClient board = BoardClient.connect(node.port(), member.text("token"));
            boards.add(board);
            editors.add(new PurposeEditor(board, member.text("memberId"), "e" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(editors.size());
        try {
            long until = System.currentTimeMillis() + 4000;
            List<CompletableFuture<Void>> typing = new ArrayList<>();
            for (int i = 0; i < editors.size(); i++) {
                PurposeEditor editor = editors.get(i);
                Random random = new Random(seed + i);
                String signature = "[" + i + "]";
                typing.add(CompletableFuture.runAsync(() -> {
                    while (System.currentTimeMillis() < until) {
                        synchronized (editor.client()) {
                            editor.edit(RandomTyping.next(random, editor.text(), signature));
                        }
                        sleep(random.nextInt(4));
                    }
                }, pool));
            }
            for (CompletableFuture<Void> t : typing) t.get();
        } finally {
            pool.shutdownNow();
        }

        try {
            BoardClient.eventually("every editor settled", () -> editors.stream().allMatch(PurposeEditor::settled));
        } catch (AssertionError stuck) {
            for (PurposeEditor e : editors) System.out.println("editor settled=" + e.settled() + " errors=" + e.errors()
                + " closed=" + e.client().isClosed() + " " + (e.settled() ? "" : e.describe()));
            throw stuck;
        }
        try (BoardClient fresh = BoardClient.connect(west.port(), created.text("token"))) {
            long finalSeq = fresh.room().seq();
            for (BoardClient board : boards) board.awaitSeq(finalSeq);
            String server = PurposeModule.of(fresh.room()).text();
            long total = 0;
            for (PurposeEditor editor : editors) {
                assertEquals(server, editor.text(), "an editor's text differs from the server's");
                assertEquals(List.of(), editor.errors());
                total += editor.sentOps();
            }
            for (BoardClient board : boards) assertEquals(server, PurposeModule.of(board.room()).text());
            assertEquals(server, replayHistory(east.port(), roomId, created.text("token"), PurposeModule.of(fresh.room()).rev()));
            assertTrue(total > 100, "the editors sent a real load: " + total + " ops");
            System.out.println("converged on " + server.length() + " characters after " + total + " ops, rev "
                + PurposeModule.of(fresh.room()).rev());
        } finally {
            boards.forEach(BoardClient::close);
        }
    }

    @Test
    void editsBufferedWhileTheSocketIsDownArriveOnceAfterReconnect() {
        Api.Reply created = Api.createRoom(east.port(), "Offline typing", "Ana");
        Api.Reply ben = Api.join(east.port(), created.text("roomId"), "Ben");
        try (BoardClient anaBoard = BoardClient.connect(east.port(), created.text("token"))) {
            PurposeEditor ana = new PurposeEditor(anaBoard, created.text("memberId"), "ana");
            BoardClient benBoard = BoardClient.connect(east.port(), ben.text("token"));
            PurposeEditor benEditor = new PurposeEditor(benBoard, ben.text("memberId"), "ben");

            benEditor.edit(TextOp.of("Together we "));
            anaBoard.await("Ben's start", c -> ana.text().equals("Together we "));
            synchronized (benBoard) {
                benEditor.edit(TextOp.of(12, "<one>"));
                benEditor.edit(TextOp.of(17, "<two>"));
                benBoard.abort();
            }
            benEditor.edit(TextOp.of(22, "<three>"));
            ana.edit(TextOp.of("Ana: "));
            anaBoard.await("Ana's edit applied", c -> ana.settled());

            benEditor.resume(west.port(), ben.text("token"));
            BoardClient resumed = benEditor.client();
            resumed.await("Ben settled", c -> benEditor.settled());
            BoardClient.eventually("same text", () -> ana.text().equals(benEditor.text()));
            String text = ana.text();
            for (String piece : List.of("<one>", "<two>", "<three>", "Ana: ")) {
                assertEquals(1, text.split(java.util.regex.Pattern.quote(piece), -1).length - 1, piece + " once in " + text);
            }
            assertEquals("Ana: Together we <one><two><three>", text);
            resumed.close();
        }
    }

    @Test
    void observersCannotEditAndALockedDraftRefusesParticipants() {
        Api.Reply created = Api.createRoom(east.port(), "Locks", "Ana");
        Api.Reply watcher = Api.post(east.port(), "/api/rooms/" + created.text("roomId") + "/members",
            Map.of("name", "Projector", "observer", true));
        Api.Reply participant = Api.post(east.port(), "/api/rooms/" + created.text("roomId") + "/members", Map.of("name", "Ben"));
        try (BoardClient ana = BoardClient.connect(east.port(), created.text("token"));
             BoardClient ben = BoardClient.connect(east.port(), participant.text("token"));
             BoardClient projector = BoardClient.connect(east.port(), watcher.text("token"))) {
            JsonNode refused = projector.command("purpose.edit", Map.of("seq", 0, "op", List.of("hello")));
            assertEquals("forbidden", refused.path("code").asText());
            assertEquals("ack", ana.command("purpose.lock", Map.of("locked", true, "graceSeconds", 0)).path("type").asText());
            JsonNode locked = ben.command("purpose.edit", Map.of("seq", ana.room().seq(), "op", List.of("hi")));
            assertEquals("forbidden", locked.path("code").asText());
            assertEquals("ack", ana.command("purpose.lock", Map.of("locked", false)).path("type").asText());
            JsonNode ok = ana.command("purpose.edit", Map.of("seq", ana.room().seq(), "op", List.of("hi")));
            assertEquals("ack", ok.path("type").asText());
            JsonNode tooBig = ana.command("purpose.edit", Map.of("seq", ok.path("seq").asLong(),
                "op", List.of(2, "x".repeat(PurposeRules.MAX_INSERT + 1))));
            assertEquals("too_large", tooBig.path("code").asText());
            JsonNode pastEnd = ana.command("purpose.edit", Map.of("seq", ok.path("seq").asLong(), "op", List.of(5, "x")));
            assertEquals("invalid", pastEnd.path("code").asText());
            ana.sendRaw("{\"type\":\"purpose.edit\",\"id\":\"half\",\"seq\":" + ok.path("seq").asLong()
                + ",\"op\":[\"\\uD83C\"]}");
            assertEquals("invalid", ana.awaitReply("half").path("code").asText());
            ana.awaitSeq(ok.path("seq").asLong());
            assertEquals("hi", PurposeModule.of(ana.room()).text(), "refused edits changed nothing");
        }
    }

    /** Rebuilds the text from the permanent history, page by page, as the revision timeline does. */
    static String replayHistory(int port, String roomId, String token, int expectedRevisions) throws Exception {
        String text = "";
        int rev = 0;
        while (true) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/rooms/" + roomId + "/history?from=" + rev + "&limit=1000"))
                .header("authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode entries = Wire.tree(response.body()).get("entries");
            if (entries.isEmpty()) break;
            for (JsonNode entry : entries) {
                JsonNode event = entry.get("event");
                assertEquals(++rev, event.get("rev").asInt(), "revisions are contiguous");
                text = TextType.apply(text, TextOp.fromWire(Wire.MAPPER.convertValue(event.get("op"), List.class)));
            }
        }
        assertEquals(expectedRevisions, rev);
        return text;
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
