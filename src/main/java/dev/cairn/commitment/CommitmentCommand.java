package dev.cairn.commitment;

import dev.cairn.room.RoomCommand;

import java.util.List;

/**
 * What members ask of the room's needs and commitments. Needs are named by {@code needId},
 * commitments by {@code commitmentId}; {@code id} is every command's message id.
 */
public sealed interface CommitmentCommand extends RoomCommand {

    /** A commitment's statuses. */
    List<String> STATUSES = Commitment.STATUSES;
    /** How one step of a review went. */
    List<String> OUTCOMES = List.of("reviewed", "updated", "skipped");

    /** Posts something that must be done and has no owner yet. */
    record PostNeed(String what) implements CommitmentCommand {
    }

    /** Its poster or a facilitator takes back a need nobody has claimed. */
    record WithdrawNeed(String needId) implements CommitmentCommand {
    }

    /** The sender claims a need: it becomes their commitment. */
    record Claim(String needId) implements CommitmentCommand {
    }

    /** The sender commits to something, for and/or with others, by {@code due} (null: no due date yet). */
    record Make(String what, List<Party> forWhom, List<Party> withWhom, String due) implements CommitmentCommand {
    }

    /** The owner or a facilitator changes what a commitment says; null leaves a field as it is, "" clears the due date. */
    record Edit(String commitmentId, String what, List<Party> forWhom, List<Party> withWhom, String due)
        implements CommitmentCommand {
    }

    /** The owner or a facilitator sets the check-in day and the purpose target it serves; null leaves one as it is, "" clears it. */
    record Plan(String commitmentId, String checkIn, String targetId) implements CommitmentCommand {
    }

    /** The owner or a facilitator sets the status; {@code note}: the reason (released) or what blocks it (blocked). */
    record SetStatus(String commitmentId, String status, String note) implements CommitmentCommand {
    }

    /** The owner offers the commitment to another member ({@code toMemberId}), or withdraws the offer (null). */
    record HandOver(String commitmentId, String toMemberId) implements CommitmentCommand {
    }

    /** The receiver of a hand-over accepts or declines it. */
    record AnswerHandover(String commitmentId, Boolean accept) implements CommitmentCommand {
    }

    /** A facilitator starts the commitments review, while the meeting's current segment is a commitments review. */
    record StartReview() implements CommitmentCommand {
    }

    /**
     * The commitment under review ({@code commitmentId}, as the board sees it) is gone through:
     * {@code reviewed} as it is, {@code updated} to {@code status}, or {@code skipped} (facilitators);
     * then the review moves to the next one.
     */
    record Step(String commitmentId, String outcome, String status, String note) implements CommitmentCommand {
    }

    /** A facilitator ends the review under way. */
    record EndReview() implements CommitmentCommand {
    }
}
