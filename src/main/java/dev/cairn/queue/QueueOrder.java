package dev.cairn.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Where an entry goes in the queue: by kind (process, clarify, reply, round, new); among new
 * points, with the progressive stack on, whoever has spoken less in the meeting first; otherwise,
 * and at a tie, in the order they arrived. A facilitator's move is kept: a new entry goes after
 * every entry it does not strictly go before.
 */
final class QueueOrder {

    private QueueOrder() {
    }

    /** Whether {@code a} takes the floor before {@code b} by the rule alone. */
    static boolean before(Entry a, Entry b, boolean progressive, ToLongFunction<String> spokenMillis) {
        int ra = Kind.rank(a.kind());
        int rb = Kind.rank(b.kind());
        if (ra != rb) return ra < rb;
        if (progressive && Kind.NEW.equals(a.kind())) {
            return spokenMillis.applyAsLong(a.speaker()) < spokenMillis.applyAsLong(b.speaker());
        }
        return false;
    }

    /**
     * The queue in the rule's order: entries a facilitator moved keep their indexes, the others
     * fill the remaining places sorted by kind, then (new points, progressive stack) time spoken,
     * and at a tie in their present order, the one {@link #place} gave them.
     */
    static List<Entry> byRule(List<Entry> queue, boolean progressive, ToLongFunction<String> spokenMillis) {
        List<Entry> free = new ArrayList<>();
        for (Entry e : queue) if (e.movedBy() == null) free.add(e);
        free.sort((a, b) -> {
            int byKind = Integer.compare(Kind.rank(a.kind()), Kind.rank(b.kind()));
            if (byKind != 0) return byKind;
            if (progressive && Kind.NEW.equals(a.kind())) {
                int bySpoken = Long.compare(spokenMillis.applyAsLong(a.speaker()), spokenMillis.applyAsLong(b.speaker()));
                if (bySpoken != 0) return bySpoken;
            }
            return 0; // a stable sort: at a tie, the present order (the order they were placed in)
        });
        List<Entry> out = new ArrayList<>(queue.size());
        int next = 0;
        for (Entry e : queue) out.add(e.movedBy() != null ? e : free.get(next++));
        return out;
    }

    /** The index {@code entry} goes to in {@code queue}: right after the last entry it does not go before. */
    static int place(List<Entry> queue, Entry entry, boolean progressive, ToLongFunction<String> spokenMillis) {
        for (int i = queue.size() - 1; i >= 0; i--) {
            if (!before(entry, queue.get(i), progressive, spokenMillis)) return i + 1;
        }
        return 0;
    }
}
