package dev.cairn.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.auth.MemberToken;
import dev.cairn.protocol.Catalogue;
import dev.cairn.protocol.Wire;
import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomState;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

import java.util.List;
import java.util.Optional;

/**
 * The agent of one open board: authenticates the socket with its first message, checks and
 * dispatches every command, answers each with ack or error, and relays room events in order.
 * It never writes after the socket closed.
 */
final class Connection {
    private static final int MAX_CLIENT_ID = 64;

    private final ServerWebSocket socket;
    private final Node node;
    private final LiveRooms rooms;
    private final RoomAffinity affinity;
    /** The event loop that owns this socket's room; from hello on, all of this agent's work runs there. */
    private volatile Loop owner;
    private final String key;
    private final TokenBucket bucket;
    private static final long STRIKE_WINDOW_MS = 10_000;
    private int strikes;
    private long strikeWindowStart;
    private volatile boolean closed;
    private boolean detached;
    private volatile long lastHeard;
    private MemberToken member;
    private LiveRoom room;
    private long lastSent = -1;

    Connection(ServerWebSocket socket, Node node, LiveRooms rooms, RoomAffinity affinity, String key) {
        this.socket = socket;
        this.affinity = affinity;
        this.node = node;
        this.rooms = rooms;
        this.key = key;
        var limits = node.settings().limits();
        this.bucket = new TokenBucket(limits.commandsPerSecond(), limits.commandBurst(), node.now());
        this.lastHeard = node.now();
    }

    void start() {
        socket.textMessageHandler(text -> RoomAffinity.on(owner, () -> onText(text)));
        socket.binaryMessageHandler(b -> RoomAffinity.on(owner, () -> sendError(null, "invalid", "send JSON text frames, not binary")));
        socket.pongHandler(b -> lastHeard = node.now());
        socket.exceptionHandler(this::onSocketError);
        socket.closeHandler(v -> RoomAffinity.on(owner, this::onClosed));
        node.vertx().setTimer(node.settings().limits().helloTimeoutSeconds() * 1000L, id -> RoomAffinity.on(owner, () -> {
            if (member == null) close((short) 4002, "no hello in time");
        }));
    }

    String presenceEntry() {
        return LiveRoom.presenceEntry(member.memberId(), key);
    }

    /** Called by the node's heartbeat: ping the client, or close it if it has gone quiet. */
    void heartbeat(long now) {
        RoomAffinity.on(owner, () -> checkAlive(now));
    }

    private void checkAlive(long now) {
        if (now - lastHeard > node.settings().limits().idleTimeoutSeconds() * 1000L) {
            close((short) 4000, "idle timeout");
        } else if (!closed) {
            socket.writePing(Buffer.buffer("p"));
        }
    }

    // ---- inbound ---------------------------------------------------------------------------

