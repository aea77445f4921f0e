package dev.cairn.commitment;

import java.util.ArrayList;
import java.util.List;

/**
 * What a member will do: {@code what}, its owner, for whom and with whom (members or named people
 * outside the room), when it is due ({@code yyyy-mm-dd}; null only for a claimed need whose owner
 * has not set one yet), an optional check-in date and purpose target, its status and the reason or
 * blocker that goes with it ({@code note}, null for the other statuses), the need it was claimed
 * from (or null), a hand-over waiting for its receiver (or null), and its history (every change,
 * with who and when; the newest {@value CommitmentRules#MAX_HISTORY} are kept in the state, the
 * archive keeps them all).
 */
public record Commitment(String commitmentId, String what, String ownerId, List<Party> forWhom, List<Party> withWhom,
                         String due, String checkIn, String targetId, String status, String note, String needId,
                         String createdBy, long createdAt, Handover handover, List<Change> history) {
    public static final String OPEN = "open";
    public static final String IN_PROGRESS = "in_progress";
    public static final String DONE = "done";
    public static final String RELEASED = "released";
    public static final String BLOCKED = "blocked";
    public static final List<String> STATUSES = List.of(OPEN, IN_PROGRESS, DONE, RELEASED, BLOCKED);

    public Commitment {
        forWhom = List.copyOf(forWhom);
        withWhom = List.copyOf(withWhom);
        history = List.copyOf(history);
    }

    /** Still to be done: not done and not released (what a review goes through). */
    public boolean stillOpen() {
        return !DONE.equals(status) && !RELEASED.equals(status);
    }

    Commitment edited(String newWhat, List<Party> newFor, List<Party> newWith, String newDue, String newCheckIn,
                      String newTarget) {
        return new Commitment(commitmentId, newWhat, ownerId, newFor, newWith, newDue, newCheckIn, newTarget, status, note,
            needId, createdBy, createdAt, handover, history);
    }

    Commitment withStatus(String newStatus, String newNote) {
        return new Commitment(commitmentId, what, ownerId, forWhom, withWhom, due, checkIn, targetId, newStatus, newNote,
            needId, createdBy, createdAt, handover, history);
    }

    Commitment withHandover(Handover next) {
        return new Commitment(commitmentId, what, ownerId, forWhom, withWhom, due, checkIn, targetId, status, note, needId,
            createdBy, createdAt, next, history);
    }

    Commitment ownedBy(String newOwner) {
        return new Commitment(commitmentId, what, newOwner, forWhom, withWhom, due, checkIn, targetId, status, note, needId,
            createdBy, createdAt, null, history);
    }

    Commitment logged(Change change) {
        List<Change> next = new ArrayList<>(history);
        next.add(change);
        if (next.size() > CommitmentRules.MAX_HISTORY) next = next.subList(next.size() - CommitmentRules.MAX_HISTORY, next.size());
        return new Commitment(commitmentId, what, ownerId, forWhom, withWhom, due, checkIn, targetId, status, note, needId,
            createdBy, createdAt, handover, next);
    }
}
