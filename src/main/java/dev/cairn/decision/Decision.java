package dev.cairn.decision;

import java.util.List;
import java.util.Map;

/**
 * One entry of the decision log: a closed proposal, or a decision a facilitator took alone
 * ({@code kind} {@code facilitator}: a direct adoption of the purpose) or a handover of the
 * facilitator's role ({@code kind} {@code handover}).
 *
 * @param fromProposal the proposal it closed (null for a decision that was no vote)
 * @param outcome    {@code carried}, {@code not_carried}, {@code chosen}, {@code tie}, {@code no_quorum}, {@code no_votes}
 * @param winners    the chosen option ids (several on a tie)
 * @param turnout    ballots cast; {@code eligible}: members who could vote
 * @param quorum     ballots the quorum required (0: no quorum)
 * @param voters     who voted (never how, when anonymous)
 * @param present    who was present: the running meeting's attendance, or every eligible member
 *                   when no meeting runs ({@code presentFromMeeting} false)
 * @param facilitators who facilitated when it was decided
 * @param ballots    member id → ballot for a named proposal; empty when anonymous
 * @param closedBy   the member who closed it, or {@code system}
 * @param closeReason {@code closed}, {@code deadline}, {@code all_voted}, {@code facilitator}, {@code handover}
 */
public record Decision(String id, String fromProposal, int round, String kind, String question, String details,
                       Method method, List<Option> options, Settings settings, String outcome, List<String> winners,
                       Tally tally, int turnout, int eligible, int quorum, List<String> voters, List<String> present,
                       boolean presentFromMeeting, List<String> facilitators, Integer purposeRev, String purposeText,
                       MandateChange mandate, Map<String, Ballot> ballots, String proposedBy, long openedAt,
                       long decidedAt, String closedBy, String closeReason) {

    public static final String FACILITATOR = "facilitator";
    public static final String HANDOVER = "handover";

    public Decision {
        options = List.copyOf(options);
        winners = List.copyOf(winners);
        voters = List.copyOf(voters);
        present = List.copyOf(present);
        facilitators = List.copyOf(facilitators);
        ballots = Map.copyOf(ballots);
    }

    public boolean carried() {
        return "carried".equals(outcome);
    }
}
