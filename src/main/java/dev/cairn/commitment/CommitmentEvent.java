package dev.cairn.commitment;

import dev.cairn.room.RoomEvent;

import java.util.List;

/** Changes to a room's needs and commitments. Who and when come in the envelope ({@code by}, {@code at}) and go into each commitment's history. */
public sealed interface CommitmentEvent extends RoomEvent {

    record NeedPosted(Need need) implements CommitmentEvent {
    }

    record NeedWithdrawn(String needId) implements CommitmentEvent {
    }

    /** Need {@code needId} was claimed and left the needs: it is now {@code commitment}, owned by the claimer. */
    record Claimed(String needId, Commitment commitment) implements CommitmentEvent {
    }

    record Made(Commitment commitment) implements CommitmentEvent {
    }

    /** The commitment's fields now (all of them, changed or not). */
    record Edited(String commitmentId, String what, List<Party> forWhom, List<Party> withWhom, String due, String checkIn,
                  String targetId) implements CommitmentEvent {
    }

    /** The status now, and the word that goes with it ({@code note}: kept on the commitment for released and blocked). */
    record StatusChanged(String commitmentId, String status, String note) implements CommitmentEvent {
    }

    record HandoverOffered(String commitmentId, String toMemberId) implements CommitmentEvent {
    }

    record HandoverWithdrawn(String commitmentId) implements CommitmentEvent {
    }

    /** {@code toMemberId} accepted: they own it now instead of {@code fromMemberId}. */
    record HandoverAccepted(String commitmentId, String fromMemberId, String toMemberId) implements CommitmentEvent {
    }

    record HandoverDeclined(String commitmentId, String toMemberId) implements CommitmentEvent {
    }

    record ReviewStarted(Review review) implements CommitmentEvent {
    }

    /** One step of review {@code reviewId}; the review moves to the next commitment (and is over after the last). */
    record Reviewed(String reviewId, ReviewStep step) implements CommitmentEvent {
    }

    /** {@code reason}: {@code ended} (a facilitator ended it) or {@code meeting_ended}. */
    record ReviewEnded(String reviewId, String reason) implements CommitmentEvent {
    }
}
