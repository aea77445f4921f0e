package dev.cairn.bench;

import org.HdrHistogram.Recorder;

/**
 * A cheap editor for large load tests: types letters at the start of the draft, which is valid
 * against any text, so it needs no copy of the document and no transforms of its own; the server
 * still transforms each of its edits against everything committed since its base. Like a person
 * drafting, it also takes words back: after a word's worth of letters it backspaces as many at
 * the start of the draft, so the draft stays short however long the run (the purpose holds at
 * most 20,000 characters; a typist that only inserted filled it in about 20 s at 200 editors).
 * The draft is then the sum of every typist's unfinished word, up to N × (word + the keystrokes
 * that pile up while an edit is in flight); typists start together, so their words grow in step.
 * With 40-letter words that reached the limit at 400 and 500 editors; {@link #wordFor} shortens
 * the word for large rooms. Its deletes never outrun what it inserted, so they are valid too. Reads frames as raw text and
 * only picks out what it needs (sequence numbers and edit ids) for latency.
 */
final class Typist {
    final Member member;
    private final Recorder remote;
    private final Recorder roundTrip;
    private long seq;
    private String inflightId;
    private long inflightSent;
    private final int word;
    /** Keystrokes typed since the last edit was sent; 0 when there is none waiting. */
    private int buffer;
    private long bufferDue;
    /** Letters this typist inserted and has not taken back yet (sent edits). */
    private int net;
    private boolean erasing;
    /** Characters the edit in flight deletes, as sent. */
    private int deleting;
    /** Letters the edit in flight inserts. */
    private int inserting;
    private int counter;
    long keystrokes;
    volatile boolean ready;

    /** Letters per word for a room of {@code editors}: 40 up to 200, fewer beyond, so all words together stay near 8,000. */
    static int wordFor(int editors) {
        return Math.max(5, Math.min(40, 8_000 / Math.max(1, editors)));
    }

    Typist(Member member, Recorder remote, Recorder roundTrip, int word) {
        this.word = word;
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
        if (inflightId != null && text.startsWith("{\"type\":\"ack\",\"id\":\"" + inflightId + "\"")) {
            // Acknowledged with no event of its own (events come before their ack): the server found
            // nothing left to do, as when others' deletes took every character this one meant to.
            net += deleting;
            deleting = 0;
            done(now);
        }
        if (text.startsWith("{\"type\":\"error\"")) {
            Editor.ERRORS.incrementAndGet();
            // A refused edit is not retried: the typist goes on, so the run still ends.
            if (inflightId != null && text.contains("\"id\":\"" + inflightId + "\"")) {
                net += deleting - inserting;
                deleting = 0;
                inserting = 0;
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
            inserting = 0;
            op = "[{\"d\":" + k + "}]";
            if (net == 0) erasing = false;
        } else {
            StringBuilder letters = new StringBuilder(buffer);
            for (int i = 0; i < buffer; i++) letters.append((char) ('a' + (keystrokes + i) % 26));
            net += buffer;
            deleting = 0;
            inserting = buffer;
            op = "[\"" + letters + "\"]";
            if (net >= word) erasing = true;
        }
        buffer = 0;
        inflightId = member.memberId + "-" + (++counter);
        inflightSent = System.nanoTime();
        Editor.DUE.put(inflightId, bufferDue);
        member.send("{\"type\":\"purpose.edit\",\"id\":\"" + inflightId + "\",\"seq\":" + seq + ",\"op\":" + op + "}");
    }

    /**
     * Its own edit as committed: a delete that met others' deletes of the same characters shrinks
     * (they are gone once), so what it did not delete is still its to take back; one that shrank to
     * nothing commits no event at all, only its ack (see {@link #onText}). Without both the draft
     * creeps up to its limit with hundreds of typists. The op's strings hold letters only.
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
        if (net > 0 && !erasing) erasing = net >= word;
        deleting = 0;
    }

    private void done(long now) {
        roundTrip.recordValue(Math.max(0, now - inflightSent) / 1000);
        inflightId = null;
        flush();
    }
}
