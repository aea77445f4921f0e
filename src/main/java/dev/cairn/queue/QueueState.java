package dev.cairn.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's speaking queue: the entries in the order they will speak, who has the floor now
 * ({@code current}, or null), the settings ({@code locked}, {@code progressive},
 * {@code turnLimitSeconds}: 0 for none), the round under way (or null), and each speaker's
 * finished turns ({@code speaking}, by {@link Entry#speaker()}) in meeting {@code meetingId}
 * (null: outside any meeting). Those figures belong to that meeting only: when a turn ends in
 * another meeting they start again from nothing.
 */
public record QueueState(List<Entry> entries, Turn current, boolean locked, boolean progressive, int turnLimitSeconds,
                         Round round, String meetingId, Map<String, Speaking> speaking) {

    public QueueState {
        entries = List.copyOf(entries);
        speaking = Map.copyOf(speaking);
    }

    private static final QueueState EMPTY = new QueueState(List.of(), null, false, false, 0, null, null, Map.of());

    /** The queue of a room that has had no queue event. */
    public static QueueState empty() {
        return EMPTY;
    }

    public Entry entry(String id) {
        int i = indexOf(id);
        return i < 0 ? null : entries.get(i);
    }

    public int indexOf(String id) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).entryId().equals(id)) return i;
        }
        return -1;
    }

    /** The member's raised hand (not a round entry), or null. */
    public Entry handOf(String memberId) {
        for (Entry e : entries) {
            if (memberId.equals(e.memberId()) && e.roundId() == null) return e;
        }
        return null;
    }

    /** The speaker's finished turns in meeting {@code meeting}: none if the figures belong to another one. */
    public Speaking speakingIn(String meeting, String speaker) {
        if (!java.util.Objects.equals(meeting, meetingId)) return Speaking.NONE;
        return speaking.getOrDefault(speaker, Speaking.NONE);
    }

    /** Every speaker's figures in meeting {@code meeting}: empty if they belong to another one. */
    public Map<String, Speaking> speakingIn(String meeting) {
        return java.util.Objects.equals(meeting, meetingId) ? speaking : Map.of();
    }

    QueueState withEntries(List<Entry> next) {
        return new QueueState(next, current, locked, progressive, turnLimitSeconds, round, meetingId, speaking);
    }

    QueueState withCurrent(Turn turn) {
        return new QueueState(entries, turn, locked, progressive, turnLimitSeconds, round, meetingId, speaking);
    }

    QueueState withLocked(boolean value) {
        return new QueueState(entries, current, value, progressive, turnLimitSeconds, round, meetingId, speaking);
    }

    QueueState withSettings(boolean progressiveStack, int limit) {
        return new QueueState(entries, current, locked, progressiveStack, limit, round, meetingId, speaking);
    }

    QueueState withRound(Round next) {
        return new QueueState(entries, current, locked, progressive, turnLimitSeconds, next, meetingId, speaking);
    }

    /** One more finished turn of {@code speaker} in meeting {@code meeting} (the figures start afresh in a new meeting). */
    QueueState withSpoken(String meeting, String speaker, long millis) {
        Map<String, Speaking> next = new LinkedHashMap<>(java.util.Objects.equals(meeting, meetingId) ? speaking : Map.of());
        next.put(speaker, next.getOrDefault(speaker, Speaking.NONE).plus(millis));
        return new QueueState(entries, current, locked, progressive, turnLimitSeconds, round, meeting, next);
    }

    List<Entry> entriesCopy() {
        return new ArrayList<>(entries);
    }
}
