package dev.cairn.transport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.protocol.Wire;
import dev.cairn.room.Member;

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

    static String pong(String clientId) {
        return frame("pong", clientId).toString();
    }

    static String welcome(String clientId, String roomId, Member member, String nodeId) {
        ObjectNode node = frame("welcome", clientId).put("roomId", roomId).put("node", nodeId);
        node.set("member", Wire.MAPPER.valueToTree(member));
        return node.toString();
    }

    static String snapshot(String stateJson, long seq) {
        return "{\"type\":\"snapshot\",\"seq\":" + seq + ",\"room\":" + stateJson + "}";
    }

    static String caret(String memberId, String connection, long seq, int anchor, int head) {
        return frame("caret", null).put("memberId", memberId).put("conn", connection).put("seq", seq)
            .put("anchor", anchor).put("head", head).toString();
    }

    static String caretGone(String memberId, String connection) {
        return frame("caret", null).put("memberId", memberId).put("conn", connection).put("gone", true).toString();
    }

    static String presence(List<String> online) {
        ObjectNode node = frame("presence", null);
        ArrayNode ids = node.putArray("online");
        online.forEach(ids::add);
        return node.toString();
    }
}
