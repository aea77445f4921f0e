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

    /**
     * The rest of the matrix: whoever has no place in the room. A socket that never said hello, and
     * sockets whose hello carries a forged token, an expired one, a removed member's, send every
     * command right behind the hello, without waiting for its answer. None is acknowledged, each
     * socket is answered as the protocol says (`unauthenticated`; closed `4001`; closed `4004`),
     * the room's seq does not move and a bystander receives no event. A member of another room
     * reads none of this room's routes.
     */
    @Test
    void everyCommandFromWhoeverHasNoPlaceInTheRoomIsRefusedAndChangesNothing() throws Exception {
        String secret = "role-matrix-secret-0123456789abcdef";
        node = TestNodes.start(Map.of("CAIRN_SECRET", secret,
            "CAIRN_LIMITS_COMMANDS_PER_SECOND", "100000", "CAIRN_LIMITS_COMMAND_BURST", "100000"));
        JsonNode room = Api.createRoom(node.port(), "Outsiders", "Fay").body();
        String roomId = room.get("roomId").asText();
        JsonNode removed = Api.join(node.port(), roomId, "Rem").body();
        String valid = Api.join(node.port(), roomId, "Val").body().get("token").asText();
        dev.cairn.auth.TokenSigner signer = new dev.cairn.auth.TokenSigner(secret);
        String expired = signer.sign(new dev.cairn.auth.MemberToken(roomId, Api.join(node.port(), roomId, "Exp").body()
            .get("memberId").asText(), dev.cairn.room.Role.PARTICIPANT, System.currentTimeMillis() - 1000));
        String forged = valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA");
        JsonNode elsewhere = Api.createRoom(node.port(), "Another room", "Dee").body();

        try (BoardClient bystander = BoardClient.connect(node.port(), room.get("token").asText())) {
            JsonNode gone = bystander.command("member.remove", Map.of("memberId", removed.get("memberId").asText()));
            assertEquals("ack", gone.path("type").asText(), gone.toString());
            long seq = gone.path("seq").asLong();
            bystander.awaitSeq(seq);
            int eventsBefore = events(bystander);

            Map<String, String> tokens = new java.util.LinkedHashMap<>();
            tokens.put("no hello", null);
            tokens.put("a forged token", forged);
            tokens.put("an expired token", expired);
            tokens.put("a removed member's token", removed.get("token").asText());
            Map<String, Integer> closes = Map.of("a forged token", 4001, "an expired token", 4001, "a removed member's token", 4004);
            List<String> wrong = new ArrayList<>();
            for (var entry : tokens.entrySet()) {
                try (BoardClient outsider = BoardClient.open(node.port(), null)) {
                    if (entry.getValue() != null) outsider.hello(entry.getValue(), null);
                    List<String> ids = new ArrayList<>();
                    for (String type : Catalogue.COMMANDS.keySet()) {
                        String id = outsider.nextId();
                        try {
                            outsider.send(id, type, Map.of());
                        } catch (java.util.concurrent.CompletionException closedAlready) {
                            break; // the node closed the socket on the hello: nothing more reaches it
                        }
                        ids.add(id);
                    }
                    Integer close = closes.get(entry.getKey());
                    if (close == null) {
                        for (String id : ids) {
                            String said = code(outsider.awaitReply(id));
                            if (!said.equals("unauthenticated")) wrong.add(entry.getKey() + ": " + said);
                        }
                    } else {
                        int code = outsider.awaitClose();
                        if (code != close) wrong.add(entry.getKey() + ": closed " + code + ", not " + close);
                    }
                    if (outsider.has(f -> f.path("type").asText().equals("ack"))) wrong.add(entry.getKey() + ": a command was acknowledged");
                    if (outsider.has(f -> f.path("type").asText().equals("snapshot"))) wrong.add(entry.getKey() + ": got the room");
                }
            }
            for (String route : readRoutes()) {
                int status = Api.getWithToken(node.port(), "/api/rooms/" + roomId + "/" + route, elsewhere.get("token").asText()).status();
                if (status != 401) wrong.add("a member of another room reading " + route + ": " + status);
            }
            assertEquals(List.of(), wrong, "outsiders answered against the protocol");

            JsonNode marker = bystander.command("room.rename", Map.of("title", "Outsiders checked"));
            bystander.awaitSeq(marker.path("seq").asLong());
            assertEquals(seq + 1, marker.path("seq").asLong(), "no outsider's command committed anything");
            assertEquals(eventsBefore + 1, events(bystander), "the bystander received no event but the marker");
        }
    }

    /** Every route under /api/rooms/{id}/ that needs a member's token. */
    private static List<String> readRoutes() {
        List<String> routes = new ArrayList<>(List.of("links", "record", "record.md", "record/blocks"));
        for (var module : dev.cairn.room.Modules.ALL) routes.addAll(module.listRoutes().keySet());
        return routes;
    }

    private static int events(BoardClient board) {
        return (int) board.frames().stream().filter(f -> f.path("type").asText().equals("event")).count();
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
