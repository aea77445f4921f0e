package dev.cairn.queue;

import java.util.Collection;
import java.util.Map;

/**
 * The meeting's speaking-time balance: 1 − Gini over a set of members' speaking times.
 *
 * <p>For times x₁…xₙ (each member's millis, zeros included), Gini = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 · n · Σ x).
 * The balance is 1 − Gini: 1 when everyone spoke equally long, 1/n when one member did all the
 * talking. It is undefined (null) for fewer than two members or while nobody has spoken.
 */
public final class Balance {

    private Balance() {
    }

    /** 1 − Gini of {@code times}, or null while undefined. */
    public static Double of(long[] times) {
        int n = times.length;
        if (n < 2) return null;
        double total = 0;
        for (long t : times) total += t;
        if (total <= 0) return null;
        double differences = 0;
        for (long a : times) {
            for (long b : times) differences += Math.abs(a - b);
        }
        return 1 - differences / (2.0 * n * total);
    }

    /** The balance over {@code members}, each with their speaking time in {@code speaking} (none: 0). */
    public static Double over(Collection<String> members, Map<String, Speaking> speaking) {
        long[] times = new long[members.size()];
        int i = 0;
        for (String m : members) times[i++] = speaking.getOrDefault(m, Speaking.NONE).millis();
        return of(times);
    }
}
