package dev.cairn.transport;

import java.util.ArrayList;
import java.util.List;

/** The newest events of a room, up to a fixed number, found by seq in constant time. */
final class EventRing {
    private final Entry[] slots;
    private long first = 1;
    private long last;

    EventRing(int capacity) {
        this.slots = new Entry[capacity];
    }

    void clear() {
        java.util.Arrays.fill(slots, null);
        first = 1;
        last = 0;
    }

    /** Adds the event after the newest; an event that does not follow on starts the ring afresh. */
    void add(Entry entry) {
        if (entry.seq() != last + 1) {
            clear();
            first = entry.seq();
        }
        slots[slot(entry.seq())] = entry;
        last = entry.seq();
        if (last - first + 1 > slots.length) first = last - slots.length + 1;
    }

    /** Puts another form of an event the ring holds in its place; does nothing if it holds none. */
    void replace(Entry entry) {
        if (get(entry.seq()) != null) slots[slot(entry.seq())] = entry;
    }

    boolean isEmpty() {
        return last < first;
    }

    /** The oldest seq held, or {@code last + 1} when empty. */
    long first() {
        return isEmpty() ? last + 1 : first;
    }

    long last() {
        return last;
    }

    /** The event with this seq, or null when the ring does not hold it. */
    Entry get(long seq) {
        return seq < first || seq > last ? null : slots[slot(seq)];
    }

    /** Events after {@code seq}, oldest first (the caller checks the ring reaches back that far). */
    List<Entry> after(long seq) {
        List<Entry> out = new ArrayList<>((int) Math.max(0, last - seq));
        for (long s = Math.max(seq + 1, first); s <= last; s++) out.add(slots[slot(s)]);
        return out;
    }

    private int slot(long seq) {
        return (int) Math.floorMod(seq, (long) slots.length);
    }
}
