package dev.cairn.store;

import io.vertx.core.Future;

import java.util.List;
import java.util.Map;

/** Where rooms live: the event archive, the snapshot, projections and applied-command counters. */
public interface RoomStore {

    /**
     * Appends the commit's frames to the archive only if the room is still at its expected seq,
     * no writer holds the turn, and none of its commands was applied before; writes everything
     * else the commit names and publishes the frames on the room channel as one JSON array. Atomic.
     */
    Future<CommitResult> commit(Commit commit);

    /** The room's seq, snapshot and recent frames (enough for a replay window of {@code window}), atomically. */
    Future<LoadedRoom> load(String roomId, int window);

    /** Archived frames with seq greater than {@code afterSeq}, oldest first, at most {@code limit}. */
    Future<List<String>> eventsAfter(String roomId, long afterSeq, int limit);

    /** The archived frames of the given seqs, in that order (missing ones left out). */
    Future<List<String>> archived(String roomId, List<Long> seqs);

    /** Up to {@code count} entries of a projection list from index {@code from} (0 = first). */
    Future<List<String>> list(String roomId, String name, long from, long count);

    /** The room's seq and the archived frame at {@code seq}. */
    Future<Probe> probe(String roomId, long seq);

    /** Gives up the commit turn if {@code writer} holds it (its batch came to nothing). */
    Future<Void> releaseTurn(String roomId, String writer);

    /**
     * Records a room's earliest deadline in the set of due rooms ({@link Commit#NOT_DUE} removes it),
     * only if the room is still at {@code atSeq}, the state it was computed from.
     */
    Future<Void> setDue(String roomId, long atSeq, String due);

    /** Rooms whose earliest deadline is at or before {@code now}. */
    Future<List<String>> dueRooms(long now, int limit);

    /** Notes that a board opened the room at {@code now} (rooms nobody opens are let go, see {@link #forget}). */
    Future<Void> opened(String roomId, long now);

    /** Up to {@code limit} rooms nobody has opened since {@code before}, longest idle first. */
    Future<List<String>> idleSince(long before, int limit);

    /**
     * Deletes every key of a room (its {@code memberIds}' applied hashes and its projection
     * {@code lists} among them), only if still nobody opened it since {@code before}. Atomic;
     * true if it was deleted.
     */
    Future<Boolean> forget(String roomId, List<String> memberIds, List<String> lists, long before);

    /**
     * Adds what each member sent to the room through this node since it last said ({@code sent}:
     * member → messages) to the room's count of every node, and answers each member's count so far
     * from all nodes together, in the order given. The count ends {@code ttlMillis} after the last
     * addition of any node.
     */
    Future<List<Long>> spend(String roomId, Map<String, Long> sent, long ttlMillis);

    /**
     * Takes one from the deployment-wide budget of {@code action} for one client address: at most
     * {@code perMinute} a minute, saved up to one minute's worth, counted by every node together.
     * True if it was within the budget.
     */
    Future<Boolean> takeAddressBudget(String action, String address, int perMinute, long now);
}
