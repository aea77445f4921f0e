package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.room.Role;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Create, join, snapshot, and live events between two boards on one node, with a real Redis. */
class RoomLifecycleTest {
    private static CairnNode node;

    @BeforeAll
    static void start() {
        node = TestNodes.start();
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(node);
    }

    @Test
    void creatorJoinsAsFacilitatorAndSeesTheRoomSnapshot() {
        Api.Reply created = Api.createRoom(node.port(), "Harbour coalition", "Ana");
        assertEquals("facilitator", created.text("role"));
        assertTrue(created.text("facilitatorPath").startsWith("/r/" + created.text("roomId") + "#invite="));

        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            assertEquals("Harbour coalition", ana.room().title());
            assertEquals(2, ana.room().seq(), "room.created and member.joined");
            assertEquals(Role.FACILITATOR, ana.room().member(created.text("memberId")).role());
            JsonNode welcome = ana.awaitFrame("welcome", f -> f.path("type").asText().equals("welcome"));
            assertEquals("Ana", welcome.path("member").path("name").asText());
        }
    }

    @Test
    void twoBoardsOnOneNodeSeeEachOthersChangesInOrder() {
        Api.Reply created = Api.createRoom(node.port(), "Board of trustees", "Ana");
        String roomId = created.text("roomId");
        try (BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            Api.Reply ben = Api.join(node.port(), roomId, "Ben");
            assertEquals("participant", ben.text("role"));
            ana.await("Ben's join", c -> c.room().member(ben.text("memberId")) != null);

            try (BoardClient benBoard = BoardClient.connect(node.port(), ben.text("token"))) {
                assertEquals("ack", ana.command("room.rename", Map.of("title", "Trustees 2027")).path("type").asText());
                JsonNode renamed = benBoard.command("member.rename", Map.of("name", "Benedict"));
                assertEquals("ack", renamed.path("type").asText());
                long seq = renamed.path("seq").asLong();
                ana.awaitSeq(seq);
                benBoard.awaitSeq(seq);
                assertEquals(ana.room(), benBoard.room());
                assertEquals("Trustees 2027", benBoard.room().title());
                assertEquals("Benedict", ana.room().member(ben.text("memberId")).name());
                assertNull(ana.orderProblem());
                assertNull(benBoard.orderProblem());
            }
        }
    }

    @Test
    void describeRoomShowsTitleForTheJoinPageAndUnknownRoomsAre404() {
        Api.Reply created = Api.createRoom(node.port(), "Neighbourhood alliance", "Ana");
        Api.Reply described = Api.get(node.port(), "/api/rooms/" + created.text("roomId"));
        assertEquals(200, described.status());
        assertEquals("Neighbourhood alliance", described.text("title"));
        assertEquals(404, Api.get(node.port(), "/api/rooms/doesNotExist99").status());
        assertEquals(404, Api.post(node.port(), "/api/rooms/doesNotExist99/members", Map.of("name", "X")).status());
    }

    @Test
    void facilitatorLinkGrantsFacilitatorAndAForgedOneIsRefused() {
        Api.Reply created = Api.createRoom(node.port(), "Steering group", "Ana");
        String roomId = created.text("roomId");
        String invite = created.text("facilitatorPath").substring(created.text("facilitatorPath").indexOf("=") + 1);
        Api.Reply cofacilitator = Api.post(node.port(), "/api/rooms/" + roomId + "/members",
            Map.of("name", "Cleo", "invite", invite));
        assertEquals("facilitator", cofacilitator.text("role"));
        Api.Reply forged = Api.post(node.port(), "/api/rooms/" + roomId + "/members",
            Map.of("name", "Mallory", "invite", "AAAAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(403, forged.status());
        assertEquals("forbidden", forged.text("code"));
        Api.Reply observer = Api.post(node.port(), "/api/rooms/" + roomId + "/members",
            Map.of("name", "Projector", "observer", true));
        assertEquals("observer", observer.text("role"));
    }

    @Test
    void onlyFacilitatorsRenameTheRoomOrChangeRoles() {
        Api.Reply created = Api.createRoom(node.port(), "Roles", "Ana");
        String roomId = created.text("roomId");
        Api.Reply ben = Api.join(node.port(), roomId, "Ben");
        try (BoardClient benBoard = BoardClient.connect(node.port(), ben.text("token"));
             BoardClient ana = BoardClient.connect(node.port(), created.text("token"))) {
            long before = benBoard.room().seq();
            JsonNode refused = benBoard.command("room.rename", Map.of("title", "Mine now"));
            assertEquals("forbidden", refused.path("code").asText());
            JsonNode demote = benBoard.command("member.change_role",
                Map.of("memberId", created.text("memberId"), "role", "observer"));
            assertEquals("forbidden", demote.path("code").asText());

            JsonNode lastFacilitator = ana.command("member.change_role",
                Map.of("memberId", created.text("memberId"), "role", "participant"));
            assertEquals("conflict", lastFacilitator.path("code").asText());
            assertEquals(before, ana.room().seq(), "refused commands change nothing");

            assertEquals("ack", ana.command("member.change_role",
                Map.of("memberId", ben.text("memberId"), "role", "observer")).path("type").asText());
            benBoard.await("Ben becomes observer",
                c -> c.room().member(ben.text("memberId")).role() == Role.OBSERVER);
        }
    }
}
