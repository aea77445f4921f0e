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
import dev.cairn.room.Signal;
import dev.cairn.room.Viewer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The agent of one open board: authenticates the socket with its first message, checks and
 * dispatches every command and signal, answers each command with ack or error, and relays room
 * events in order. Two event loops are involved: the socket's own (it accepted the socket; every
 * write and close happens there) and the room's owner loop (from hello on, every message is
 * handled there). It never writes after the socket closed, and it judges a slow reader by the
 * bytes it has queued and how long they have waited.
 */
final class Connection implements BoardSocket.Listener {
    private static final int MAX_CLIENT_ID = 64;
    private static final long STRIKE_WINDOW_MS = 10_000;

    private final BoardSocket socket;
    private final Node node;
    private final RoomAffinity affinity;
    /** The rooms of the loop that accepted the socket: it counts and heartbeats its sockets. */
    private final LiveRooms accepted;
    /** The event loop the socket belongs to: all writes and closes happen here. */
    final Loop socketLoop;
    final String key;
    private final TokenBucket bucket;
    /** The event loop that owns this socket's room; from hello on, all message handling runs there. */
    private volatile Loop owner;
    private volatile boolean closed;
    private volatile long lastHeard;

    // On the owner loop (on the socket loop before hello).
    private int strikes;
    private long strikeWindowStart;
    private MemberToken member;
    private LiveRoom room;
    private boolean detached;
    /** The newest seq this board has been sent; -1 until it is attached. Owner loop only. */
    long lastSent = -1;
    private final Set<String> relayedSignals = new LinkedHashSet<>();

    // On the socket loop.
    private long queuedBytes;
    private long lastDrained;

    Connection(BoardSocket socket, Node node, LiveRooms accepted, RoomAffinity affinity, String key) {
        this.socket = socket;
        this.node = node;
        this.accepted = accepted;
        this.affinity = affinity;
        this.socketLoop = node.loop();
        this.key = key;
        var limits = node.settings().limits();
        this.bucket = new TokenBucket(limits.commandsPerSecond(), limits.commandBurst(), node.now());
        this.lastHeard = node.now();
        this.lastDrained = node.now();
    }

    void start() {
        socket.listen(this);
        node.vertx().setTimer(node.settings().limits().helloTimeoutSeconds() * 1000L, id -> RoomAffinity.on(owner, () -> {
            if (member == null) close((short) 4002, "no hello in time");
        }));
    }

    String presenceEntry() {
        return dev.cairn.presence.PresenceTracker.entry(member.memberId(), key);
    }

    /** Who this board shows the room to, with the member's current role. */
    /** The member this socket speaks for (null before hello). */
    String memberId() {
        return member == null ? null : member.memberId();
    }

    /** A facilitator removed this socket's member: say so, and close it for good (the board does not reconnect). */
    void removed(String clientId) {
        sendError(clientId, "not_found", "you were removed from this room");
        close((short) 4004, "removed");
    }

    Viewer viewer(RoomState state) {
        Member current = state == null ? null : state.member(member.memberId());
        return current != null ? Viewer.of(current) : new Viewer(member.memberId(), member.role());
    }

    /**
     * Called by the heartbeat of the socket's loop: closes a board gone quiet (4000) or one whose
     * queued frames have not drained for {@code limits.slowReaderSeconds} (1013); pings the rest.
     */
    void heartbeat(long now) {
        if (closed) return;
        var limits = node.settings().limits();
        if (now - lastHeard > limits.idleTimeoutSeconds() * 1000L) {
            closeNow((short) 4000, "idle timeout");
        } else if (queuedBytes > 0 && now - lastDrained > limits.slowReaderSeconds() * 1000L) {
            closeNow((short) 1013, "too slow: reconnect to resync");
        } else {
            socket.ping();
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
            if (allowed) {
                var at = e.getLocation();
                sendError(null, "invalid", "malformed JSON" + (at == null ? "" : " at character " + (at.getCharOffset() + 1)));
            }
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
        if (type.equals("ping")) {
            send(Frames.pong(clientId, node.now()));
            return;
        }
        if (room != null && !room.memberMayAct(member.memberId(), now)) {
            sendError(clientId, "rate_limited", "slow down: at most " + node.settings().limits().commandsPerSecond()
                + " messages per second from all your boards together; this one was dropped");
            return;
        }
        if (type.equals("hello")) {
            sendError(clientId, "invalid", "this socket is already authenticated");
        } else if (Catalogue.SIGNALS.containsKey(type)) {
            signal(clientId, type, object);
        } else {
            command(clientId, type, object);
        }
    }

    /** Runs on the socket's loop: checks the token, then hands everything else to the room's owner loop. */
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
        long lastSeq = last == null ? -1 : last.asLong();
        LiveRooms rooms = affinity.owner(member.roomId());
        owner = rooms.loop();
        owner.run(() -> rooms.get(member.roomId()).onComplete(done -> {
            if (closed) return;
            if (done.failed()) {
                sendError(clientId, "unavailable", "the room could not be loaded; try again");
                close((short) 1011, "room unavailable");
                return;
            }
            LiveRoom live = done.result();
            live.arriving();
            if (live.replica().state().member(member.memberId()) != null) {
                welcome(clientId, live, lastSeq);
            } else {
                // Joined a moment ago through another node: this one may not have the event yet.
                live.catchUp().onComplete(caught -> welcome(clientId, live, lastSeq));
            }
        }));
    }

