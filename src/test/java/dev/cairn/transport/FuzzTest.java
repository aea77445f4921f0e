package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.CairnNode;
import dev.cairn.protocol.Catalogue;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.NodePair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A seeded fuzzer over real sockets: thousands of messages of every known type with random field
 * values (and unknown types, malformed JSON, values of every JSON shape) from a facilitator, a
 * participant and an observer, on two nodes sharing one Redis. Afterwards no board was dropped,
 * every board on either node holds the same room as a fresh snapshot, the nodes still take ordinary
 * changes, and neither logged an unhandled exception or anything SEVERE (checked when they stop). The seed is printed; {@code -Dcairn.seed=N}
 * replays a run.
 */
class FuzzTest {
    private static final int MESSAGES = 3000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static NodePair nodes;

    @BeforeAll
    static void start() {
        nodes = NodePair.start(Map.of("CAIRN_LIMITS_COMMANDS_PER_SECOND", "100000", "CAIRN_LIMITS_COMMAND_BURST", "100000"));
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void thousandsOfRandomMessagesChangeNothingTheyShouldNotAndBreakNothing() {
        long seed = Long.getLong("cairn.seed", System.nanoTime());
        System.out.println("FuzzTest seed " + seed + " (replay with -Dcairn.seed=" + seed + ")");
        Random random = new Random(seed);

        CairnNode east = nodes.east();
        CairnNode west = nodes.west();
        Api.Reply ana = Api.createRoom(east.port(), "Fuzzed", "Ana");
        String roomId = ana.text("roomId");
        Api.Reply ben = Api.join(west.port(), roomId, "Ben");
        Api.Reply obs = Api.post(west.port(), "/api/rooms/" + roomId + "/members", Map.of("name", "Oli", "observer", true));
        List<String> types = new ArrayList<>(Catalogue.COMMANDS.keySet());
        types.addAll(Catalogue.SIGNALS.keySet());

        try (BoardClient a = BoardClient.connect(east.port(), ana.text("token"));
             BoardClient b = BoardClient.connect(west.port(), ben.text("token"));
             BoardClient o = BoardClient.connect(east.port(), obs.text("token"));
             BoardClient a2 = BoardClient.connect(west.port(), ana.text("token"))) {
            List<BoardClient> boards = List.of(a, b, o, a2);
            for (int i = 0; i < MESSAGES; i++) {
                BoardClient board = boards.get(random.nextInt(boards.size()));
                board.sendRaw(message(random, types, board.nextId()));
            }
            // A ping answered means every message sent before it on that socket was handled.
            for (BoardClient board : boards) {
                String id = board.nextId();
                board.sendRaw("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
                board.awaitFrame("pong after the fuzz", f -> id.equals(f.path("id").asText(null)));
                assertFalse(board.isClosed(), "no board was dropped by what another sent, or by its own bad input (seed " + seed + ")");
                assertNull(board.orderProblem(), "events arrived in order (seed " + seed + ")");
            }
            // Still serving: an ordinary change goes through and reaches everyone.
            JsonNode ack = a.command("room.rename", Map.of("title", "After the fuzz"));
            assertEquals("ack", ack.path("type").asText(), ack.toString());
            for (BoardClient board : boards) board.awaitSeq(ack.path("seq").asLong());
            for (CairnNode node : List.of(east, west)) {
                try (BoardClient fresh = BoardClient.connect(node.port(), ben.text("token"))) {
                    fresh.awaitSeq(ack.path("seq").asLong());
                    assertEquals(fresh.room(), b.room(), "a board that followed every event holds what a fresh snapshot shows (seed " + seed + ")");
                }
                try (BoardClient fresh = BoardClient.connect(node.port(), ana.text("token"))) {
                    fresh.awaitSeq(ack.path("seq").asLong());
                    assertEquals(fresh.room(), a.room(), "the same for the facilitator's view, on both nodes (seed " + seed + ")");
                    assertEquals(fresh.room(), a2.room(), "and for her board on the other node (seed " + seed + ")");
                }
            }
        }
    }

    /** One message: mostly a known type with its own field names and random values, sometimes nonsense. */
    private static String message(Random random, List<String> types, String id) {
        int kind = random.nextInt(20);
        if (kind == 0) return "{\"type\":\"" + types.get(random.nextInt(types.size())) + "\",\"id\":\"" + id + "\",";  // cut off
        if (kind == 1) return random.nextBoolean() ? "[1,2,3]" : "\"just a string\"";
        if (kind == 2) return "{\"type\":\"nope." + random.nextInt(100) + "\",\"id\":\"" + id + "\"}";
        if (kind == 3) return "{\"id\":\"" + id + "\",\"type\":" + value(random, 0) + "}";
        String type = types.get(random.nextInt(types.size()));
        ObjectNode body = JSON.objectNode();
        body.put("type", type);
        if (random.nextInt(10) > 0) body.put("id", id);
        Class<?> record = Catalogue.COMMANDS.containsKey(type) ? Catalogue.COMMANDS.get(type) : Catalogue.SIGNALS.get(type);
        RecordComponent[] fields = record.getRecordComponents();
        if (fields != null) {
            for (RecordComponent field : fields) {
                if (random.nextInt(5) == 0) continue;
                body.set(field.getName(), value(random, 0));
            }
        }
        if (random.nextInt(15) == 0) body.set("unexpected", value(random, 0));
        return body.toString();
    }

    private static final String[] STRINGS = {"", " ", "x", "facilitator", "participant", "observer", "removed", "room",
        "consent", "yes_no", "ranked", "dot", "choice", "fist", "object", "new", "process", "t1", "d1", "p1", "s1", "m1",
        "2027-02-30", "2030-06-30", "\u202Eevil", "<script>alert(1)</script>", "'; DROP TABLE rooms; --", "😀".repeat(30),
        "a".repeat(300), "\u0000", "null", "-1", "1e309", "NaN"};

    private static JsonNode value(Random random, int depth) {
        switch (random.nextInt(depth > 1 ? 7 : 9)) {
            case 0: return JSON.nullNode();
            case 1: return JSON.booleanNode(random.nextBoolean());
            case 2: return JSON.numberNode(new long[] {0, 1, -1, 2, 5, 100, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}[random.nextInt(9)]);
            case 3: return JSON.numberNode(random.nextBoolean() ? 1.5 : -0.25);
            case 4: return JSON.numberNode(System.currentTimeMillis() + random.nextInt(600_000) - 60_000);
            case 5:
            case 6: return JSON.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 7: {
                ArrayNode array = JSON.arrayNode();
                for (int i = 0, n = random.nextInt(4); i < n; i++) array.add(value(random, depth + 1));
                return array;
            }
            default: {
                ObjectNode object = JSON.objectNode();
                for (int i = 0, n = random.nextInt(3); i < n; i++) object.set(STRINGS[random.nextInt(STRINGS.length)], value(random, depth + 1));
                return object;
            }
        }
    }
}
