package dev.cairn.decision;

import java.util.List;
import java.util.Map;

/**
 * The count of a proposal's ballots. {@code counts}: position → ballots (consent, yes / no /
 * abstain), score "0"–"5" → ballots (fist-to-five), option id → ballots naming it (choice), option
 * id → dots (dot vote), option id → first preferences (ranked choice). {@code rounds}: the
 * instant-runoff rounds of a ranked choice. {@code objections}: the objections of a consent vote
 * with their reasons (no member id when anonymous, and then sorted by reason).
 */
public record Tally(int ballots, Map<String, Integer> counts, List<Round> rounds, List<Objection> objections) {

    public Tally {
        rounds = List.copyOf(rounds);
        objections = List.copyOf(objections);
    }

    /** One instant-runoff round: each remaining option's ballots, the exhausted ballots, and the option eliminated (null in the last round). */
    public record Round(Map<String, Integer> counts, int exhausted, String eliminated) {
    }

    /** An objection and its reason; {@code memberId} is null on an anonymous proposal. */
    public record Objection(String memberId, String reason) {
    }
}
