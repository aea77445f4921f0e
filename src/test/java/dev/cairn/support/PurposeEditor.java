package dev.cairn.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.Wire;
import dev.cairn.purpose.PurposeModule;
import dev.cairn.purpose.text.Side;
import dev.cairn.purpose.text.TextOp;
import dev.cairn.purpose.text.TextType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The classic OT client, as the board runs it, on top of a {@link BoardClient}: local edits apply
 * at once; at most one operation is in flight, later ones are composed into a buffer; incoming
 * edits are transformed against both. The author recognises its own edit in the event stream by
 * its message id. All state is guarded by the BoardClient's lock.
 */
public final class PurposeEditor {
    private volatile BoardClient client;
    private final String memberId;
    private final String prefix;
    private String doc = "";
    private long seq;
    private TextOp inflight;
    private String inflightId;
    private long inflightBase;
    private TextOp buffer;
    private int counter;
    private final List<String> errors = new ArrayList<>();
    private long sentOps;

    public PurposeEditor(BoardClient client, String memberId, String prefix) {
        this.client = client;
        this.memberId = memberId;
        this.prefix = prefix;
        synchronized (client) {
            doc = PurposeModule.of(client.room()).text();
            seq = client.room().seq();
            client.onFrame(this::onFrame);
        }
    }

    /** Types {@code op} into the local copy and sends it when nothing is in flight. */
    public void edit(TextOp op) {
        synchronized (client) {
            doc = TextType.apply(doc, op);
            buffer = buffer == null ? op : TextType.compose(buffer, op);
            flush();
        }
    }

    public String text() {
        synchronized (client) {
            return doc;
        }
    }

    public boolean settled() {
        synchronized (client) {
            return inflight == null && buffer == null;
        }
    }

    /** What is in flight, for diagnosing a stuck editor. */
    public String describe() {
        synchronized (client) {
            String id = inflightId;
            return "inflight=" + id + " base=" + inflightBase + " seq=" + seq + " frames mentioning it="
                + client.frames().stream().filter(f -> f.toString().contains("\"" + id + "\"")).toList();
        }
    }

    public List<String> errors() {
        synchronized (client) {
            return List.copyOf(errors);
        }
    }

    public long sentOps() {
        synchronized (client) {
            return sentOps;
        }
    }

    /**
     * Continues on a new socket, as a board does after reconnecting: hello with the last applied
     * seq, take the replayed events, then re-send whatever is still in flight with its original id
     * and base (the server acknowledges it once if it had already been applied).
     */
    public void resume(int port, String token) {
        BoardClient fresh = BoardClient.open(port, null);
        long from;
        synchronized (client) {
            from = seq;
        }
        synchronized (fresh) {
            fresh.onFrame(this::onFrame);
        }
        client = fresh;
        fresh.hello(token, from);
        fresh.awaitFrame("welcome", f -> f.path("type").asText().equals("welcome"));
        synchronized (fresh) {
            if (inflight != null) {
                fresh.send(inflightId, "purpose.edit", Map.of("seq", inflightBase, "op", inflight.toWire()));
            }
        }
    }

    public BoardClient client() {
        return client;
    }

    private void flush() {
        if (inflight != null || buffer == null) return;
        inflight = buffer;
        buffer = null;
        inflightId = prefix + "-" + (++counter);
        inflightBase = seq;
        sentOps++;
        if (!client.aborted()) client.send(inflightId, "purpose.edit", Map.of("seq", seq, "op", inflight.toWire()));
    }

    private void onFrame(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "event" -> onEvent(frame);
            case "ack" -> {
                // An edit that concurrent edits made empty commits nothing: its ack is all there is.
                if (frame.path("id").asText().equals(inflightId)) {
                    inflight = null;
                    inflightId = null;
                    flush();
                }
            }
            case "error" -> errors.add(frame.toString());
            default -> {
            }
        }
    }

    private void onEvent(JsonNode frame) {
        long eventSeq = frame.get("seq").asLong();
        if (eventSeq <= seq) return;
        seq = eventSeq;
        JsonNode event = frame.get("event");
        if (!event.path("type").asText().equals("purpose.edited")) return;
        if (memberId.equals(frame.path("by").asText()) && event.path("cid").asText().equals(inflightId)) {
            inflight = null;
            inflightId = null;
            flush();
            return;
        }
        TextOp remote = TextOp.fromWire(Wire.MAPPER.convertValue(event.get("op"), List.class));
        if (inflight != null) {
            TextOp mine = TextType.transform(inflight, remote, Side.LEFT);
            remote = TextType.transform(remote, inflight, Side.RIGHT);
            inflight = mine;
        }
        if (buffer != null) {
            TextOp mine = TextType.transform(buffer, remote, Side.LEFT);
            remote = TextType.transform(remote, buffer, Side.RIGHT);
            buffer = mine;
        }
        doc = TextType.apply(doc, remote);
    }
}
