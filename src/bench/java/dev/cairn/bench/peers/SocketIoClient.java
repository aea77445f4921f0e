package dev.cairn.bench.peers;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.function.Consumer;

/**
 * A minimal Socket.IO client over one raw WebSocket, enough for a load test: Engine.IO protocol 4
 * with the WebSocket transport only, Socket.IO protocol 5 on the main namespace.
 * <ul>
 *   <li>Engine.IO packets are one per WebSocket frame, led by a digit: {@code 0} open (with the
 *       session's JSON), {@code 1} close, {@code 2} ping (answered with {@code 3} pong),
 *       {@code 4} message.</li>
 *   <li>A message carries a Socket.IO packet, again led by a digit: {@code 0} connect,
 *       {@code 2} event, {@code 3} ack, {@code 4} connect error; an optional ack id follows the
 *       digit, then the JSON array {@code ["name", data...]}.</li>
 * </ul>
 * After open it connects to "/" ({@code 40}), joins its room with an acknowledged
 * {@code 420["join","ROOM"]}, and completes once the server acknowledged ({@code 430[...]}).
 * Every event frame then goes, unparsed, to the consumer.
 */
final class SocketIoClient {
    static final String PATH = "/socket.io/?EIO=4&transport=websocket";

    final String room;
    private WebSocket socket;
    volatile boolean joined;

    SocketIoClient(String room) {
        this.room = room;
    }

    Future<SocketIoClient> connect(WebSocketClient client, int port, Consumer<String> onEvent) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(PATH);
        Promise<SocketIoClient> ready = Promise.promise();
        return client.connect(options).compose(ws -> {
            socket = ws;
            ws.textMessageHandler(text -> {
                if (text.isEmpty()) return;
                switch (text.charAt(0)) {
                    case '0' -> ws.writeTextMessage("40");
                    case '2' -> ws.writeTextMessage("3" + text.substring(1));
                    case '1' -> ws.close();
                    case '4' -> {
                        char kind = text.length() > 1 ? text.charAt(1) : ' ';
                        if (kind == '2') {
                            onEvent.accept(text);
                        } else if (kind == '0') {
                            ws.writeTextMessage("420[\"join\"," + quote(room) + "]");
                        } else if (kind == '3' && text.startsWith("430")) {
                            joined = true;
                            ready.tryComplete(this);
                        } else if (kind == '4') {
                            ready.tryFail("connect error: " + text);
                        }
                    }
                    default -> {
                    }
                }
            });
            ws.closeHandler(v -> ready.tryFail("closed " + ws.closeStatusCode()));
            return ready.future();
        });
    }

    /** Emits {@code event} with {@code json} (an object, already encoded) as its data. */
    void emit(String json) {
        if (socket != null && !socket.isClosed()) socket.writeTextMessage("42[\"event\"," + json + "]");
    }

    void close() {
        if (socket != null && !socket.isClosed()) socket.close();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
