package dev.cairn.decision;

import dev.cairn.decision.Tally.Round;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every method's count and outcome, without a room: ties, thresholds, budgets, quorum, the runoff and its tie rule. */
class TalliesTest {

    private static Proposal proposal(Method method, int options, Settings given) {
        List<Option> list = new ArrayList<>();
        for (int i = 1; i <= options; i++) list.add(new Option("o" + i, "Option " + i));
        Settings s = DecisionRules.settings(method, given, options);
        return new Proposal("p1", Proposal.QUESTION, "Q", "", method, list, s, null, "ana", 0, 1, null, null, null,
            List.of(), Map.of(), null, List.of());
    }

    private static Settings none() {
        return null;
    }

    private static Settings with(Integer quorum, Integer percent, Majority majority, Integer threshold, Integer maxChoices,
                                 Integer budget, Integer cap, boolean anonymous) {
        return new Settings(anonymous, false, quorum, percent, null, false, majority, threshold, maxChoices, budget, cap);
    }

    /** Ballots in the given order, voters named v1, v2, ... */
    private static Tallies.Outcome outcome(Proposal p, int quorum, Ballot... ballots) {
        return Tallies.outcome(p, tally(p, ballots), quorum);
    }

    private static Tally tally(Proposal p, Ballot... ballots) {
        List<String> voters = new ArrayList<>();
        Map<String, Ballot> byVoter = new LinkedHashMap<>();
        for (int i = 0; i < ballots.length; i++) {
            voters.add("v" + (i + 1));
            byVoter.put("v" + (i + 1), ballots[i]);
        }
        return Tallies.count(p, voters, byVoter);
    }

    private static Ballot pos(Position p) {
        return new Ballot(p, null, null, null, null, null);
    }

    private static Ballot object(String reason) {
        return new Ballot(Position.OBJECT, reason, null, null, null, null);
    }

    private static Ballot score(int s) {
        return new Ballot(null, null, s, null, null, null);
    }

    private static Ballot chose(String... ids) {
        return new Ballot(null, null, null, List.of(ids), null, null);
    }

    private static Ballot dots(Map<String, Integer> d) {
        return new Ballot(null, null, null, null, d, null);
    }

    private static Ballot ranks(String... ids) {
        return new Ballot(null, null, null, null, null, List.of(ids));
    }

    // ---- consent -------------------------------------------------------------------------------

    @Test
    void consentCarriesWithoutObjectionsAndStandAsidesDoNotBlock() {
        Proposal p = proposal(Method.CONSENT, 0, none());
        assertEquals(Tallies.CARRIED, outcome(p, 0, pos(Position.CONSENT), pos(Position.STAND_ASIDE)).outcome());
        Tally t = tally(p, pos(Position.CONSENT), pos(Position.STAND_ASIDE));
        assertEquals(Map.of("consent", 1, "stand_aside", 1, "object", 0), t.counts());
        assertEquals(List.of(), t.objections());
    }

    @Test
    void oneObjectionWithItsReasonBlocksConsent() {
        Proposal p = proposal(Method.CONSENT, 0, none());
        Tally t = tally(p, pos(Position.CONSENT), object("Not safe yet"), pos(Position.CONSENT));
        assertEquals(Tallies.NOT_CARRIED, Tallies.outcome(p, t, 0).outcome());
        assertEquals(List.of(new Tally.Objection("v2", "Not safe yet")), t.objections());
    }

    @Test
    void anonymousObjectionsHaveNoNamesAndAreSortedByReasonNotByWhoVotedFirst() {
        Proposal p = proposal(Method.CONSENT, 0, with(null, null, null, null, null, null, null, true));
        Tally t = tally(p, object("Zoning first"), pos(Position.CONSENT), object("Ask the tenants"));
        assertEquals(List.of(new Tally.Objection(null, "Ask the tenants"), new Tally.Objection(null, "Zoning first")),
            t.objections());
    }

    @Test
    void withoutBallotsThereIsNoDecisionAndBelowQuorumNone() {
        Proposal p = proposal(Method.CONSENT, 0, none());
        assertEquals(Tallies.NO_VOTES, outcome(p, 0).outcome());
        assertEquals(Tallies.NO_QUORUM, outcome(p, 3, pos(Position.CONSENT), pos(Position.CONSENT)).outcome());
        assertEquals(Tallies.CARRIED, outcome(p, 2, pos(Position.CONSENT), pos(Position.CONSENT)).outcome());
    }

