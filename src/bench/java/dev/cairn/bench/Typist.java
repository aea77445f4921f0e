package dev.cairn.bench;

import org.HdrHistogram.Recorder;

/**
 * A cheap editor for large load tests: types letters at the start of the draft, which is valid
 * against any text, so it needs no copy of the document and no transforms of its own; the server
 * still transforms each of its edits against everything committed since its base. Like a person
 * drafting, it also takes words back: after {@link #WORD} letters it backspaces as many at the
 * start of the draft, so the draft stays short however long the run (the purpose holds at most
 * 20,000 characters; a typist that only inserted filled it in about 20 s at 200 editors). Its
 * deletes never outrun what it inserted, so they are valid too. Reads frames as raw text and
 * only picks out what it needs (sequence numbers and edit ids) for latency.
 */
final class Typist {
    final Member member;
    private final Recorder remote;
    private final Recorder roundTrip;
    private long seq;
    private String inflightId;
    private long inflightSent;
    private static final int WORD = 40;
    /** Keystrokes typed since the last edit was sent; 0 when there is none waiting. */
    private int buffer;
    private long bufferDue;
    /** Letters this typist inserted and has not taken back yet (sent edits). */
    private int net;
    private boolean erasing;
    /** Characters the edit in flight deletes, as sent. */
    private int deleting;
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
                settleDelete(text, end);
                done(now);
            } else {
                Long due = Editor.DUE.get(cid);
                if (due != null) remote.recordValue(Math.max(0, now - due) / 1000);
            }
        }
        if (inflightId != null && text.startsWith("{\"type\":\"ack\",\"id\":\"" + inflightId + "\"")) done(now);
        if (text.startsWith("{\"type\":\"error\"")) {
            Editor.ERRORS.incrementAndGet();
            // A refused edit is not retried: the typist goes on, so the run still ends.
            if (inflightId != null && text.contains("\"id\":\"" + inflightId + "\"")) {
                net += deleting;
                deleting = 0;
                done(now);
            }
        }
    }

    synchronized void type(long dueNanos) {
        if (!ready) return;
        if (buffer == 0) bufferDue = dueNanos;
        buffer++;
        keystrokes++;
        flush();
    }

    synchronized boolean settled() {
        return inflightId == null && buffer == 0;
    }

    /** Sends what was typed as one edit: letters while writing a word, backspaces while taking it back. */
    private void flush() {
        if (inflightId != null || buffer == 0) return;
        String op;
        if (erasing) {
            int k = Math.min(buffer, net);
            net -= k;
            deleting = k;
            op = "[{\"d\":" + k + "}]";
            if (net == 0) erasing = false;
        } else {
            StringBuilder letters = new StringBuilder(buffer);
            for (int i = 0; i < buffer; i++) letters.append((char) ('a' + (keystrokes + i) % 26));
            net += buffer;
            deleting = 0;
            op = "[\"" + letters + "\"]";
            if (net >= WORD) erasing = true;
        }
        buffer = 0;
        inflightId = member.memberId + "-" + (++counter);
        inflightSent = System.nanoTime();
        Editor.DUE.put(inflightId, bufferDue);
        member.send("{\"type\":\"purpose.edit\",\"id\":\"" + inflightId + "\",\"seq\":" + seq + ",\"op\":" + op + "}");
    }

    /**
     * Its own edit as committed: a delete that met others' deletes of the same characters shrinks
     * (they are gone once), so what it did not delete is still its to take back. Without this the
     * draft creeps up to its limit with hundreds of typists. The op's strings hold letters only.
     */
    private void settleDelete(String text, int from) {
        if (deleting == 0) return;
        int op = text.indexOf("\"op\":[", from);
        if (op < 0) return;
        int close = text.indexOf(']', op);
        int deleted = 0;
        for (int at = text.indexOf("{\"d\":", op); at >= 0 && at < close; at = text.indexOf("{\"d\":", at + 5)) {
            int end = at + 5;
            while (Character.isDigit(text.charAt(end))) end++;
            deleted += Integer.parseInt(text, at + 5, end, 10);
        }
        net += deleting - deleted;
        if (net > 0 && !erasing) erasing = net >= WORD;
        deleting = 0;
    }

    private void done(long now) {
        roundTrip.recordValue(Math.max(0, now - inflightSent) / 1000);
        inflightId = null;
        flush();
    }
}
