package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.room.Role;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.NodePair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A facilitator removes a member: every board of theirs, on every node, is closed with 4004 at
 * once; their token no longer opens the room; everyone else sees them as removed; the place they
 * took is free again. And a facilitator link joins a room that ordinary links have filled.
 */
class MemberRemovalTest {
    private static NodePair nodes;
    private static CairnNode east;
    private static CairnNode west;

    @BeforeAll
    static void start() {
        nodes = NodePair.start(Map.of("CAIRN_LIMITS_MAX_MEMBERS", "3"));
        east = nodes.east();
        west = nodes.west();
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void aRemovedMembersBoardsCloseOnEveryNodeAndTheirTokenStopsWorking() {
        Api.Reply fay = Api.createRoom(west.port(), "Removal", "Fay");
        String roomId = fay.text("roomId");
        Api.Reply mal = Api.join(east.port(), roomId, "Mal");
        Api.Reply ben = Api.join(west.port(), roomId, "Ben");
        assertEquals(409, Api.post(east.port(), "/api/rooms/" + roomId + "/members", Map.of("name", "Extra")).status(), "the room is full");

        try (BoardClient facilitator = BoardClient.connect(west.port(), fay.text("token"));
             BoardClient benBoard = BoardClient.connect(east.port(), ben.text("token"));
             BoardClient malEast = BoardClient.connect(east.port(), mal.text("token"));
             BoardClient malWest = BoardClient.connect(west.port(), mal.text("token"))) {
            JsonNode refused = benBoard.command("member.remove", Map.of("memberId", mal.text("memberId")));
            assertEquals("forbidden", refused.path("code").asText(), refused.toString());

            JsonNode ack = facilitator.command("member.remove", Map.of("memberId", mal.text("memberId")));
            assertEquals("ack", ack.path("type").asText(), ack.toString());
            assertEquals(4004, malEast.awaitClose(), "closed on the node that did not commit");
            assertEquals(4004, malWest.awaitClose(), "closed on the node that committed");
            benBoard.awaitSeq(ack.path("seq").asLong());
            assertEquals(Role.REMOVED, benBoard.room().member(mal.text("memberId")).role());

            for (CairnNode node : new CairnNode[] {east, west}) {
                try (BoardClient again = BoardClient.open(node.port(), null)) {
                    again.hello(mal.text("token"), null);
                    assertEquals(4004, again.awaitClose(), "the token no longer opens the room");
                    assertTrue(again.frames().stream().noneMatch(f -> f.path("type").asText().equals("snapshot")),
                        "and shows nothing of it");
                }
            }
            assertEquals(201, Api.post(east.port(), "/api/rooms/" + roomId + "/members", Map.of("name", "Dee")).status(), "the removed member's place is free again");
            assertEquals(403, history(west, roomId, mal.text("token")), "nor reads the room's history");
            assertEquals(200, history(west, roomId, ben.text("token")), "which members still do");
        }
    }

    private static int history(CairnNode node, String roomId, String token) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + node.port() + "/api/rooms/" + roomId + "/history")).header("authorization", "Bearer " + token)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFacilitatorLinkJoinsARoomThatOrdinaryLinksFilled() {
        Api.Reply fay = Api.createRoom(east.port(), "Filled", "Fay");
        String roomId = fay.text("roomId");
        Api.join(east.port(), roomId, "One");
        Api.join(west.port(), roomId, "Two");
        assertEquals(409, Api.post(west.port(), "/api/rooms/" + roomId + "/members", Map.of("name", "Three")).status());
        String invite = fay.text("facilitatorPath").substring(fay.text("facilitatorPath").indexOf("#invite=") + 8);
        Api.Reply cofacilitator = Api.post(west.port(), "/api/rooms/" + roomId + "/members", Map.of("name", "Co", "invite", invite));
        assertEquals(201, cofacilitator.status(), cofacilitator.toString());
        assertEquals("facilitator", cofacilitator.text("role"));
    }
}
