package dev.cairn.purpose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The purpose of a room: the working draft ({@code text} at revision {@code rev}), whether the
 * facilitator locked editing, the ratings, the measurable targets, and the adopted revision.
 * {@code churn} counts every character inserted or deleted so far.
 */
public record PurposeState(String text, int rev, long churn, boolean locked, Map<String, Rating> ratings,
                           List<Target> targets, Adoption adopted) {

    public PurposeState {
        ratings = Map.copyOf(ratings);
        targets = List.copyOf(targets);
    }

    private static final PurposeState EMPTY = new PurposeState("", 0, 0, false, Map.of(), List.of(), null);

    /** The purpose of a room that has had no purpose event (one shared instance: records are immutable). */
    public static PurposeState empty() {
        return EMPTY;
    }

    PurposeState withDraft(String newText, long addedChurn) {
        return new PurposeState(newText, rev + 1, churn + addedChurn, locked, ratings, targets, adopted);
    }

    PurposeState withLocked(boolean value) {
        return new PurposeState(text, rev, churn, value, ratings, targets, adopted);
    }

    PurposeState withRating(Rating rating) {
        Map<String, Rating> next = new LinkedHashMap<>(ratings);
        next.put(rating.memberId(), rating);
        return new PurposeState(text, rev, churn, locked, next, targets, adopted);
    }

    PurposeState withTargets(List<Target> next) {
        return new PurposeState(text, rev, churn, locked, ratings, next, adopted);
    }

    PurposeState withAdopted(Adoption adoption) {
        return new PurposeState(text, rev, churn, locked, ratings, targets, adoption);
    }

    int targetIndex(String id) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).id().equals(id)) return i;
        }
        return -1;
    }
}
