package dev.cairn.decision;

import dev.cairn.room.RoomCommand;

import java.util.List;
import java.util.Map;

/** What members ask of shared decisions. Proposals are named by {@code proposalId}; {@code id} is every command's message id. */
public sealed interface DecisionCommand extends RoomCommand {

    /** Puts a question to the room; {@code options} (labels) only for choice, dot vote and ranked choice. */
    record Propose(String question, String details, Method method, List<String> options, Settings settings)
        implements DecisionCommand {
    }

    /** A consent proposal to adopt the purpose draft as it is at revision {@code rev} (the current one). */
    record ProposeAdoption(Integer rev, String details, Settings settings) implements DecisionCommand {
    }

    /** A consent proposal to make {@code memberId} a facilitator, or to withdraw their mandate. */
    record ProposeMandate(String memberId, MandateAction action, String successorId, String details, Settings settings)
        implements DecisionCommand {
    }

    /** A member's ballot; a later one replaces theirs until the close. Only the method's fields count. */
    record Vote(String proposalId, Position position, String reason, Integer score, List<String> options,
                Map<String, Integer> dots, List<String> ranking) implements DecisionCommand {
    }

    /** The proposer rewords a consent proposal and runs it again: every ballot is cleared. */
    record Amend(String proposalId, String question, String details) implements DecisionCommand {
    }

    /** The proposer or a facilitator closes an open proposal now. */
    record Close(String proposalId) implements DecisionCommand {
    }

    /** The proposer or a facilitator takes an open proposal back: no decision is logged. */
    record Withdraw(String proposalId) implements DecisionCommand {
    }

    /** A facilitator restricts proposals to facilitators while a meeting runs, or lifts that. */
    record Restrict(Boolean restricted) implements DecisionCommand {
    }

    /**
     * From a facilitator: offers their role to {@code memberId} (a new offer replaces theirs). From
     * a member whom facilitator {@code memberId} offered the role: accepts it.
     */
    record Handover(String memberId) implements DecisionCommand {
    }
}
