package dev.cairn.purpose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.NodePair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two people save the same target from forms opened on the same version, on two nodes. The race
 * it guards: the later save used to replace the earlier one silently; now it is refused with
 * {@code conflict}, nothing changes, and it lands once it is sent again on the new version.
 */
class TargetConflictTest {
    private static NodePair nodes;

    @BeforeAll
    static void start() {
        nodes = NodePair.start();
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    private static Map<String, Object> save(String id, String what, String target, long baseVersion) {
        return Map.of("targetId", id, "what", what, "target", target, "baseVersion", baseVersion);
    }

    @Test
    void aStaleSaveOnTheOtherNodeIsRefusedWithConflictAndChangesNothing() {
        Api.Reply created = Api.createRoom(nodes.east().port(), "Tenants", "Ana");
        Api.Reply ben = Api.join(nodes.east().port(), created.text("roomId"), "Ben");
        try (BoardClient ana = BoardClient.connect(nodes.east().port(), created.text("token"));
             BoardClient benBoard = BoardClient.connect(nodes.west().port(), ben.text("token"))) {
            JsonNode added = ana.command("purpose.target_add", Map.of("what", "Repairs answered in time", "target", "90%"));
            assertEquals("ack", added.path("type").asText(), added.toString());
            benBoard.awaitSeq(added.path("seq").asLong());
            Target opened = PurposeModule.of(benBoard.room()).targets().get(0);

            JsonNode anas = ana.command("purpose.target_update", save(opened.id(), "Repairs answered in 14 days", "90%", opened.version()));
            assertEquals("ack", anas.path("type").asText(), anas.toString());
            benBoard.awaitSeq(anas.path("seq").asLong());

            JsonNode stale = benBoard.command("purpose.target_update", save(opened.id(), "Repairs answered", "95%", opened.version()));
            assertEquals("conflict", stale.path("code").asText(), stale.toString());
            assertEquals(anas.path("seq").asLong(), benBoard.room().seq(), "nothing was committed");
            Target now = PurposeModule.of(benBoard.room()).targets().get(0);
            assertEquals("Repairs answered in 14 days", now.what());
            assertEquals(anas.path("seq").asLong(), now.version());

            JsonNode kept = benBoard.command("purpose.target_update", save(opened.id(), "Repairs answered", "95%", now.version()));
            assertEquals("ack", kept.path("type").asText(), kept.toString());
            ana.awaitSeq(kept.path("seq").asLong());
            assertEquals("95%", PurposeModule.of(ana.room()).targets().get(0).target());
        }
    }

    @Test
    void whoIsEditingATargetReachesTheOtherNodeAndEndsWhenTheFormOrTheBoardCloses() {
        Api.Reply created = Api.createRoom(nodes.east().port(), "Tenants", "Ana");
        Api.Reply ben = Api.join(nodes.east().port(), created.text("roomId"), "Ben");
        try (BoardClient ana = BoardClient.connect(nodes.east().port(), created.text("token"))) {
            JsonNode added = ana.command("purpose.target_add", Map.of("what", "Repairs answered in time", "target", "90%"));
            String id = "t" + added.path("seq").asLong();
            String benId = ben.text("memberId");
            BoardClient benBoard = BoardClient.connect(nodes.west().port(), ben.text("token"));
            try {
                benBoard.awaitSeq(added.path("seq").asLong());
                benBoard.sendRaw("{\"type\":\"purpose.editing\",\"item\":\"target:" + id + "\"}");
                ana.awaitFrame("Ben is editing", f -> "editing".equals(f.path("type").asText())
                    && benId.equals(f.path("memberId").asText()) && ("target:" + id).equals(f.path("item").asText()));
                benBoard.sendRaw("{\"type\":\"purpose.editing\",\"item\":null}");
                ana.awaitFrame("Ben closed the form", f -> "editing".equals(f.path("type").asText())
                    && f.has("item") && f.path("item").isNull() && !f.path("gone").asBoolean());
                benBoard.sendRaw("{\"type\":\"purpose.editing\",\"item\":\"target:nope\"}");
                assertEquals("invalid", benBoard.awaitFrame("refused", f -> "error".equals(f.path("type").asText())).path("code").asText());
                benBoard.sendRaw("{\"type\":\"purpose.editing\",\"item\":\"target:" + id + "\"}");
            } finally {
                benBoard.close();
            }
            ana.awaitFrame("Ben's board went", f -> "editing".equals(f.path("type").asText()) && f.path("gone").asBoolean());
        }
    }
}
