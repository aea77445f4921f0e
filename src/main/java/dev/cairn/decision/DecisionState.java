package dev.cairn.decision;

import java.util.List;
import java.util.Map;

/**
 * A room's shared decisions: its open proposals, the decision log, the facilitators'
 * mandates (member id → by which decision, since when), pending handover offers (facilitator →
 * the member offered the role), and whether proposals are restricted to facilitators during a meeting.
 */
public record DecisionState(List<Proposal> proposals, List<Decision> log, Map<String, Mandate> mandates,
                            Map<String, String> offers, boolean restricted) {

    private static final DecisionState EMPTY = new DecisionState(List.of(), List.of(), Map.of(), Map.of(), false);

    public DecisionState {
        proposals = List.copyOf(proposals);
        log = List.copyOf(log);
        mandates = Map.copyOf(mandates);
        offers = Map.copyOf(offers);
    }

    public static DecisionState empty() {
        return EMPTY;
    }

    public Proposal proposal(String id) {
        for (Proposal p : proposals) if (p.id().equals(id)) return p;
        return null;
    }

    public Decision decision(String id) {
        for (Decision d : log) if (d.id().equals(id)) return d;
        return null;
    }

    /** The latest decision that closed proposal {@code id}, or null. */
    public Decision latestOf(String proposalId) {
        for (int i = log.size() - 1; i >= 0; i--) if (proposalId.equals(log.get(i).fromProposal())) return log.get(i);
        return null;
    }
}