    @Test
    void quorumIsACountAShareOfThosePresentOrBoth() {
        assertEquals(0, Tallies.quorum(DecisionRules.settings(Method.CONSENT, null, 0), 10));
        assertEquals(4, Tallies.quorum(DecisionRules.settings(Method.CONSENT, with(4, null, null, null, null, null, null, false), 0), 10));
        // 50 % of 7 present is 3.5: four ballots
        assertEquals(4, Tallies.quorum(DecisionRules.settings(Method.CONSENT, with(null, 50, null, null, null, null, null, false), 0), 7));
        assertEquals(6, Tallies.quorum(DecisionRules.settings(Method.CONSENT, with(6, 50, null, null, null, null, null, false), 0), 7));
        assertEquals(1, Tallies.quorum(DecisionRules.settings(Method.CONSENT, with(null, 1, null, null, null, null, null, false), 0), 3));
    }

    // ---- fist to five --------------------------------------------------------------------------

    @Test
    void fistToFiveCarriesWhenNobodyIsBelowTheThreshold() {
        Proposal p = proposal(Method.FIST_TO_FIVE, 0, none());
        assertEquals(3, p.settings().threshold());
        assertEquals(Tallies.CARRIED, outcome(p, 0, score(3), score(5), score(4)).outcome());
        assertEquals(Tallies.NOT_CARRIED, outcome(p, 0, score(5), score(2), score(5)).outcome());
        Proposal strict = proposal(Method.FIST_TO_FIVE, 0, with(null, null, null, 5, null, null, null, false));
        assertEquals(Tallies.NOT_CARRIED, outcome(strict, 0, score(5), score(4)).outcome());
        Proposal lax = proposal(Method.FIST_TO_FIVE, 0, with(null, null, null, 0, null, null, null, false));
        assertEquals(Tallies.CARRIED, outcome(lax, 0, score(0)).outcome());
        Tally t = tally(p, score(0), score(5), score(5));
        assertEquals(1, t.counts().get("0"));
        assertEquals(2, t.counts().get("5"));
        assertEquals(0, t.counts().get("3"));
    }

    // ---- yes / no / abstain --------------------------------------------------------------------

    @Test
    void yesNoMajoritiesLeaveAbstentionsOut() {
        Proposal simple = proposal(Method.YES_NO, 0, none());
        assertEquals(Majority.SIMPLE, simple.settings().majority());
        assertEquals(Tallies.CARRIED, outcome(simple, 0, pos(Position.YES), pos(Position.NO), pos(Position.YES),
            pos(Position.ABSTAIN), pos(Position.ABSTAIN)).outcome());
        assertEquals(Tallies.NOT_CARRIED, outcome(simple, 0, pos(Position.YES), pos(Position.NO)).outcome(), "a tie does not carry");
        assertEquals(Tallies.NOT_CARRIED, outcome(simple, 0, pos(Position.ABSTAIN)).outcome(), "abstentions alone do not carry");

        Proposal twoThirds = proposal(Method.YES_NO, 0, with(null, null, Majority.TWO_THIRDS, null, null, null, null, false));
        assertEquals(Tallies.CARRIED, outcome(twoThirds, 0, pos(Position.YES), pos(Position.YES), pos(Position.NO)).outcome(), "exactly two thirds");
        assertEquals(Tallies.NOT_CARRIED, outcome(twoThirds, 0, pos(Position.YES), pos(Position.YES), pos(Position.YES),
            pos(Position.NO), pos(Position.NO)).outcome(), "three fifths");

        Proposal unanimity = proposal(Method.YES_NO, 0, with(null, null, Majority.UNANIMITY, null, null, null, null, false));
        assertEquals(Tallies.CARRIED, outcome(unanimity, 0, pos(Position.YES), pos(Position.ABSTAIN)).outcome());
        assertEquals(Tallies.NOT_CARRIED, outcome(unanimity, 0, pos(Position.YES), pos(Position.YES), pos(Position.NO)).outcome());
    }

    // ---- choice --------------------------------------------------------------------------------

    @Test
    void choiceOfOneOrUpToKFindsTheMostOrATie() {
        Proposal one = proposal(Method.CHOICE, 3, none());
        Tallies.Outcome o = outcome(one, 0, chose("o2"), chose("o1"), chose("o2"));
        assertEquals(Tallies.CHOSEN, o.outcome());
        assertEquals(List.of("o2"), o.winners());
        Tallies.Outcome tie = outcome(one, 0, chose("o3"), chose("o1"));
        assertEquals(Tallies.TIE, tie.outcome());
        assertEquals(List.of("o1", "o3"), tie.winners());

        Proposal two = proposal(Method.CHOICE, 3, with(null, null, null, null, 2, null, null, false));
        Tally t = tally(two, chose("o1", "o2"), chose("o2", "o3"), chose("o2"));
        assertEquals(Map.of("o1", 1, "o2", 3, "o3", 1), t.counts());
        assertEquals(3, t.ballots());
    }

