package dev.cairn.purpose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The purpose of a room: the working draft ({@code text} at revision {@code rev}), whether the
 * facilitator locked editing (or is locking it: {@code lockAt}, the instant the lock takes effect, by
 * {@code lockBy}; edits are accepted until then), the ratings (and whether new ones are hidden until revealed), the measurable targets, and the adopted revision.
 * {@code churn} counts every character inserted or deleted so far.
 */
public record PurposeState(String text, int rev, long churn, boolean locked, Map<String, Rating> ratings,
                           List<Target> targets, Adoption adopted, Boolean ratingsHidden, Long lockAt, String lockBy) {

    public PurposeState {
        ratingsHidden = Boolean.TRUE.equals(ratingsHidden); // absent from snapshots written before the setting
        ratings = Map.copyOf(ratings);
        targets = List.copyOf(targets);
    }

    private static final PurposeState EMPTY = new PurposeState("", 0, 0, false, Map.of(), List.of(), null, false, null, null);

    /** The purpose of a room that has had no purpose event (one shared instance: records are immutable). */
    public static PurposeState empty() {
        return EMPTY;
    }

    PurposeState withDraft(String newText, long addedChurn) {
        return new PurposeState(newText, rev + 1, churn + addedChurn, locked, ratings, targets, adopted, ratingsHidden, lockAt, lockBy);
    }

    /** Locked or unlocked for good: any pending lock is over. */
    PurposeState withLocked(boolean value) {
        return new PurposeState(text, rev, churn, value, ratings, targets, adopted, ratingsHidden, null, null);
    }

    /** A facilitator is locking the draft: the lock takes effect at {@code at}. */
    PurposeState withLockPending(long at, String by) {
        return new PurposeState(text, rev, churn, locked, ratings, targets, adopted, ratingsHidden, at, by);
    }

    /** Whether a participant's edit decided at {@code now} is refused: locked, or the pending lock's time has come. */
    public boolean lockedAt(long now) {
        return locked || (lockAt != null && now >= lockAt);
    }

    PurposeState withRating(Rating rating) {
        Map<String, Rating> next = new LinkedHashMap<>(ratings);
        next.put(rating.memberId(), rating);
        return new PurposeState(text, rev, churn, locked, next, targets, adopted, ratingsHidden, lockAt, lockBy);
    }

    PurposeState withRatingsHidden(boolean hidden, List<Rating> revealed) {
        Map<String, Rating> next = new LinkedHashMap<>(ratings);
        for (Rating r : revealed) next.put(r.memberId(), r.revealed());
        return new PurposeState(text, rev, churn, locked, next, targets, adopted, hidden, lockAt, lockBy);
    }

    /** The purpose as another member sees it: hidden ratings but the viewer's own are sealed. */
    PurposeState viewFor(String memberId) {
        boolean any = false;
        for (Rating r : ratings.values()) any |= r.hidden() && !r.memberId().equals(memberId);
        if (!any) return this;
        Map<String, Rating> next = new LinkedHashMap<>();
        for (Rating r : ratings.values()) next.put(r.memberId(), r.hidden() && !r.memberId().equals(memberId) ? r.sealed() : r);
        return new PurposeState(text, rev, churn, locked, next, targets, adopted, ratingsHidden, lockAt, lockBy);
    }

    PurposeState withTargets(List<Target> next) {
        return new PurposeState(text, rev, churn, locked, ratings, next, adopted, ratingsHidden, lockAt, lockBy);
    }

    PurposeState withAdopted(Adoption adoption) {
        return new PurposeState(text, rev, churn, locked, ratings, targets, adoption, ratingsHidden, lockAt, lockBy);
    }

    int targetIndex(String id) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).id().equals(id)) return i;
        }
        return -1;
    }
}
