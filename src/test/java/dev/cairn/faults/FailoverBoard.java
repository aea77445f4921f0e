package dev.cairn.faults;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A typing board for the Redis failover tests, like {@code bench/Survivor} (unique tokens, one edit
 * in flight, re-sent with the same id after a reconnect or an {@code unavailable}, moving to the
 * other node when its socket drops), and also ready for Redis going backwards: a failover to a
 * replica that had not received the last writes. Then the node sends a fresh snapshot whose seq is
 * below what the board had applied, and an edit based on a seq the room no longer has is refused
 * ({@code invalid}: "seq must be an event this room has had"). As the board does, this one follows
 * the snapshot's seq down, and sends a refused in-flight edit again, with the same id, on the seq it
 * now holds (the token is inserted at the start of the draft, so it means the same on any base).
 */
final class FailoverBoard {
    final String memberId;
    private final String token;
    private final Vertx vertx;
    private final WebSocketClient client;
    private final List<Integer> ports;
    private int portIndex;
    private volatile WebSocket socket;
    /** The seq of the last event applied, or of the last snapshot (which may be lower after a loss). */
    volatile long seq = -1;
    volatile boolean live;
    private String inflightId;
    private String inflightText;
    private int counter;
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final List<String> sent = new ArrayList<>();
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    /** How many times a refused in-flight edit was sent again on the board's current seq. */
    volatile int rebased;
    private volatile boolean stopped;

    FailoverBoard(Vertx vertx, WebSocketClient client, String memberId, String token, List<Integer> ports, int first) {
        this.vertx = vertx;
        this.client = client;
        this.memberId = memberId;
        this.token = token;
        this.ports = ports;
        this.portIndex = first;
    }

    synchronized int port() {
        return ports.get(portIndex);
    }

    void connect() {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port()).setURI("/ws");
        client.connect(options).onSuccess(ws -> {
            socket = ws;
            ws.textMessageHandler(this::onText);
            ws.closeHandler(v -> {
                Short code = ws.closeStatusCode();
                closeCodes.add(code == null ? 1006 : (int) code);
                dropped();
            });
            ws.exceptionHandler(e -> { });
            ws.writeTextMessage("{\"type\":\"hello\",\"token\":\"" + token + "\"" + (seq >= 0 ? ",\"lastSeq\":" + seq : "") + "}");
        }).onFailure(err -> dropped());
    }

    void stop() {
        stopped = true;
        WebSocket ws = socket;
        if (ws != null) ws.close();
    }

    private synchronized void dropped() {
        live = false;
        socket = null;
        if (stopped) return;
        portIndex = (portIndex + 1) % ports.size();
        vertx.setTimer(50 + (long) (Math.random() * 200), id -> connect());
    }

    private synchronized void onText(String text) {
        if (text.startsWith("{\"type\":\"snapshot\"")) {
            seq = number(text, text.indexOf("\"seq\":"));
        } else if (!text.startsWith("{\"type\":\"ack\"")) {
            int at = 0;
            while ((at = text.indexOf("\"seq\":", at)) >= 0) {
                seq = Math.max(seq, number(text, at));
                at += 6;
            }
        }
        if (text.startsWith("{\"type\":\"welcome\"")) {
            live = true;
            if (inflightId != null) send();
        }
        if (inflightId != null && text.startsWith("{\"type\":\"error\",\"id\":\"" + inflightId + "\"")) {
            String id = inflightId;
            if (!text.contains("\"unavailable\"")) rebased++;
            vertx.setTimer(200, t -> resendIfStill(id));
            return;
        }
        if (inflightId != null && (text.contains("\"cid\":\"" + inflightId + "\"")
            || text.startsWith("{\"type\":\"ack\",\"id\":\"" + inflightId + "\""))) {
            acked.add(inflightText);
            inflightId = null;
        }
    }

    private static long number(String text, int at) {
        int start = at + 6;
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) end++;
        return end > start ? Long.parseLong(text, start, end, 10) : -1;
    }

    private synchronized void resendIfStill(String id) {
        if (id.equals(inflightId) && live) send();
    }

    /** Inserts a unique token at the start of the draft, if nothing is in flight. */
    synchronized void write() {
        if (!live || inflightId != null) return;
        inflightId = memberId + "-" + (++counter);
        inflightText = "[" + inflightId + "]";
        sent.add(inflightText);
        send();
    }

    /** The in-flight edit, on the seq the board holds now. */
    private void send() {
        WebSocket ws = socket;
        if (ws != null && !ws.isClosed()) {
            ws.writeTextMessage("{\"type\":\"purpose.edit\",\"id\":\"" + inflightId + "\",\"seq\":" + seq + ",\"op\":[\"" + inflightText + "\"]}");
        }
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    synchronized boolean settled() {
        return inflightId == null;
    }
}
