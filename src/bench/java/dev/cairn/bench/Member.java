package dev.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.protocol.Wire;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.function.Consumer;

/** One simulated board: a real WebSocket, hello with its token, every frame handed to a consumer. */
final class Member {
    final String memberId;
    final String token;
    long seq;
    WebSocket socket;
    volatile boolean welcomed;
    long frames;

    Member(String memberId, String token) {
        this.memberId = memberId;
        this.token = token;
    }

    /**
     * Connects without parsing frames as JSON trees: {@code onText} sees each raw frame. For the
     * many cheap members of a load test, where parsing every delivered frame would cost the
     * harness more than the server.
     */
    Future<Member> connectRaw(WebSocketClient client, String host, int port, Consumer<String> onText) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws");
        io.vertx.core.Promise<Member> welcome = io.vertx.core.Promise.promise();
        return client.connect(options).compose(ws -> {
            socket = ws;
            ws.textMessageHandler(text -> {
                frames++;
                if (!welcomed && text.startsWith("{\"type\":\"welcome\"")) {
                    welcomed = true;
                    welcome.tryComplete(this);
                }
                onText.accept(text);
            });
            ws.closeHandler(v -> welcome.tryFail("closed " + ws.closeStatusCode()));
            ws.writeTextMessage("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
            return welcome.future();
        });
    }

    /** Connects, says hello, and completes when the welcome arrived; frames go to {@code onFrame} on the event loop. */
    Future<Member> connect(WebSocketClient client, String host, int port, Long lastSeq, Consumer<JsonNode> onFrame) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws");
        io.vertx.core.Promise<Member> welcome = io.vertx.core.Promise.promise();
        return client.connect(options).compose(ws -> {
            socket = ws;
            ws.textMessageHandler(text -> {
                JsonNode node = Wire.tree(text);
                if (node.isArray()) {
                    for (JsonNode one : node) handle(one, onFrame, welcome);
                } else {
                    handle(node, onFrame, welcome);
                }
            });
            ws.closeHandler(v -> welcome.tryFail("closed " + ws.closeStatusCode()));
            ObjectNode hello = Wire.MAPPER.createObjectNode().put("type", "hello").put("token", token);
            if (lastSeq != null) hello.put("lastSeq", lastSeq);
            ws.writeTextMessage(hello.toString());
            return welcome.future();
        });
    }

    private void handle(JsonNode frame, Consumer<JsonNode> onFrame, io.vertx.core.Promise<Member> welcome) {
        frames++;
        String type = frame.path("type").asText();
        if (type.equals("snapshot") || type.equals("event")) seq = Math.max(seq, frame.path("seq").asLong());
        onFrame.accept(frame);
        if (type.equals("welcome")) {
            welcomed = true;
            welcome.tryComplete(this);
        }
    }

    void send(String text) {
        if (socket != null && !socket.isClosed()) socket.writeTextMessage(text);
    }
}
