package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.NodePair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A room link that leaked is not enough once a facilitator sets a passcode: joining by the room
 * link then asks for it, on every node, while the facilitator link needs none. The passcode
 * never travels with the room (no board's frame holds it); facilitators read it with the links.
 */
class PasscodeTest {
    private static final String CODE = "harbour-42";
    private static NodePair nodes;

    @BeforeAll
    static void start() {
        nodes = NodePair.start();
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void joiningByTheRoomLinkAsksForThePasscodeThatOnlyFacilitatorsSee() {
        CairnNode east = nodes.east();
        CairnNode west = nodes.west();
        Api.Reply fay = Api.createRoom(east.port(), "Passcode", "Fay");
        String roomId = fay.text("roomId");
        String invite = fay.text("facilitatorPath").substring(fay.text("facilitatorPath").indexOf("#invite=") + 8);
        Api.Reply ben = Api.join(west.port(), roomId, "Ben");
        try (BoardClient facilitator = BoardClient.connect(east.port(), fay.text("token"));
             BoardClient participant = BoardClient.connect(west.port(), ben.text("token"))) {
            assertEquals("invalid", facilitator.command("access.passcode", Map.of("passcode", "12345")).path("code").asText(),
                "a passcode of five characters is too short");
            long seq = facilitator.command("access.passcode", Map.of("passcode", CODE)).path("seq").asLong();
            participant.awaitSeq(seq);
            assertFalse(participant.frames().toString().contains(CODE), "no frame to the participant holds the passcode");
            assertFalse(facilitator.frames().toString().contains(CODE), "nor to the facilitator: it never travels with the room");
            assertEquals(CODE, Api.getWithToken(east.port(), "/api/rooms/" + roomId + "/links", fay.text("token")).body().path("passcode").asText(),
                "a facilitator reads it with the room's links");
            assertEquals("", Api.getWithToken(west.port(), "/api/rooms/" + roomId + "/links", ben.text("token")).body().path("passcode").asText(),
                "a participant learns only that there is one");
            try (BoardClient late = BoardClient.connect(west.port(), ben.text("token"))) {
                assertFalse(late.frames().toString().contains(CODE), "nor the snapshot of a board opened later");
                assertTrue(late.frames().toString().contains("\"passcode\":\"\""), "which says there is one");
            }

            JsonNode described = Api.get(west.port(), "/api/rooms/" + roomId).body();
            assertTrue(described.path("passcode").asBoolean(), "the join page learns that a passcode is asked for");
            assertFalse(described.toString().contains(CODE));
            assertEquals("passcode_required", join(west, roomId, null, null).body().path("code").asText());
            assertEquals(403, join(west, roomId, null, "harbour-43").status());
            assertEquals("wrong_passcode", join(east, roomId, null, "harbour-43").body().path("code").asText());
            assertEquals(201, join(west, roomId, null, " " + CODE + " ").status(), "the passcode lets one in (spaces aside)");
            assertEquals(201, join(west, roomId, invite, null).status(), "the facilitator link needs no passcode");

            seq = facilitator.command("access.passcode", Map.of("passcode", "")).path("seq").asLong();
            participant.awaitSeq(seq);
            assertEquals(201, join(east, roomId, null, null).status(), "once cleared, the link alone is enough again");
            assertFalse(Api.get(east.port(), "/api/rooms/" + roomId).body().path("passcode").asBoolean());
        }
    }

    private static Api.Reply join(CairnNode node, String roomId, String invite, String passcode) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Guest"));
        if (invite != null) body.put("invite", invite);
        if (passcode != null) body.put("passcode", passcode);
        return Api.post(node.port(), "/api/rooms/" + roomId + "/members", body);
    }
}
