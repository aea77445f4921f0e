package dev.cairn.queue;

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

    /** The index {@code entry} goes to in {@code queue}: right after the last entry it does not go before. */
    static int place(List<Entry> queue, Entry entry, boolean progressive, ToLongFunction<String> spokenMillis) {
        for (int i = queue.size() - 1; i >= 0; i--) {
            if (!before(entry, queue.get(i), progressive, spokenMillis)) return i + 1;
        }
        return 0;
    }
}
