package dev.cairn.bench.peers;

import org.HdrHistogram.Recorder;

import java.util.BitSet;

/**
 * A cheap ShareDB editor for large runs: it types letters at the very start of the document, an
 * op ({@code ["abc"]}) that is valid against any text, so it needs no copy of the document and no
 * transforms of its own; the server still transforms each of its ops against every op committed
 * since the version it names. It keeps ShareDB's discipline (one op in flight, later letters
 * buffered and sent with the ack) and reads frames as raw text, picking out only the version,
 * src and seq it needs to keep its version current and to record latency.
 */
final class ShareDbTypist {
    final ShareDbSocket socket;
    private final String collection;
    private final String docId;
    private final Recorder remote;
    private final Recorder roundTrip;
    /** Versions already seen, so that an op that arrives twice is measured once. */
    private final BitSet seen = new BitSet();
    private long version = -1;
    private long inflightSeq = -1;
    private long inflightSent;
    private StringBuilder buffer;
    private long bufferDue;
    private long nextSeq = 1;
    long keystrokes;
    volatile boolean ready;

    ShareDbTypist(ShareDbSocket socket, String collection, String docId, Recorder remote, Recorder roundTrip) {
        this.socket = socket;
        this.collection = collection;
        this.docId = docId;
        this.remote = remote;
        this.roundTrip = roundTrip;
    }

    void subscribe() {
        socket.send("{\"a\":\"s\",\"c\":" + ShareDbSocket.quote(collection) + ",\"d\":" + ShareDbSocket.quote(docId) + ",\"v\":null}");
    }

    synchronized void onText(String text) {
        long now = System.nanoTime();
        if (text.startsWith("{\"a\":\"op\"")) {
            if (text.contains("\"error\":")) {
                onError(text);
                return;
            }
            long v = number(text, "\"v\":");
            if (v < 0 || seen.get((int) v)) return;
            seen.set((int) v);
            version = Math.max(version, v + 1);
            Long due = ShareDbEditor.DUE.get(string(text, "\"src\":\"") + ":" + number(text, "\"seq\":"));
            if (due != null) remote.recordValue(Math.max(0, now - due) / 1000);
        } else if (text.startsWith("{\"src\":\"")) {
            long v = number(text, "\"v\":");
            if (v >= 0) {
                seen.set((int) v);
                version = Math.max(version, v + 1);
            }
            if (inflightSeq >= 0 && number(text, "\"seq\":") == inflightSeq && socket.clientId.equals(string(text, "\"src\":\""))) {
                roundTrip.recordValue(Math.max(0, now - inflightSent) / 1000);
                inflightSeq = -1;
                flush();
            }
        } else if (text.startsWith("{\"data\":")) {
            version = Math.max(version, number(text, "\"v\":"));
            ready = true;
        } else if (text.contains("\"error\":")) {
            onError(text);
        }
    }

    synchronized void type(long dueNanos) {
        if (!ready) return;
        if (buffer == null) {
            buffer = new StringBuilder();
            bufferDue = dueNanos;
        }
        buffer.append((char) ('a' + (keystrokes++ % 26)));
        flush();
    }

    synchronized boolean settled() {
        return inflightSeq < 0 && buffer == null;
    }

    private void onError(String text) {
        ShareDbEditor.ERRORS.incrementAndGet();
        if (ShareDbEditor.ERRORS.get() <= 5) System.err.println("sharedb error: " + text);
        if (inflightSeq >= 0 && number(text, "\"seq\":") == inflightSeq) {
            inflightSeq = -1;
            flush();
        }
    }

    private void flush() {
        if (inflightSeq >= 0 || buffer == null) return;
        inflightSeq = nextSeq++;
        inflightSent = System.nanoTime();
        ShareDbEditor.DUE.put(socket.clientId + ":" + inflightSeq, bufferDue);
        // Typed letters go to the front one after another, so the text holds them newest first.
        String letters = buffer.reverse().toString();
        buffer = null;
        socket.send("{\"a\":\"op\",\"c\":" + ShareDbSocket.quote(collection) + ",\"d\":" + ShareDbSocket.quote(docId)
            + ",\"v\":" + version + ",\"seq\":" + inflightSeq + ",\"x\":{},\"op\":[\"" + letters + "\"]}");
    }

    /** The non-negative integer after {@code key}, or -1. */
    private static long number(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) return -1;
        at += key.length();
        int end = at;
        while (end < text.length() && Character.isDigit(text.charAt(end))) end++;
        return end > at ? Long.parseLong(text, at, end, 10) : -1;
    }

    /** The string value after {@code key} (which ends with the opening quote), or "". */
    private static String string(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) return "";
        at += key.length();
        int end = text.indexOf('"', at);
        return end < 0 ? "" : text.substring(at, end);
    }
}
