package dev.cairn.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.protocol.Wire;
import dev.cairn.room.RoomState;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client that behaves like a board: says hello, keeps a mirror of the room by
 * applying the snapshot and events with the domain's own RoomState, and checks the order.
 */
public final class BoardClient implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> frames = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private RoomState room;
    private List<String> online = List.of();
    private int nextId;
    private String orderProblem;

    private BoardClient() {
    }

    /** Opens a socket with no hello sent yet. */
    public static BoardClient open(int port, String origin) {
        BoardClient client = new BoardClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) builder.header("Origin", origin);
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client.listener())
            .orTimeout(15, TimeUnit.SECONDS).join();
        return client;
    }

    /** Opens a socket, says hello, and waits until the room is in view. */
    public static BoardClient connect(int port, String token) {
        return connect(port, token, null);
    }

    public static BoardClient connect(int port, String token, Long lastSeq) {
        BoardClient client = open(port, null);
        client.hello(token, lastSeq);
        client.await("welcome and room", c -> c.room != null && c.has(f -> f.path("type").asText().equals("welcome")));
        return client;
    }

    public void hello(String token, Long lastSeq) {
        ObjectNode hello = Wire.MAPPER.createObjectNode().put("type", "hello").put("token", token);
        if (lastSeq != null) hello.put("lastSeq", lastSeq);
        sendRaw(hello.toString());
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    receive(text);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        };
    }

    private synchronized void receive(String text) {
        JsonNode node = Wire.tree(text);
        if (node.isArray()) node.forEach(this::receiveOne);
        else receiveOne(node);
        notifyAll();
    }

    /** Called under this client's lock for every frame, in order, before the mirror is updated. */
    public synchronized void onFrame(java.util.function.Consumer<JsonNode> hook) {
        this.hook = hook;
    }

    private java.util.function.Consumer<JsonNode> hook;

    private void receiveOne(JsonNode frame) {
        frames.add(frame);
        if (hook != null) hook.accept(frame);
        switch (frame.path("type").asText()) {
            case "snapshot" -> room = Wire.decodeState(frame.get("room").toString());
            case "event" -> {
                long seq = frame.get("seq").asLong();
                if (room == null || seq != room.seq() + 1) {
                    orderProblem = "event " + seq + " after " + (room == null ? "no snapshot" : room.seq());
                } else {
                    room = room.apply(Wire.decodeEvent(frame));
                }
            }
            case "presence" -> {
                List<String> ids = new ArrayList<>();
                frame.get("online").forEach(id -> ids.add(id.asText()));
                online = ids;
            }
            default -> {
            }
        }
    }

    /** Seeds the mirror for a resume test: the state this client had before it dropped. */
    public synchronized void assume(RoomState state) {
        room = state;
    }

    public void sendRaw(String text) {
        if (aborted) throw new IllegalStateException("this client's socket was dropped");
        socket.sendText(text, true).orTimeout(15, TimeUnit.SECONDS).join();
    }

    private volatile boolean aborted;

    public boolean aborted() {
        return aborted;
    }

    /** Sends a command with a fresh id and waits for its ack or error. */
    public JsonNode command(String type, Map<String, ?> fields) {
        return command(nextId(), type, fields);
    }

    /** A fresh command id: this client's random tag and a counter, the way a board numbers its commands. */
    public synchronized String nextId() {
        return tag + "-" + (++nextId);
    }

    private final String tag = "t" + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36);

    public JsonNode command(String id, String type, Map<String, ?> fields) {
        send(id, type, fields);
        return awaitReply(id);
    }

    /** Sends a command without waiting for its answer. */
    public void send(String id, String type, Map<String, ?> fields) {
        ObjectNode message = Wire.MAPPER.valueToTree(fields);
        message.put("type", type).put("id", id);
        sendRaw(message.toString());
    }

    public JsonNode awaitReply(String id) {
        return awaitFrame("reply to " + id, f -> id.equals(f.path("id").asText(null))
            && (f.path("type").asText().equals("ack") || f.path("type").asText().equals("error")));
    }

    public synchronized JsonNode awaitFrame(String what, Predicate<JsonNode> match) {
        await(what, c -> c.has(match));
        return frames.stream().filter(match).findFirst().orElseThrow();
    }

    public synchronized boolean has(Predicate<JsonNode> match) {
        return frames.stream().anyMatch(match);
    }

    /** Waits (generously: correctness, not speed) until the condition holds. */
    public synchronized void await(String what, Predicate<BoardClient> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("timed out waiting for " + what + "; frames: " + tail());
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Polls a condition that spans several clients, until it holds or the wait runs out. */
    public static void eventually(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public void awaitSeq(long seq) {
        await("seq " + seq, c -> c.room != null && c.room.seq() >= seq);
    }

    public int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public synchronized RoomState room() {
        return room;
    }

    public synchronized List<String> online() {
        return online;
    }

    public synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    public synchronized String orderProblem() {
        return orderProblem;
    }

    private String tail() {
        List<JsonNode> copy = frames.subList(Math.max(0, frames.size() - 8), frames.size());
        return copy.toString();
    }

    /**
     * Types 4,000-character edits (inserted, then deleted, in turn), each acknowledged before the
     * next, while {@code still} holds (at most 4,000 of them): enough bytes to fill a board that
     * stops reading, its kernel buffers and then its node's queue for it. The seq of the last edit.
     */
    public long bigEditsWhile(java.util.function.BooleanSupplier still) {
        String chunk = "x".repeat(4000);
        long seq = room().seq();
        for (int i = 0; i < 4000 && still.getAsBoolean(); i++) {
            JsonNode ack = command("purpose.edit", Map.of("seq", seq, "op", i % 2 == 0 ? List.of(chunk) : List.of(Map.of("d", 4000))));
            if (!ack.path("type").asText().equals("ack")) throw new AssertionError("a big edit was refused: " + ack);
            seq = ack.path("seq").asLong();
        }
        return seq;
    }

    /** Drops the connection without a goodbye, the way a lost network does. */
    public void abort() {
        aborted = true;
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        socket.abort();
    }
}
