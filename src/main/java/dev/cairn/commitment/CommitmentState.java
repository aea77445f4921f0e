package dev.cairn.commitment;

import java.util.List;

/**
 * The commitments part of a room: needs waiting for an owner (oldest first), commitments (in the
 * order they were made; they belong to the room and carry across meetings), and the latest
 * commitments review (null before the first).
 */
public record CommitmentState(List<Need> needs, List<Commitment> commitments, Review review) {
    private static final CommitmentState EMPTY = new CommitmentState(List.of(), List.of(), null);

    public CommitmentState {
        needs = List.copyOf(needs);
        commitments = List.copyOf(commitments);
    }

    public static CommitmentState empty() {
        return EMPTY;
    }

    public Need need(String needId) {
        for (Need n : needs) if (n.needId().equals(needId)) return n;
        return null;
    }

    public Commitment commitment(String commitmentId) {
        for (Commitment c : commitments) if (c.commitmentId().equals(commitmentId)) return c;
        return null;
    }

    /** The commitment claimed from need {@code needId}, or null. */
    public Commitment claimedFrom(String needId) {
        for (Commitment c : commitments) if (needId.equals(c.needId())) return c;
        return null;
    }

    /** The review under way (not ended), or null. */
    public Review reviewUnderWay() {
        return review == null || review.ended() ? null : review;
    }

    CommitmentState withNeeds(List<Need> next) {
        return new CommitmentState(next, commitments, review);
    }

    CommitmentState withCommitments(List<Commitment> next) {
        return new CommitmentState(needs, next, review);
    }

    CommitmentState withReview(Review next) {
        return new CommitmentState(needs, commitments, next);
    }
}
