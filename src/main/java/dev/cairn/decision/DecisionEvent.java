package dev.cairn.decision;

import dev.cairn.room.RoomEvent;


/** Changes to a room's decisions. */
public sealed interface DecisionEvent extends RoomEvent {

    record Proposed(Proposal proposal) implements DecisionEvent {
    }

    /**
     * A member's ballot (its author is the event's {@code by}) and the running tally after it. The
     * proposal's {@code anonymous} and {@code resultsHidden} travel along, since a viewer's copy is
     * made from the event alone: another member's copy has no ballot when either is set, and no
     * tally when results are hidden; the archive keeps an anonymous ballot without either.
     */
    record Voted(String proposalId, Ballot ballot, Tally tally, boolean anonymous, boolean resultsHidden)
        implements DecisionEvent {
    }

    record Amended(String proposalId, int round, String question, String details, Long closesAt) implements DecisionEvent {
    }

    record Withdrawn(String proposalId) implements DecisionEvent {
    }

    /** A proposal closed and became {@code decision} in the log. */
    record Closed(Decision decision) implements DecisionEvent {
    }

    /** A decision that was no vote (a facilitator's direct adoption, a handover) entered the log. */
    record Recorded(Decision decision) implements DecisionEvent {
    }

    record Restricted(boolean restricted) implements DecisionEvent {
    }

    /** Facilitator {@code from} offers the role to {@code to}. */
    record HandoverOffered(String from, String to) implements DecisionEvent {
    }
}