    private void onText(String text) {
        long now = node.now();
        lastHeard = now;
        boolean allowed = bucket.take(now);
        if (now - strikeWindowStart > STRIKE_WINDOW_MS) {
            strikeWindowStart = now;
            strikes = 0;
        }
        if (!allowed && ++strikes >= node.settings().limits().abuseStrikes()) {
            close((short) 1008, "too many messages");
            return;
        }
        JsonNode message;
        try {
            message = Wire.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            if (allowed) sendError(null, "invalid", "malformed JSON: " + e.getOriginalMessage());
            return;
        }
        if (!(message instanceof ObjectNode object)) {
            sendError(null, "invalid", "a message must be a JSON object");
            return;
        }
        JsonNode idNode = object.remove("id");
        String clientId = idNode == null || idNode.isNull() ? null : idNode.asText();
        if (idNode != null && !(idNode.isTextual() || idNode.isIntegralNumber())
            || clientId != null && (clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID)) {
            sendError(null, "invalid", "id must be a string or number of 1 to " + MAX_CLIENT_ID + " characters");
            return;
        }
        if (!allowed) {
            sendError(clientId, "rate_limited", "slow down: at most "
                + node.settings().limits().commandsPerSecond() + " messages per second; this one was dropped");
            return;
        }
        JsonNode typeNode = object.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            sendError(clientId, "invalid", "type is required");
            return;
        }
        String type = typeNode.asText();
        if (member == null) {
            if (type.equals("hello")) hello(clientId, object);
            else sendError(clientId, "unauthenticated", "send hello with your member token first");
            return;
        }
        switch (type) {
            case "ping" -> send(Frames.pong(clientId));
            case "purpose.caret" -> caret(clientId, object);
            case "hello" -> sendError(clientId, "invalid", "this socket is already authenticated");
            default -> command(clientId, type, object);
        }
    }

    private void hello(String clientId, ObjectNode message) {
        Optional<MemberToken> token = node.signer().verify(message.path("token").asText(null), node.now());
        if (token.isEmpty()) {
            sendError(clientId, "unauthorized", "the member token is missing, invalid or expired");
            close((short) 4001, "unauthorized");
            return;
        }
        JsonNode last = message.get("lastSeq");
        if (last != null && !(last.isIntegralNumber() && last.asLong() >= 0)) {
            sendError(clientId, "invalid", "lastSeq must be a whole number ≥ 0");
            return;
        }
        member = token.get();
        owner = affinity.owner(member.roomId()).loop();
        long lastSeq = last == null ? -1 : last.asLong();
        affinity.room(member.roomId()).onComplete(done -> {
            if (closed) return;
            if (done.failed()) {
                sendError(clientId, "unavailable", "the room could not be loaded; try again");
                close((short) 1011, "room unavailable");
                return;
            }
            LiveRoom live = done.result();
            if (live.state().exists() && live.state().member(member.memberId()) != null) {
                welcome(clientId, live, lastSeq);
            } else {
                // Joined a moment ago through another node: this one may not have the event yet.
                live.catchUp().onComplete(caught -> {
                    if (!closed) welcome(clientId, live, lastSeq);
                });
            }
        });
    }

    private void welcome(String clientId, LiveRoom live, long lastSeq) {
        Member current = live.state().member(member.memberId());
        if (!live.state().exists() || current == null) {
            sendError(clientId, "not_found", "this room or membership no longer exists");
            close((short) 4004, "not found");
            return;
        }
        room = live;
        send(Frames.welcome(clientId, live.id, current, node.nodeId()));
        live.attach(this, lastSeq);
    }

    private void command(String clientId, String type, ObjectNode body) {
        Class<? extends RoomCommand> commandType = Catalogue.COMMANDS.get(type);
        if (commandType == null) {
            sendError(clientId, "unknown_type", "unknown message type '" + type + "'");
            return;
        }
        if (clientId == null) {
            sendError(null, "invalid", "commands need an id");
            return;
        }
        if (room == null) {
            sendError(clientId, "unavailable", "the room is still loading");
            return;
        }
        RoomCommand command;
        try {
            command = Wire.MAPPER.treeToValue(body, commandType);
        } catch (JsonProcessingException e) {
            sendError(clientId, "invalid", type + ": " + e.getOriginalMessage());
            return;
        } catch (IllegalArgumentException e) {
            sendError(clientId, "invalid", type + ": " + e.getMessage());
            return;
        }
        String actor = member.memberId();
        room.submit(Submission.of(actor, clientId,
                (state, history) -> node.rules().decide(state, new Context(actor, clientId, history), command)))
            .onComplete(done -> {
                if (done.succeeded()) {
                    send(Frames.ack(clientId, done.result()));
                } else if (done.cause() instanceof Rejection r) {
                    sendError(clientId, r.code(), r.getMessage());
                } else {
                    sendError(clientId, "internal", "the command failed on the server");
                }
            });
    }

    /**
     * Shares where this member's caret is in the purpose, relative to the room as of event
     * {@code seq}: not an event, just relayed to every board of the room on every node.
     */
    private void caret(String clientId, ObjectNode message) {
        if (room == null) return;
        JsonNode seq = message.get("seq");
        JsonNode anchor = message.get("anchor");
        JsonNode head = message.get("head");
        if (seq == null || anchor == null || head == null || !seq.canConvertToLong() || !anchor.canConvertToInt()
            || !head.canConvertToInt() || seq.asLong() < 0 || anchor.asInt() < 0 || head.asInt() < 0
            || message.size() != 4) {
            sendError(clientId, "invalid", "purpose.caret needs seq, anchor and head as whole numbers ≥ 0");
            return;
        }
        room.signal(Frames.caret(member.memberId(), key, seq.asLong(), anchor.asInt(), head.asInt()));
    }

    /**
     * Runs on the socket's own loop, at once: the codec is about to drop the connection, so the
     * 1009 must go out now; the room bookkeeping follows in the close handler on the owner loop.
     */
    private void onSocketError(Throwable error) {
        String text = String.valueOf(error.getMessage()).toLowerCase();
        if (!closed && (text.contains("too big") || text.contains("too long") || text.contains("max"))) {
            socket.writeTextMessage(Frames.error(null, "too_large", "messages may be at most "
                + node.settings().limits().maxMessageBytes() + " bytes"));
            closed = true;
            socket.close((short) 1009, "message too large");
        }
    }

    private void onClosed() {
        closed = true;
        if (detached) return;
        detached = true;
        rooms.forget(this);
        if (room != null) {
            room.detach(this);
            room.signal(Frames.caretGone(member.memberId(), key));
        }
    }

    /** Relays a signal (a caret) unless it is this socket's own. */
    void relay(String signal, String fromConnection) {
        if (!key.equals(fromConnection)) send(signal);
    }


    // ---- outbound --------------------------------------------------------------------------

    /** Events after this sequence number are what the client still needs. */
    void startFrom(long seq) {
        lastSent = seq;
    }

    void sendSnapshot(RoomState state) {
        send(Frames.snapshot(Wire.encode(state), state.seq()));
        lastSent = state.seq();
    }

    /** Relays committed events; the shared frame is written as is when it continues this client's sequence. */
    void deliver(List<LiveRoom.Entry> entries, String frame) {
        if (lastSent < 0) return;
        long first = entries.get(0).seq();
        long last = entries.get(entries.size() - 1).seq();
        if (last <= lastSent) return;
        if (first == lastSent + 1) {
            send(frame);
        } else {
            List<LiveRoom.Entry> rest = entries.stream().filter(e -> e.seq() > lastSent).toList();
            send(LiveRoom.frame(rest));
        }
        lastSent = last;
    }

    void sendPresence(List<String> online) {
        send(Frames.presence(online));
    }

    private void sendError(String clientId, String code, String message) {
        send(Frames.error(clientId, code, message));
    }

    private void send(String frame) {
        if (closed || socket.isClosed()) return;
        if (socket.writeQueueFull()) {
            close((short) 1013, "too slow: reconnect to resync");
            return;
        }
        socket.writeTextMessage(frame);
    }

    void close(short code, String reason) {
        RoomAffinity.on(owner, () -> closeNow(code, reason));
    }

    private void closeNow(short code, String reason) {
        if (closed) return;
        closed = true;
        socket.close(code, reason);
        onClosed();
    }
}
