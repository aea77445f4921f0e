package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.protocol.Wire;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.NodePair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A facilitator makes a new room link or facilitator link: the old one stops working at once on
 * every node, members fetch the current links, and only facilitators (also those promoted later)
 * get the facilitator link.
 */
class LinkRotationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static NodePair nodes;
    private static CairnNode east;
    private static CairnNode west;

    @BeforeAll
    static void start() {
        nodes = NodePair.start();
        east = nodes.east();
        west = nodes.west();
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void rotatedLinksStopWorkingAtOnceOnEveryNodeAndMembersGetTheCurrentOnes() throws Exception {
        Api.Reply fay = Api.createRoom(east.port(), "Links", "Fay");
        String roomId = fay.text("roomId");
        String oldInvite = after(fay.text("facilitatorPath"), "#invite=");
        Api.Reply ben = Api.join(west.port(), roomId, "Ben");
        assertEquals(201, join(west, roomId, Map.of("name", "Early")), "the first room link needs no key");

        try (BoardClient facilitator = BoardClient.connect(east.port(), fay.text("token"));
             BoardClient participant = BoardClient.connect(west.port(), ben.text("token"))) {
            assertEquals("forbidden", participant.command("access.rotate", Map.of("link", "room")).path("code").asText());
            long seq = facilitator.command("access.rotate", Map.of("link", "room")).path("seq").asLong();
            participant.awaitSeq(seq);
            assertEquals(403, join(west, roomId, Map.of("name", "Late")), "the old room link is refused on the other node");

            JsonNode links = links(west, roomId, fay.text("token"));
            String roomPath = links.path("roomPath").asText();
            assertTrue(roomPath.startsWith("/r/" + roomId + "#join="), links.toString());
            assertEquals(201, join(east, roomId, Map.of("name", "Invited", "key", after(roomPath, "#join="))));
            JsonNode seenByParticipant = links(east, roomId, ben.text("token"));
            assertEquals(roomPath, seenByParticipant.path("roomPath").asText(), "every member may pass on the room link");
            assertFalse(seenByParticipant.has("facilitatorPath"), "but only facilitators get the facilitator link");

            long rotated = facilitator.command("access.rotate", Map.of("link", "facilitator")).path("seq").asLong();
            participant.awaitSeq(rotated);
            assertEquals(403, join(west, roomId, Map.of("name", "Co", "invite", oldInvite)), "the old facilitator link is void");
            String newInvite = after(links(west, roomId, fay.text("token")).path("facilitatorPath").asText(), "#invite=");
            assertEquals(201, join(west, roomId, Map.of("name", "Co", "invite", newInvite)));

            // A facilitator promoted later gets the facilitator link too.
            facilitator.command("member.change_role", Map.of("memberId", ben.text("memberId"), "role", "facilitator"));
            BoardClient.eventually("Ben is a facilitator on the west node",
                () -> links(west, roomId, ben.text("token")).has("facilitatorPath"));
        }
    }

    private static String after(String path, String marker) {
        return path.substring(path.indexOf(marker) + marker.length());
    }

    private static int join(CairnNode node, String roomId, Map<String, String> body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/rooms/" + roomId + "/members"))
            .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Wire.write(body))).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static JsonNode links(CairnNode node, String roomId, String token) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port()
                + "/api/rooms/" + roomId + "/links")).header("authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return Wire.tree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
