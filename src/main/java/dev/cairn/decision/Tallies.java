package dev.cairn.decision;

import dev.cairn.decision.Tally.Objection;
import dev.cairn.decision.Tally.Round;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counting ballots and reading the outcome, one method at a time. Pure and deterministic: ballots
 * are counted in the order of {@code voters}.
 *
 * <p>Ranked choice is an instant-runoff count: each round counts every ballot for its most
 * preferred option still in the race (a ballot with none left is exhausted); an option with more
 * than half of the ballots not exhausted wins; otherwise the option with the fewest is eliminated.
 * <b>Tie rule</b>: among options tied for fewest, the one with fewer ballots in the latest earlier
 * round where they differ is eliminated; if they never differed, the one listed last among the
 * proposal's options. When every option left has the same count, the outcome is a tie between them.
 */
public final class Tallies {
    public static final String CARRIED = "carried";
    public static final String NOT_CARRIED = "not_carried";
    public static final String CHOSEN = "chosen";
    public static final String TIE = "tie";
    public static final String NO_QUORUM = "no_quorum";
    public static final String NO_VOTES = "no_votes";

    /** The default fist-to-five threshold: 3 and up is support, 0 to 2 a concern that blocks. */
    public static final int DEFAULT_THRESHOLD = 3;

    private Tallies() {
    }

    /** An outcome and its chosen options. */
    public record Outcome(String outcome, List<String> winners) {
    }

