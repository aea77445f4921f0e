package dev.cairn.commitment;

import java.util.List;

/**
 * A commitments review in meeting {@code meetingId}, during agenda segment {@code segmentId}: the
 * commitments to go through ({@code order}, fixed at the start: every one not done or released,
 * earliest due first), how far it got ({@code index}: the one under review is
 * {@code order[index]}), the steps so far, and whether it is over ({@code ended}: every one was
 * gone through, a facilitator ended it, or the meeting ended). A room keeps its latest review.
 */
public record Review(String reviewId, String meetingId, String segmentId, List<String> order, int index,
                     List<ReviewStep> steps, boolean ended) {

    public Review {
        order = List.copyOf(order);
        steps = List.copyOf(steps);
    }

    /** The commitment under review now, or null once the review is over or has gone through every one. */
    public String current() {
        return ended || index >= order.size() ? null : order.get(index);
    }
}