    private void welcome(String clientId, LiveRoom live, long lastSeq) {
        live.arrived();
        if (closed) return;
        Member current = live.replica().state().member(member.memberId());
        if (!live.replica().state().exists() || current == null) {
            sendError(clientId, "not_found", "this room or membership no longer exists");
            close((short) 4004, "not found");
            return;
        }
        if (!current.role().isMember()) {
            removed(clientId);
            return;
        }
        int most = node.settings().limits().socketsPerMember();
        if (live.boardsOf(current.id()) >= most) {
            sendError(clientId, "too_many_boards", "you have " + most + " boards open in this room already; close one first");
            close((short) 4029, "too many boards");
            return;
        }
        room = live;
        // Best effort: should this note fail, the next board that opens the room writes it again.
        node.store().opened(live.id, node.now());
        send(Frames.welcome(clientId, live.id, current, node.nodeId(), key, node.now()));
        if (!node.health().up()) send(Frames.storage(false));
        live.attach(this, lastSeq);
    }

    private void command(String clientId, String type, ObjectNode body) {
        if (!Catalogue.COMMANDS.containsKey(type)) {
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
            command = Wire.command(type, body);
        } catch (Rejection r) {
            sendError(clientId, r.code(), r.getMessage());
            return;
        }
        String actor = member.memberId();
        room.submit(Submission.of(actor, clientId,
                (state, history) -> node.rules().decide(state, new Context(actor, clientId, history, node.now()), command)))
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

    /** An ephemeral signal (a caret): checked by its module, then relayed to every board of the room. */
    private void signal(String clientId, String type, ObjectNode body) {
        if (room == null) return;
        body.remove("type");
        Signal.Relay relay;
        try {
            Signal signal = Wire.signal(type, body);
            relay = node.rules().relay(room.replica().state(), member.memberId(), signal);
        } catch (Rejection r) {
            sendError(clientId, r.code(), r.getMessage());
            return;
        }
        if (relay == null) return;
        relayedSignals.add(relay.type());
        room.signal(Frames.signal(relay, member.memberId(), key));
    }

    /**
     * Socket loop: a whole message. Text must be strict UTF-8: a text message that is not closes
     * the socket with 1007 (a lenient decoder would quietly replace the bad bytes). Binary is refused.
     */
    @Override
    public void onMessage(boolean text, ByteBuf content) {
        if (closed) return;
        if (!text) {
            RoomAffinity.on(owner, () -> sendError(null, "invalid", "send JSON text frames, not binary"));
            return;
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(content.nioBuffer()).toString();
        } catch (CharacterCodingException e) {
            closeNow((short) 1007, "text frames must be UTF-8");
            return;
        }
        RoomAffinity.on(owner, () -> onText(decoded));
    }

    @Override
    public void onPong() {
        lastHeard = node.now();
    }

    /**
     * Socket loop, at once: a message over {@code maxMessageBytes}. The board hears why, then the
     * socket closes with 1009; the room bookkeeping follows when it has closed.
     */
    @Override
    public void onTooLarge() {
        if (closed) return;
        socket.writeText(Frames.error(null, "too_large", "messages may be at most "
            + node.settings().limits().maxMessageBytes() + " bytes"));
        closeNow((short) 1009, "message too large");
    }

    /** Socket loop: the TCP connection is gone. */
    @Override
    public void onClosed() {
        closed = true;
        RoomAffinity.on(owner, this::leave);
    }

    /** Owner loop: leaves the room and tells the other boards this one's signals are gone. */
    private void leave() {
        closed = true;
        if (detached) return;
        detached = true;
        accepted.forget(this);
        if (room != null) {
            room.detach(this);
            for (String type : relayedSignals) room.signal(Frames.signalGone(type, member.memberId(), key));
        }
    }

    // ---- outbound --------------------------------------------------------------------------

    void sendError(String clientId, String code, String message) {
        node.metrics().refused();
        send(Frames.error(clientId, code, message));
    }

    /** Sends a frame from any thread: the write itself happens on the socket's loop, in order. */
    void send(String frame) {
        if (closed) return;
        socketLoop.run(() -> write(frame));
    }

    /**
     * Socket loop only: writes one frame (one WebSocket frame, however large: a big snapshot is
     * not split) and counts its bytes until they drain. A board whose backlog is already over
     * {@code limits.maxQueuedBytes} is closed instead, so its memory stays bounded by that plus one frame.
     */
    void write(String frame) {
        if (closed || socket.isClosed()) return;
        write(BoardSocket.textFrame(socket.channel().alloc(), frame));
    }

    /**
     * Socket loop only: writes a WebSocket frame encoded once for many boards; {@code frame} is
     * this board's own reference to the shared bytes, and is released whether or not it is written.
     */
    void write(ByteBuf frame) {
        int size = frame.readableBytes();
        if (writable(size)) track(socket.writeFramed(frame), size);
        else frame.release();
    }

    private boolean writable(long size) {
        if (closed || socket.isClosed()) return false;
        if (queuedBytes > node.settings().limits().maxQueuedBytes()) {
            closeNow((short) 1013, "too slow: reconnect to resync");
            return false;
        }
        if (queuedBytes == 0) lastDrained = node.now();
        return true;
    }

    private void track(ChannelFuture written, long size) {
        if (written.isDone()) {
            lastDrained = node.now();
            return;
        }
        queuedBytes += size;
        written.addListener(done -> {
            queuedBytes -= size;
            lastDrained = node.now();
        });
    }

    /** Closes from any thread; completes when the socket has closed (or could not be closed more). */
    Future<Void> close(short code, String reason) {
        Promise<Void> closedNow = Promise.promise();
        socketLoop.run(() -> closeNow(code, reason).onComplete(done -> closedNow.tryComplete()));
        return closedNow.future();
    }

    private Future<Void> closeNow(short code, String reason) {
        if (closed) return Future.succeededFuture();
        closed = true;
        Promise<Void> done = Promise.promise();
        socket.close(code, reason).addListener(f -> done.tryComplete());
        RoomAffinity.on(owner, this::leave);
        return done.future();
    }
}
