package dev.cairn.decision;

import java.util.List;
import java.util.Map;

/**
 * An open question put to the room, and its ballots. Once closed it lives on as a {@link Decision}.
 *
 * @param kind        {@code question}, {@code purpose} (adopts {@code purposeRev} with exactly
 *                    {@code purposeText}) or {@code mandate} (changes facilitation as {@code mandate} says)
 * @param closesAt    the deadline on the room's clock (epoch millis), or null
 * @param round       1, and one more each time the proposer amends and re-runs it
 * @param voters      who has voted in this round, in the order of their first ballot (for turnout)
 * @param ballots     member id → ballot; in a viewer's copy only the ballots that viewer may see
 * @param tally       the running count after the latest ballot; null where the viewer may not see it
 * @param ballotSeqs  the seqs of this round's ballot events of an anonymous proposal, erased at the close
 */
public record Proposal(String id, String kind, String question, String details, Method method, List<Option> options,
                       Settings settings, Long closesAt, String proposedBy, long openedAt, int round,
                       Integer purposeRev, String purposeText, MandateChange mandate, List<String> voters,
                       Map<String, Ballot> ballots, Tally tally, List<Long> ballotSeqs) {

    public static final String QUESTION = "question";
    public static final String PURPOSE = "purpose";
    public static final String MANDATE = "mandate";

    public Proposal {
        options = List.copyOf(options);
        voters = List.copyOf(voters);
        ballots = Map.copyOf(ballots);
        ballotSeqs = List.copyOf(ballotSeqs);
    }

    public Option option(String optionId) {
        for (Option o : options) if (o.id().equals(optionId)) return o;
        return null;
    }

    Proposal withBallots(List<String> newVoters, Map<String, Ballot> newBallots, Tally newTally, List<Long> seqs) {
        return new Proposal(id, kind, question, details, method, options, settings, closesAt, proposedBy, openedAt,
            round, purposeRev, purposeText, mandate, newVoters, newBallots, newTally, seqs);
    }

    /** A fresh round: new wording, no ballots. */
    Proposal rerun(String newQuestion, String newDetails, int newRound, Long newClosesAt, long at) {
        return new Proposal(id, kind, newQuestion, newDetails, method, options, settings, newClosesAt, proposedBy,
            at, newRound, purposeRev, purposeText, mandate, List.of(), Map.of(), null, List.of());
    }

    /** The proposal a closed decision came from, open again for a new round. */
    static Proposal reopened(Decision d, String question, String details, int round, Long closesAt, long at) {
        return new Proposal(d.fromProposal(), d.kind(), question, details, d.method(), d.options(), d.settings(), closesAt,
            d.proposedBy(), at, round, d.purposeRev(), d.purposeText(), d.mandate(), List.of(), Map.of(), null, List.of());
    }
}
