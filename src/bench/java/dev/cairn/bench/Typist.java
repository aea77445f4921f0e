package dev.cairn.bench;

import org.HdrHistogram.Recorder;

/**
 * A cheap editor for large load tests: types letters at the start of the draft, which is valid
 * against any text, so it needs no copy of the document and no transforms of its own; the server
 * still transforms each of its edits against everything committed since its base. Reads frames
 * as raw text and only picks out what it needs (sequence numbers and edit ids) for latency.
 */
final class Typist {
    final Member member;
    private final Recorder remote;
    private final Recorder roundTrip;
    private long seq;
    private String inflightId;
    private long inflightSent;
    private StringBuilder buffer;
    private long bufferDue;
    private int counter;
    long keystrokes;
    volatile boolean ready;

    Typist(Member member, Recorder remote, Recorder roundTrip) {
        this.member = member;
        this.remote = remote;
        this.roundTrip = roundTrip;
    }

    synchronized void onText(String text) {
        long now = System.nanoTime();
        int at = 0;
        while ((at = text.indexOf("\"seq\":", at)) >= 0) {
            at += 6;
            int end = at;
            while (end < text.length() && Character.isDigit(text.charAt(end))) end++;
            if (end > at) seq = Math.max(seq, Long.parseLong(text, at, end, 10));
        }
        if (text.startsWith("{\"type\":\"snapshot\"")) ready = true;
        at = 0;
        while ((at = text.indexOf("\"cid\":\"", at)) >= 0) {
            at += 7;
            int end = text.indexOf('"', at);
            String cid = text.substring(at, end);
            if (cid.equals(inflightId)) {
                done(now);
            } else {
                Long due = Editor.DUE.get(cid);
                if (due != null) remote.recordValue(Math.max(0, now - due) / 1000);
            }
        }
        if (inflightId != null && text.startsWith("{\"type\":\"ack\",\"id\":\"" + inflightId + "\"")) done(now);
        if (text.startsWith("{\"type\":\"error\"")) Editor.ERRORS.incrementAndGet();
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
        return inflightId == null && buffer == null;
    }

    private void flush() {
        if (inflightId != null || buffer == null) return;
        inflightId = member.memberId + "-" + (++counter);
        inflightSent = System.nanoTime();
        Editor.DUE.put(inflightId, bufferDue);
        String letters = buffer.reverse().toString();
        buffer = null;
        member.send("{\"type\":\"purpose.edit\",\"id\":\"" + inflightId + "\",\"seq\":" + seq + ",\"op\":[\"" + letters + "\"]}");
    }

    private void done(long now) {
        roundTrip.recordValue(Math.max(0, now - inflightSent) / 1000);
        inflightId = null;
        flush();
    }
}
