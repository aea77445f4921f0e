package dev.cairn.queue;

import dev.cairn.room.RoomCommand;

import java.util.List;

/**
 * What members ask of the speaking queue. Entries are named by {@code entryId} and turns by
 * {@code turnId}: {@code id} is every command's message id.
 */
public sealed interface QueueCommand extends RoomCommand {

    /** The kinds a hand can be raised with (and changed to), highest priority first. */
    List<String> KINDS = Kind.RAISABLE;

    /** The sender raises their hand with a kind ({@code process}, {@code clarify}, {@code reply}, {@code new}). */
    record Raise(String kind) implements QueueCommand {
    }

    /** The sender lowers their own hand. */
    record Lower(String entryId) implements QueueCommand {
    }

    /** The entry's owner or a facilitator changes its kind; it moves to the place the new kind gives it. */
    record ChangeKind(String entryId, String kind) implements QueueCommand {
    }

    /** Facilitator queues someone without a device, by name. */
    record Add(String name, String kind) implements QueueCommand {
    }

    /** Facilitator moves an entry to {@code index} (from 0). */
    record Move(String entryId, Integer index) implements QueueCommand {
    }

    /** Facilitator takes an entry off the queue. */
    record Remove(String entryId) implements QueueCommand {
    }

    /** Facilitator empties the queue (and ends a round); the current turn goes on. */
    record Clear() implements QueueCommand {
    }

    /** Facilitator locks the queue: only facilitators add entries while it is locked. */
    record Lock(Boolean locked) implements QueueCommand {
    }

    /** Facilitator changes the settings: progressive stack on or off, the per-turn limit (0: none). */
    record Configure(Boolean progressive, Integer turnLimitSeconds) implements QueueCommand {
    }

    /** Facilitator ends turn {@code turnId} (null when nobody speaks) and gives the floor to the first entry. */
    record Next(String turnId) implements QueueCommand {
    }

    /** Facilitator ends turn {@code turnId} (null when nobody speaks) and gives the floor to one chosen entry. */
    record Call(String entryId, String turnId) implements QueueCommand {
    }

    /** The speaker ("done") or a facilitator ends turn {@code turnId}. */
    record EndTurn(String turnId) implements QueueCommand {
    }

    /**
     * Facilitator starts a round: each of {@code memberIds} (default: the members present in the
     * meeting) is queued once, in that order or shuffled.
     */
    record StartRound(Boolean shuffle, List<String> memberIds) implements QueueCommand {
    }

    /** A member passes on their turn in the round. */
    record Pass(String entryId) implements QueueCommand {
    }
}
