package dev.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.Wire;
import dev.cairn.purpose.text.Side;
import dev.cairn.purpose.text.TextOp;
import dev.cairn.purpose.text.TextType;
import org.HdrHistogram.Recorder;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated person typing into the purpose: types at a caret it keeps in place through others'
 * edits, runs the board's OT client (one edit in flight, the rest composed into a buffer), and
 * records latency from the moment a keystroke was due (open loop) to when each other editor applied it.
 */
final class Editor {
    /** cid of an op in flight → when its earliest keystroke was due (nanoTime). */
    static final Map<String, Long> DUE = new ConcurrentHashMap<>();
    static final AtomicLong ERRORS = new AtomicLong();

    final Member member;
    private final Random random;
    private final Recorder remote;
    private final Recorder roundTrip;
    private String doc = "";
    private int caret;
    private TextOp inflight;
    private String inflightId;
    private long inflightSent;
    private TextOp buffer;
    private long bufferDue;
    private int counter;
    private long seq;
    long keystrokes;
    volatile boolean ready;

    Editor(Member member, long seed, Recorder remote, Recorder roundTrip) {
        this.member = member;
        this.random = new Random(seed);
        this.remote = remote;
        this.roundTrip = roundTrip;
    }

    synchronized void onFrame(JsonNode frame) {
        String type = frame.path("type").asText();
        if (type.equals("snapshot") || type.equals("event")) seq = Math.max(seq, frame.path("seq").asLong());
        switch (type) {
            case "snapshot" -> {
                doc = frame.path("room").path("purpose").path("text").asText();
                caret = random.nextInt(doc.length() + 1);
                ready = true;
            }
            case "event" -> onEvent(frame);
            case "ack" -> {
                if (frame.path("id").asText().equals(inflightId)) done(System.nanoTime());
            }
            case "error" -> {
                ERRORS.incrementAndGet();
                // Refused: this copy has diverged (the convergence check will say so); go on typing.
                if (frame.path("id").asText().equals(inflightId)) done(System.nanoTime());
            }
            default -> {
            }
        }
    }

    /** One keystroke, due at {@code dueNanos}: mostly a letter at the caret, sometimes a backspace. */
    synchronized void type(long dueNanos) {
        if (!ready) return;
        TextOp op;
        if (caret > 0 && random.nextInt(6) == 0 && !Character.isSurrogate(doc.charAt(caret - 1))) {
            op = caret == 1 ? TextOp.of(TextOp.del(1)) : TextOp.of(caret - 1, TextOp.del(1));
            caret--;
        } else {
            String letter = String.valueOf((char) ('a' + random.nextInt(26)));
            op = caret == 0 ? TextOp.of(letter) : TextOp.of(caret, letter);
            caret++;
        }
        doc = TextType.apply(doc, op);
        keystrokes++;
        if (buffer == null) bufferDue = dueNanos;
        buffer = buffer == null ? op : TextType.compose(buffer, op);
        flush();
    }

    synchronized boolean settled() {
        return inflight == null && buffer == null;
    }

    synchronized long seq() {
        return seq;
    }

    synchronized String text() {
        return doc;
    }

    private void flush() {
        if (inflight != null || buffer == null) return;
        inflight = buffer;
        buffer = null;
        inflightId = member.memberId + "-" + (++counter);
        inflightSent = System.nanoTime();
        DUE.put(inflightId, bufferDue);
        member.send("{\"type\":\"purpose.edit\",\"id\":\"" + inflightId + "\",\"seq\":" + seq
            + ",\"op\":" + Wire.write(inflight.toWire()) + "}");
    }

    private void done(long now) {
        roundTrip.recordValue(Math.max(0, now - inflightSent) / 1000);
        inflight = null;
        inflightId = null;
        flush();
    }

    private void onEvent(JsonNode frame) {
        JsonNode event = frame.get("event");
        if (!event.path("type").asText().equals("purpose.edited")) return;
        long now = System.nanoTime();
        String cid = event.path("cid").asText();
        if (cid.equals(inflightId)) {
            done(now);
            return;
        }
        Long due = DUE.get(cid);
        if (due != null) remote.recordValue(Math.max(0, now - due) / 1000);
        TextOp op = TextOp.fromWire(Wire.MAPPER.convertValue(event.get("op"), List.class));
        if (inflight != null) {
            TextOp mine = TextType.transform(inflight, op, Side.LEFT);
            op = TextType.transform(op, inflight, Side.RIGHT);
            inflight = mine;
        }
        if (buffer != null) {
            TextOp mine = TextType.transform(buffer, op, Side.LEFT);
            op = TextType.transform(op, buffer, Side.RIGHT);
            buffer = mine;
        }
        caret = TextType.transformCursor(caret, op, false);
        doc = TextType.apply(doc, op);
    }
}
