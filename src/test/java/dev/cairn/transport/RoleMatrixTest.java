package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.protocol.Catalogue;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command of every feature, sent by each role, is accepted or refused as docs/protocol.md's
 * "who may" column says: facilitator-only ones are {@code forbidden} to participants, and every one
 * but renaming oneself is {@code forbidden} to observers. Permissions are checked before the input, so each command is sent with
 * no fields at all: a role that may not send it gets {@code forbidden}, one that may gets some
 * other answer (usually {@code invalid}). Nothing refused reaches any board: the room's seq does
 * not move and a bystander receives no event.
 */
class RoleMatrixTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+\\.[a-z_]+)` \\|[^|]*\\|([^|]*)\\|", Pattern.MULTILINE);

    private CairnNode node;

    @AfterEach
    void stop() {
        TestNodes.stopQuietly(node);
    }

    @Test
    void everyCommandIsRefusedToTheRolesTheProtocolDoesNotAllowAndRefusalsChangeNothing() throws Exception {
        Map<String, String> whoMay = whoMay();
        node = TestNodes.start(Map.of("CAIRN_LIMITS_COMMANDS_PER_SECOND", "100000", "CAIRN_LIMITS_COMMAND_BURST", "100000"));
        JsonNode room = Api.createRoom(node.port(), "Matrix", "Fay").body();
        String roomId = room.get("roomId").asText();
        JsonNode participant = Api.join(node.port(), roomId, "Pat").body();
        JsonNode observer = Api.post(node.port(), "/api/rooms/" + roomId + "/members", Map.of("name", "Obi", "observer", true)).body();

        try (BoardClient bystander = BoardClient.connect(node.port(), room.get("token").asText());
             BoardClient pat = BoardClient.connect(node.port(), participant.get("token").asText());
             BoardClient obi = BoardClient.connect(node.port(), observer.get("token").asText())) {
            long seq = bystander.room().seq();
            List<String> wrong = new ArrayList<>();
            List<String> participantMay = new ArrayList<>();
            int checked = 0;
            // First everything that must be refused: observers' commands, participants' facilitator-only ones.
            for (String type : Catalogue.COMMANDS.keySet()) {
                String who = whoMay.get(type);
                if (who == null) continue; // a test-only module's command, not in the protocol
                checked++;
                if (!ObserverMay.ALLOWED.contains(type)) {
                    String obiSays = code(obi.command(type, Map.of()));
                    if (!obiSays.equals("forbidden")) wrong.add(type + " from an observer: " + obiSays);
                }
                boolean facilitatorsOnly = who.startsWith("facilitator");
                if (facilitatorsOnly) {
                    String patSays = code(pat.command(type, Map.of()));
                    if (!patSays.equals("forbidden")) wrong.add(type + " (who may: " + who + ") from a participant: " + patSays);
                } else if (who.startsWith("participant")) {
                    participantMay.add(type);
                }
                // Otherwise ("its author", "the proposer or a facilitator", "the entry's member") whether
                // a participant may depends on whose item it is, which a command without fields cannot name.
            }
            // A commit of any of those would come before this one in the room's order.
            JsonNode marker = bystander.command("room.rename", Map.of("title", "Matrix checked"));
            long markerSeq = marker.path("seq").asLong();
            bystander.awaitSeq(markerSeq);
            assertEquals(seq + 1, markerSeq, "no refused command committed anything");

            for (String type : participantMay) {
                String patSays = code(pat.command(type, Map.of()));
                if (patSays.equals("forbidden")) wrong.add(type + " (who may: " + whoMay.get(type) + ") from a participant: forbidden");
            }
            assertEquals(List.of(), wrong, "commands answered against the protocol's 'who may'");
            assertTrue(checked >= 40, "the matrix covered the commands (" + checked + ")");
        }
    }

    /** What an observer may do: only what concerns themselves (observers are read-only otherwise). */
    private static final class ObserverMay {
        static final List<String> ALLOWED = List.of("member.rename");
    }

    private static String code(JsonNode reply) {
        return reply.path("type").asText().equals("ack") ? "ack" : reply.path("code").asText();
    }

    /** Command type → its "who may" cell, from every command table of docs/protocol.md. */
    private static Map<String, String> whoMay() throws Exception {
        String doc = Files.readString(Path.of("docs/protocol.md"));
        Map<String, String> out = new TreeMap<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            if (Catalogue.COMMANDS.containsKey(m.group(1))) out.putIfAbsent(m.group(1), m.group(2).trim());
        }
        return out;
    }
}
