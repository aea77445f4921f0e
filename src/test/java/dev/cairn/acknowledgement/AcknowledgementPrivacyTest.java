package dev.cairn.acknowledgement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.room.Module;
import dev.cairn.room.Modules;
import dev.cairn.room.RoomState;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.RedisDump;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A private acknowledgement over two real nodes: the draft's text (and even its id) never appears
 * in a raw frame another member's socket receives, live, in a snapshot to a socket that joins
 * after the draft exists, in the replay to one that reconnects, or in a read route; the author's
 * other board gets it; the archive never holds it; once shared the room sees it with its author,
 * nobody else may edit it, and withdrawn it leaves every board.
 */
class AcknowledgementPrivacyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    private static String secret(String what) {
        return what + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aDraftNeverReachesAnotherMembersSocketNorARouteUntilItsAuthorSharesIt() throws Exception {
        String first = secret("draft");
        String second = secret("reworded");
        Api.Reply ana = Api.createRoom(east.port(), "Tenants", "Ana");
        String roomId = ana.text("roomId");
        Api.Reply ben = Api.join(west.port(), roomId, "Ben");
        Api.Reply cai = Api.join(east.port(), roomId, "Cai");

        BoardClient anaBoard = board(east, ana.text("token"));
        BoardClient caiBoard = board(west, cai.text("token"));
        BoardClient benBoard = board(west, ben.text("token"));
        BoardClient benOther = board(east, ben.text("token"));
        RoomState beforeDraft = anaBoard.room();

        long drafted = ack(benBoard.command("acknowledgement.draft", Map.of("text", first)));
        String id = "a" + drafted;
        long edited = ack(benBoard.command("acknowledgement.edit", Map.of("acknowledgementId", id, "text", second)));
        for (BoardClient b : boards) b.awaitSeq(edited);
        assertEquals(second, AcknowledgementModule.of(benOther.room()).find(id).text(), "the author's other board has it");

        // Boards that come after the draft exists: a fresh one (snapshot) and one resuming from before it (replay), on both nodes.
        for (CairnNode node : List.of(east, west)) {
            board(node, ana.text("token")).awaitSeq(edited);
            BoardClient resumed = BoardClient.open(node.port(), null);
            boards.add(resumed);
            resumed.assume(beforeDraft);
            resumed.hello(cai.text("token"), beforeDraft.seq());
            resumed.awaitSeq(edited);
        }
        for (BoardClient b : boards) {
            if (b == benBoard || b == benOther) continue;
            String raw = b.frames().toString();
            assertFalse(raw.contains(first) || raw.contains(second), "another member's socket got the draft: " + raw);
            assertFalse(raw.contains("\"" + id + "\""), "another member's socket got the draft's id");
            assertTrue(AcknowledgementModule.of(b.room()).items().isEmpty());
            assertEquals(null, b.orderProblem(), "every seq arrived in order");
        }

        // Every read route of every module, as another member, and what a join page shows.
        for (Module<?> module : Modules.ALL) {
            for (String route : module.listRoutes().keySet()) {
                String body = get(east.port(), "/api/rooms/" + roomId + "/" + route, ana.text("token"));
                assertFalse(body.contains(first) || body.contains(second), route + " shows the draft: " + body);
            }
        }
        assertFalse(Api.get(west.port(), "/api/rooms/" + roomId).body().toString().contains(second));

        // Redis: the replaced text is gone; the current one is only in the sealed copy and the room's state, never the archive.
        for (var key : RedisDump.room(roomId).entrySet()) {
            assertFalse(key.getValue().contains(first), key.getKey() + " keeps the replaced draft text");
            if (key.getKey().contains(":archive ")) assertFalse(key.getValue().contains(second), "the archive keeps a draft's text");
            if (key.getValue().contains(second)) {
                assertTrue(key.getKey().contains(":sealed ") || key.getKey().contains(":snapshot "), key.getKey() + " keeps the draft");
            }
        }

        long shared = ack(benBoard.command("acknowledgement.share", Map.of("acknowledgementId", id)));
        anaBoard.awaitSeq(shared);
        Acknowledgement seen = AcknowledgementModule.of(anaBoard.room()).find(id);
        assertEquals(second, seen.text());
        assertEquals(ben.text("memberId"), seen.author(), "the room sees it with its author");
        assertEquals("forbidden", anaBoard.command("acknowledgement.edit", Map.of("acknowledgementId", id, "text", "Mine now"))
            .path("code").asText(), "nobody else edits it");

        long withdrawn = ack(benBoard.command("acknowledgement.withdraw", Map.of("acknowledgementId", id)));
        for (BoardClient b : boards) b.awaitSeq(withdrawn);
        for (BoardClient b : boards) assertTrue(AcknowledgementModule.of(b.room()).items().isEmpty(), "withdrawn: gone from every board");
        try (BoardClient fresh = BoardClient.connect(west.port(), cai.text("token"))) {
            assertTrue(AcknowledgementModule.of(fresh.room()).items().isEmpty());
        }
    }

    private static String get(int port, String path, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }
}
