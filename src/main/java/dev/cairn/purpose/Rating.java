package dev.cairn.purpose;

import java.util.Map;

/**
 * One member's rating of the draft against the three tests of a powerful purpose, 1 to 5 each,
 * with optional comments. It remembers how much the text had changed so far ({@code churn}) and
 * how long it was, so the board can tell when the text has since changed a lot. {@code hidden}: given
 * while ratings are hidden and not revealed yet.
 */
public record Rating(String memberId, int rev, long churn, int textLength, int inspiring, int valuable,
                     int measurable, Map<String, String> comments, long at, Boolean hidden) {

    /** Snapshots written before ratings could be hidden have no {@code hidden}: visible. */
    public Rating {
        hidden = Boolean.TRUE.equals(hidden);
    }

    /** What another member sees of a hidden rating: that it was given, not what it says. */
    public Rating sealed() {
        return new Rating(memberId, rev, churn, textLength, 0, 0, 0, Map.of(), at, true);
    }

    public Rating revealed() {
        return new Rating(memberId, rev, churn, textLength, inspiring, valuable, measurable, comments, at, false);
    }

    /** Stale once the text has changed by more than a quarter of its length then (at least 20 characters). */
    public boolean staleAt(long currentChurn) {
        return currentChurn - churn > Math.max(20, textLength / 4);
    }
}
