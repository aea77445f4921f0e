package dev.cairn.bench.peers;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.function.Consumer;

/**
 * One connection speaking ShareDB's JSON protocol (protocol 1.2), as its browser client does:
 * every WebSocket text frame is one JSON message whose {@code "a"} names the action.
 * <ul>
 *   <li>the server opens with {@code {"a":"init",...}}; the client answers with the handshake
 *       {@code {"a":"hs","id":null,"protocol":1,"protocolMinor":2}} and the server's
 *       {@code {"a":"hs",...,"id":CLIENT_ID}} gives the id that becomes the {@code src} of this
 *       client's ops;</li>
 *   <li>{@code {"a":"s","c":C,"d":D,"v":null}} subscribes and is answered with the snapshot
 *       {@code {"data":{"v":V,"data":...,"type":...},"a":"s",...}}; {@code "a":"f"} fetches once;</li>
 *   <li>{@code {"a":"op","c":C,"d":D,"v":V,"seq":N,"x":{},"op":[...]}} submits an op made against
 *       version V; the ack is {@code {"src":ID,"seq":N,"v":W,"a":"op",...}} with W the version it
 *       was committed at, preceded by the ops the client missed; others' ops arrive as
 *       {@code {"a":"op",...,"v":W,"src":...,"seq":...,"op":[...]}}, possibly twice.</li>
 * </ul>
 * This class does the handshake; what to make of the other messages is up to the consumer.
 */
final class ShareDbSocket {
    static final String TEXT_TYPE = "http://sharejs.org/types/textv1";

    private WebSocket socket;
    volatile String clientId;

    /** Connects and shakes hands; every later frame goes to {@code onText} on the event loop. */
    Future<ShareDbSocket> connect(WebSocketClient client, int port, Consumer<String> onText) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/");
        Promise<ShareDbSocket> ready = Promise.promise();
        return client.connect(options).compose(ws -> {
            socket = ws;
            ws.textMessageHandler(text -> {
                if (clientId == null) {
                    if (text.startsWith("{\"a\":\"hs\"")) {
                        int at = text.indexOf("\"id\":\"") + 6;
                        clientId = text.substring(at, text.indexOf('"', at));
                        ready.tryComplete(this);
                    } else if (text.contains("\"error\"")) {
                        ready.tryFail("handshake refused: " + text);
                    }
                    return;
                }
                onText.accept(text);
            });
            ws.closeHandler(v -> ready.tryFail("closed " + ws.closeStatusCode()));
            ws.writeTextMessage("{\"a\":\"hs\",\"id\":null,\"protocol\":1,\"protocolMinor\":2}");
            return ready.future();
        });
    }

    void send(String text) {
        if (socket != null && !socket.isClosed()) socket.writeTextMessage(text);
    }

    void close() {
        if (socket != null && !socket.isClosed()) socket.close();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