    // ---- dot vote ------------------------------------------------------------------------------

    @Test
    void dotVoteAddsUpEveryonesDots() {
        Proposal p = proposal(Method.DOT_VOTE, 3, with(null, null, null, null, null, 6, 4, false));
        Tally t = tally(p, dots(Map.of("o1", 4, "o2", 2)), dots(Map.of("o3", 4)), dots(Map.of("o3", 1, "o2", 3)));
        assertEquals(Map.of("o1", 4, "o2", 5, "o3", 5), t.counts());
        Tallies.Outcome o = Tallies.outcome(p, t, 0);
        assertEquals(Tallies.TIE, o.outcome());
        assertEquals(List.of("o2", "o3"), o.winners());
    }

    // ---- ranked choice -------------------------------------------------------------------------

    @Test
    void aMajorityOfFirstPreferencesWinsInOneRound() {
        Proposal p = proposal(Method.RANKED, 3, none());
        Tally t = tally(p, ranks("o1", "o2"), ranks("o1"), ranks("o2", "o1"));
        assertEquals(1, t.rounds().size());
        assertNull(t.rounds().get(0).eliminated());
        assertEquals(List.of("o1"), Tallies.outcome(p, t, 0).winners());
    }

    @Test
    void instantRunoffEliminatesTheFewestAndTransfersTheirBallots() {
        // o1: 3, o2: 2, o3: 2 first preferences of 7; o2 and o3 tie for fewest and never differed, so o3
        // (listed last) goes; its ballots move to o2 (4 of 7) — o2 wins in round 2.
        Proposal p = proposal(Method.RANKED, 3, none());
        Tally t = tally(p,
            ranks("o1"), ranks("o1"), ranks("o1"),
            ranks("o2", "o1"), ranks("o2"),
            ranks("o3", "o2"), ranks("o3", "o2"));
        assertEquals(List.of(
            new Round(Map.of("o1", 3, "o2", 2, "o3", 2), 0, "o3"),
            new Round(Map.of("o1", 3, "o2", 4), 0, null)), t.rounds());
        Tallies.Outcome o = Tallies.outcome(p, t, 0);
        assertEquals(Tallies.CHOSEN, o.outcome());
        assertEquals(List.of("o2"), o.winners());
    }

    @Test
    void theTieRuleLooksBackToTheLatestRoundWhereTheTiedOptionsDiffered() {
        // Round 1: o1 4, o2 3, o3 2, o4 1 → o4 goes, its ballot moves to o3.
        // Round 2: o1 4, o2 3, o3 3 → o2 and o3 tie for fewest; in round 1 o3 had fewer (2 < 3): o3 goes.
        Proposal p = proposal(Method.RANKED, 4, none());
        Tally t = tally(p,
            ranks("o1"), ranks("o1"), ranks("o1"), ranks("o1"),
            ranks("o2"), ranks("o2"), ranks("o2"),
            ranks("o3", "o2"), ranks("o3", "o2"),
            ranks("o4", "o3"));
        assertEquals("o4", t.rounds().get(0).eliminated());
        assertEquals(Map.of("o1", 4, "o2", 3, "o3", 3), t.rounds().get(1).counts());
        assertEquals("o3", t.rounds().get(1).eliminated());
        assertEquals(Map.of("o1", 4, "o2", 5), t.rounds().get(2).counts());
        assertEquals(1, t.rounds().get(2).exhausted(), "the ballot o4 > o3 has nothing left");
        assertEquals(List.of("o2"), Tallies.outcome(p, t, 0).winners());
    }

    @Test
    void exhaustedBallotsAreCountedApartAndAnEvenSplitIsATie() {
        Proposal p = proposal(Method.RANKED, 3, none());
        // o1 2, o2 2, o3 1 (ranked o3 only) → o3 goes, its ballot is exhausted; o1 2 : o2 2 is a tie.
        Tally t = tally(p, ranks("o1"), ranks("o1", "o2"), ranks("o2"), ranks("o2", "o1"), ranks("o3"));
        Round last = t.rounds().get(t.rounds().size() - 1);
        assertEquals(1, last.exhausted());
        Tallies.Outcome o = Tallies.outcome(p, t, 0);
        assertEquals(Tallies.TIE, o.outcome());
        assertEquals(List.of("o1", "o2"), o.winners());
    }
}
