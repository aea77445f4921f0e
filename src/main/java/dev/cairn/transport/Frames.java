package dev.cairn.transport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.protocol.Wire;
import dev.cairn.room.Member;
import dev.cairn.room.Signal;

import java.util.List;

/** Builds the server frames that are not room events. */
final class Frames {
    private Frames() {
    }

    private static ObjectNode frame(String type, String clientId) {
        ObjectNode node = Wire.MAPPER.createObjectNode();
        node.put("type", type);
        if (clientId != null) node.put("id", clientId);
        return node;
    }

    static String ack(String clientId, long seq) {
        return frame("ack", clientId).put("seq", seq).toString();
    }

    static String error(String clientId, String code, String message) {
        return frame("error", clientId).put("code", code).put("message", message).toString();
    }

    /** {@code serverTime} lets a board correct its clock (half the round trip is the usual guess). */
    static String pong(String clientId, long serverTime) {
        return frame("pong", clientId).put("serverTime", serverTime).toString();
    }

    static String welcome(String clientId, String roomId, Member member, String nodeId, String conn, long serverTime) {
        ObjectNode node = frame("welcome", clientId).put("roomId", roomId).put("node", nodeId).put("conn", conn)
            .put("serverTime", serverTime);
        node.set("member", Wire.MAPPER.valueToTree(member));
        return node.toString();
    }

    static String snapshot(String stateJson, long seq) {
        return "{\"type\":\"snapshot\",\"seq\":" + seq + ",\"room\":" + stateJson + "}";
    }

    /** A relayed signal: its module's type and fields, with who sent it from which board. */
    static String signal(Signal.Relay relay, String memberId, String conn) {
        ObjectNode node = frame(relay.type(), null).put("memberId", memberId).put("conn", conn);
        relay.fields().forEach((name, value) -> node.set(name, Wire.MAPPER.valueToTree(value)));
        return node.toString();
    }

    /** The sender's board closed: its signals of this type no longer stand. */
    static String signalGone(String type, String memberId, String conn) {
        return frame(type, null).put("memberId", memberId).put("conn", conn).put("gone", true).toString();
    }

    /**
     * The elements of a JSON array of objects, each exactly as written (a publication is the
     * committed frames joined with commas between brackets). Scans strings and nesting only.
     */
    static List<String> splitArray(String array) {
        List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = 0; i < array.length(); i++) {
            char c = array.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (depth == 1 && c == '{') start = i;
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 1 && c == '}') out.add(array.substring(start, i + 1));
            }
        }
        return out;
    }

    /** Whether the node can save changes: {@code "up"} or {@code "down"} (Redis unreachable). */
    static String storage(boolean up) {
        ObjectNode node = frame("storage", null);
        node.put("status", up ? "up" : "down");
        return node.toString();
    }

    static String presence(List<String> online) {
        ObjectNode node = frame("presence", null);
        ArrayNode ids = node.putArray("online");
        online.forEach(ids::add);
        return node.toString();
    }
}
