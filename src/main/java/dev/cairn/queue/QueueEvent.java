package dev.cairn.queue;

import dev.cairn.room.RoomEvent;

import java.util.List;

/** Changes to a room's speaking queue. Every position ({@code index}) is decided by the rules, so applying is plain. */
public sealed interface QueueEvent extends RoomEvent {

    /** A hand went up (or a facilitator added someone by name) at position {@code index}. */
    record HandRaised(Entry entry, int index) implements QueueEvent {
    }

    /** The owner lowered their hand. */
    record HandLowered(String entryId) implements QueueEvent {
    }

    /** The entry has a new kind and moved to {@code index}. */
    record KindChanged(String entryId, String kind, int index) implements QueueEvent {
    }

    /** A facilitator moved the entry to {@code index}. */
    record EntryMoved(String entryId, int index) implements QueueEvent {
    }

    /** A facilitator took the entry off the queue. */
    record EntryRemoved(String entryId) implements QueueEvent {
    }

    /** A member passed on their turn in the round. */
    record Passed(String entryId, String roundId) implements QueueEvent {
    }

    /** Every entry left the queue (and a round ended). */
    record Cleared() implements QueueEvent {
    }

    record LockChanged(boolean locked) implements QueueEvent {
    }

    /** The settings now: progressive stack, and the per-turn limit in seconds (0: none). */
    record Configured(boolean progressive, int turnLimitSeconds) implements QueueEvent {
    }

    /** {@code turn} has the floor; its entry left the queue. Its {@code startedAt} is this event's {@code at}. */
    record TurnStarted(Turn turn) implements QueueEvent {
    }

    /**
     * Turn {@code turnId} ended after {@code millis}. {@code spokenMillis} and {@code turns} are the
     * speaker's totals in the meeting after it; {@code balance} is the meeting's balance figure
     * after it (null while it is undefined). Kept in the archive as the meeting's record.
     */
    record TurnEnded(String turnId, String speaker, String memberId, String name, String kind, String meetingId,
                     long startedAt, long millis, long spokenMillis, int turns, Double balance) implements QueueEvent {
    }

    /**
     * The waiting entries in a new order, by the rule: after a turn ends with the progressive stack
     * on (the speaker's time grew), or when the stack is turned on or off. Entries a facilitator
     * moved keep their places.
     */
    record Reordered(List<String> order) implements QueueEvent {
    }

    /** A round began: {@code entries} (one per member, in {@code round.order}) were queued from {@code index}. */
    record RoundStarted(Round round, List<Entry> entries, int index) implements QueueEvent {
    }
}
