package dev.cairn.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.Wire;
import dev.cairn.purpose.text.Side;
import dev.cairn.purpose.text.TextOp;
import dev.cairn.purpose.text.TextType;
import org.HdrHistogram.Recorder;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A person typing into a ShareDB ot-text document, with the client-side OT that ShareDB's own
 * client runs: at most one op in flight, later keystrokes composed into one pending op, incoming
 * ops transformed against both (ours on the left, theirs on the right, as ShareDB's transformX
 * does) and the caret carried through. The ot-text functions are Cairn's Java implementation,
 * which follows npm ot-text.
 *
 * <p>Versions: each op the server commits has a version W; this client applies them strictly in
 * order of W, its own acknowledged op included. ShareDB may send an op twice (once as a reply to a
 * submit, once from the subscription); a message for a version already applied is dropped, one
 * for a later version waits until its turn. (ShareDB's client would refetch the document for the
 * second case; waiting is equivalent and keeps the pending op.)
 */
final class ShareDbEditor {
    /** "src:seq" of an op → when its earliest keystroke was due (System.nanoTime). */
    static final Map<String, Long> DUE = new ConcurrentHashMap<>();
    static final AtomicLong ERRORS = new AtomicLong();

    final ShareDbSocket socket;
    private final String collection;
    private final String docId;
    private final Random random;
    private final Recorder remote;
    private final Recorder roundTrip;
    private final TreeMap<Long, JsonNode> waiting = new TreeMap<>();
    private String doc;
    private long version = -1;
    private int caret;
    private TextOp inflight;
    private long inflightSeq;
    private long inflightSent;
    private TextOp pending;
    private long pendingDue;
    private long nextSeq = 1;
    long keystrokes;
    volatile boolean ready;

    ShareDbEditor(ShareDbSocket socket, String collection, String docId, long seed, Recorder remote, Recorder roundTrip) {
        this.socket = socket;
        this.collection = collection;
        this.docId = docId;
        this.random = new Random(seed);
        this.remote = remote;
        this.roundTrip = roundTrip;
    }

    /** Asks for the document and its future ops. */
    void subscribe() {
        socket.send("{\"a\":\"s\",\"c\":" + ShareDbSocket.quote(collection) + ",\"d\":" + ShareDbSocket.quote(docId) + ",\"v\":null}");
    }

    synchronized void onText(String text) {
        JsonNode m = Wire.tree(text);
        if (m.has("error")) {
            ERRORS.incrementAndGet();
            if (ERRORS.get() <= 5) System.err.println("sharedb error: " + text);
            if (inflight != null && m.path("seq").asLong() == inflightSeq) {
                inflight = null;
                flush();
            }
            return;
        }
        switch (m.path("a").asText()) {
            case "s" -> {
                JsonNode data = m.path("data");
                doc = data.path("data").asText("");
                version = data.path("v").asLong();
                caret = random.nextInt(doc.length() + 1);
                waiting.headMap(version).clear();
                ready = true;
                drain();
            }
            case "op" -> {
                long v = m.path("v").asLong();
                if (version >= 0 && v < version) return;
                waiting.putIfAbsent(v, m);
                drain();
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
        if (pending == null) pendingDue = dueNanos;
        pending = pending == null ? op : TextType.compose(pending, op);
        flush();
    }

    synchronized boolean settled() {
        return inflight == null && pending == null;
    }

    synchronized long version() {
        return version;
    }

    synchronized String text() {
        return doc;
    }

    private void drain() {
        JsonNode m;
        while (version >= 0 && (m = waiting.remove(version)) != null) apply(m);
    }

    /** Applies the message for the current version: our ack or someone else's op. */
    private void apply(JsonNode m) {
        long now = System.nanoTime();
        String src = m.path("src").asText();
        long seq = m.path("seq").asLong();
        if (inflight != null && seq == inflightSeq && src.equals(socket.clientId)) {
            roundTrip.recordValue(Math.max(0, now - inflightSent) / 1000);
            inflight = null;
            version++;
            flush();
            return;
        }
        version++;
        if (!m.has("op")) return;
        Long due = DUE.get(src + ":" + seq);
        if (due != null) remote.recordValue(Math.max(0, now - due) / 1000);
        TextOp op = TextOp.fromWire(Wire.MAPPER.convertValue(m.get("op"), List.class));
        if (inflight != null) {
            TextOp mine = TextType.transform(inflight, op, Side.LEFT);
            op = TextType.transform(op, inflight, Side.RIGHT);
            inflight = mine;
        }
        if (pending != null) {
            TextOp mine = TextType.transform(pending, op, Side.LEFT);
            op = TextType.transform(op, pending, Side.RIGHT);
            pending = mine;
        }
        caret = TextType.transformCursor(caret, op, false);
        doc = TextType.apply(doc, op);
    }

    /** Sends the pending op when nothing is in flight, made against the version applied so far. */
    private void flush() {
        if (inflight != null || pending == null) return;
        inflight = pending;
        pending = null;
        inflightSeq = nextSeq++;
        inflightSent = System.nanoTime();
        DUE.put(socket.clientId + ":" + inflightSeq, pendingDue);
        socket.send("{\"a\":\"op\",\"c\":" + ShareDbSocket.quote(collection) + ",\"d\":" + ShareDbSocket.quote(docId)
            + ",\"v\":" + version + ",\"seq\":" + inflightSeq + ",\"x\":{},\"op\":" + Wire.write(inflight.toWire()) + "}");
    }
}
