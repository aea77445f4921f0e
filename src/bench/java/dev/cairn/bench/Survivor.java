package dev.cairn.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A board that survives its node: tracks the last event it applied, and when its socket drops it
 * reconnects (after a short jittered pause, like the board) to the next node in its list, resumes
 * from that event, and re-sends its in-flight edit with the same id. Writers insert unique tokens
 * into the purpose and remember which ones were acknowledged. An edit answered {@code unavailable}
 * (Redis is down) is re-sent with the same id a moment later, as the board does.
 */
public final class Survivor {
    final String token;

    public String token() {
        return token;
    }
    public final String memberId;
    private final Vertx vertx;
    private final WebSocketClient client;
    private final List<Integer> ports;
    private int portIndex;
    private volatile WebSocket socket;
    public volatile long seq = -1;
    public volatile boolean live;
    volatile long backAt;
    private String inflightId;
    private String inflightText;
    private long inflightBase;
    private int counter;
    public final Set<String> acked = ConcurrentHashMap.newKeySet();
    final List<String> sent = new ArrayList<>();
    /** The close code of every socket this board lost (1006 when the connection just died). */
    public final List<Integer> closeCodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Whether the node ever told this board that storage is down. */
    public volatile boolean toldStorageDown;
    private volatile boolean stopped;

    public Survivor(Vertx vertx, WebSocketClient client, String memberId, String token, List<Integer> ports, int first) {
        this.vertx = vertx;
        this.client = client;
        this.memberId = memberId;
        this.token = token;
        this.ports = ports;
        this.portIndex = first;
    }

    public int port() {
        return ports.get(portIndex);
    }

    public void connect() {
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

    /** Set when the scenario ends, so that nobody reconnects into a closing client. */
    static volatile boolean stopping;

    /** This board stops reconnecting (the scenario or test is over). */
    public void stop() {
        stopped = true;
    }

    private synchronized void dropped() {
        live = false;
        if (stopping || stopped) return;
        socket = null;
        portIndex = (portIndex + 1) % ports.size();
        vertx.setTimer(50 + (long) (Math.random() * 200), id -> connect());
    }

    private synchronized void onText(String text) {
        int at = 0;
        while ((at = text.indexOf("\"seq\":", at)) >= 0) {
            at += 6;
            int end = at;
            while (end < text.length() && Character.isDigit(text.charAt(end))) end++;
            if (end > at && !text.startsWith("{\"type\":\"ack\"")) seq = Math.max(seq, Long.parseLong(text, at, end, 10));
        }
        if (text.startsWith("{\"type\":\"welcome\"")) {
            live = true;
            if (inflightId != null) send(inflightId, inflightBase, inflightText);
        }
        if (text.contains("\"type\":\"storage\"") && text.contains("\"down\"")) toldStorageDown = true;
        if (inflightId != null && text.startsWith("{\"type\":\"error\",\"id\":\"" + inflightId + "\"")
            && text.contains("\"unavailable\"")) {
            String id = inflightId;
            vertx.setTimer(200, t -> resendIfStill(id));
            return;
        }
        if (inflightId != null && (text.contains("\"cid\":\"" + inflightId + "\"")
            || text.startsWith("{\"type\":\"ack\",\"id\":\"" + inflightId + "\""))) {
            if (text.startsWith("{\"type\":\"ack\"")) acked.add(inflightText);
            if (text.contains("\"cid\":\"" + inflightId + "\"")) acked.add(inflightText);
            inflightId = null;
        }
    }

    private synchronized void resendIfStill(String id) {
        if (id.equals(inflightId) && live) send(inflightId, inflightBase, inflightText);
    }

    /** Inserts a unique token at the start of the draft, if nothing is in flight. */
    public synchronized void write() {
        if (!live || inflightId != null) return;
        inflightId = memberId + "-" + (++counter);
        inflightText = "[" + inflightId + "]";
        inflightBase = seq;
        sent.add(inflightText);
        send(inflightId, inflightBase, inflightText);
    }

    private void send(String id, long base, String text) {
        WebSocket ws = socket;
        if (ws != null && !ws.isClosed()) {
            ws.writeTextMessage("{\"type\":\"purpose.edit\",\"id\":\"" + id + "\",\"seq\":" + base + ",\"op\":[\"" + text + "\"]}");
        }
    }

    /** Every token this board sent, acknowledged or not. */
    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    public synchronized boolean settled() {
        return inflightId == null;
    }
}