    /** The tally of {@code ballots} (voter → ballot) on {@code proposal}, counted in the order of {@code voters}. */
    public static Tally count(Proposal proposal, List<String> voters, Map<String, Ballot> ballots) {
        List<Map.Entry<String, Ballot>> cast = new ArrayList<>();
        for (String voter : voters) {
            Ballot b = ballots.get(voter);
            if (b != null) cast.add(Map.entry(voter, b));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Objection> objections = new ArrayList<>();
        List<Round> rounds = List.of();
        switch (proposal.method()) {
            case CONSENT -> {
                for (Position p : List.of(Position.CONSENT, Position.STAND_ASIDE, Position.OBJECT)) counts.put(p.wire(), 0);
                for (var e : cast) {
                    counts.merge(e.getValue().position().wire(), 1, Integer::sum);
                    if (e.getValue().position() == Position.OBJECT) {
                        objections.add(new Objection(proposal.settings().anonymousBallots() ? null : e.getKey(), e.getValue().reason()));
                    }
                }
                if (proposal.settings().anonymousBallots()) objections.sort(Comparator.comparing(Objection::reason));
            }
            case FIST_TO_FIVE -> {
                for (int s = 0; s <= 5; s++) counts.put(Integer.toString(s), 0);
                for (var e : cast) counts.merge(Integer.toString(e.getValue().score()), 1, Integer::sum);
            }
            case YES_NO -> {
                for (Position p : List.of(Position.YES, Position.NO, Position.ABSTAIN)) counts.put(p.wire(), 0);
                for (var e : cast) counts.merge(e.getValue().position().wire(), 1, Integer::sum);
            }
            case CHOICE -> {
                for (Option o : proposal.options()) counts.put(o.id(), 0);
                for (var e : cast) for (String o : e.getValue().options()) counts.merge(o, 1, Integer::sum);
            }
            case DOT_VOTE -> {
                for (Option o : proposal.options()) counts.put(o.id(), 0);
                for (var e : cast) e.getValue().dots().forEach((o, n) -> counts.merge(o, n, Integer::sum));
            }
            case RANKED -> {
                List<List<String>> rankings = new ArrayList<>();
                for (var e : cast) rankings.add(e.getValue().ranking());
                rounds = instantRunoff(proposal.options(), rankings);
                if (!rounds.isEmpty()) counts.putAll(rounds.get(0).counts());
                else for (Option o : proposal.options()) counts.put(o.id(), 0);
            }
        }
        return new Tally(cast.size(), Collections.unmodifiableMap(counts), rounds, objections);
    }

    /** Every round of an instant-runoff count (see the class comment for the tie rule); empty without ballots. */
    public static List<Round> instantRunoff(List<Option> options, List<List<String>> rankings) {
        List<Round> rounds = new ArrayList<>();
        if (rankings.isEmpty()) return rounds;
        List<String> remaining = new ArrayList<>();
        for (Option o : options) remaining.add(o.id());
        while (true) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String o : remaining) counts.put(o, 0);
            int exhausted = 0;
            for (List<String> ranking : rankings) {
                String first = null;
                for (String o : ranking) {
                    if (counts.containsKey(o)) {
                        first = o;
                        break;
                    }
                }
                if (first == null) exhausted++;
                else counts.merge(first, 1, Integer::sum);
            }
            int active = rankings.size() - exhausted;
            int top = Collections.max(counts.values());
            int lowest = Collections.min(counts.values());
            if (remaining.size() == 1 || 2 * top > active || top == lowest) {
                rounds.add(new Round(Collections.unmodifiableMap(counts), exhausted, null));
                return rounds;
            }
            List<String> tied = new ArrayList<>();
            for (String o : remaining) if (counts.get(o) == lowest) tied.add(o);
            String out = tieBreak(tied, rounds);
            rounds.add(new Round(Collections.unmodifiableMap(counts), exhausted, out));
            remaining.remove(out);
        }
    }

    /** The option to eliminate among {@code tied}: fewest in the latest earlier round where they differ, else listed last. */
    private static String tieBreak(List<String> tied, List<Round> earlier) {
        List<String> left = new ArrayList<>(tied);
        for (int r = earlier.size() - 1; r >= 0 && left.size() > 1; r--) {
            Map<String, Integer> counts = earlier.get(r).counts();
            int min = Integer.MAX_VALUE;
            for (String o : left) min = Math.min(min, counts.getOrDefault(o, 0));
            List<String> fewest = new ArrayList<>();
            for (String o : left) if (counts.getOrDefault(o, 0) == min) fewest.add(o);
            left = fewest;
        }
        return left.get(left.size() - 1);
    }

    /**
     * The outcome of {@code tally} on {@code proposal}, with {@code quorum} ballots required:
     * {@code no_votes} without ballots, {@code no_quorum} below it, else the method's own rule.
     */
    public static Outcome outcome(Proposal proposal, Tally tally, int quorum) {
        if (tally.ballots() == 0) return new Outcome(NO_VOTES, List.of());
        if (tally.ballots() < quorum) return new Outcome(NO_QUORUM, List.of());
        Map<String, Integer> c = tally.counts();
        Settings s = proposal.settings();
        return switch (proposal.method()) {
            case CONSENT -> carried(c.get(Position.OBJECT.wire()) == 0);
            case FIST_TO_FIVE -> {
                int below = 0;
                for (int score = 0; score < s.threshold(); score++) below += c.get(Integer.toString(score));
                yield carried(below == 0);
            }
            case YES_NO -> carried(s.majority().carries(c.get(Position.YES.wire()), c.get(Position.NO.wire())));
            case CHOICE, DOT_VOTE -> most(c);
            case RANKED -> {
                Round last = tally.rounds().get(tally.rounds().size() - 1);
                yield most(last.counts());
            }
        };
    }

    private static Outcome carried(boolean yes) {
        return new Outcome(yes ? CARRIED : NOT_CARRIED, List.of());
    }

    /** The option(s) with the most: chosen if one, a tie if several. */
    private static Outcome most(Map<String, Integer> counts) {
        int max = Collections.max(counts.values());
        List<String> winners = new ArrayList<>();
        counts.forEach((o, n) -> {
            if (n == max) winners.add(o);
        });
        return new Outcome(winners.size() == 1 ? CHOSEN : TIE, winners);
    }

    /** Ballots a quorum of {@code count} and {@code percent} of {@code present} members requires (both, when both are set). */
    public static int quorum(Settings settings, int present) {
        int byCount = settings.quorum() == null ? 0 : settings.quorum();
        int byShare = settings.quorumPercent() == null ? 0 : (int) Math.ceil(settings.quorumPercent() * present / 100.0);
        return Math.max(byCount, byShare);
    }
}
