package dev.cairn.decision;

import dev.cairn.room.RecordPart;
import dev.cairn.room.RecordWriter;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decisions' section of a record: every decision that entered the log within the span, with
 * its method, outcome, turnout and tally. An anonymous vote is only its tally and who took part:
 * the log never held who chose what, and neither does the record; a named vote lists each ballot.
 */
public final class DecisionRecord implements RecordPart {

    /** One count of the tally: an option's label (or a position, a score) and its ballots or dots. */
    public record Count(String label, int count) {
    }

    public record Objection(String name, String reason) {
    }

    /** A named ballot, in words. */
    public record NamedBallot(String memberId, String name, String ballot) {
    }

    /**
     * One decision. {@code method} is null for a decision that was no vote (a facilitator's direct
     * adoption, a handover); {@code ballots} is empty for an anonymous vote.
     */
    public record Entry(String id, String kind, String question, String details, String method, boolean anonymous,
                        String outcome, List<String> winners, int turnout, int eligible, int quorum, List<Count> counts,
                        List<Objection> objections, List<String> voters, List<NamedBallot> ballots, long decidedAt,
                        String closedBy, String closeReason) {
    }

    public record Section(List<Entry> decisions) {
    }

    private final List<Decision> decisions = new ArrayList<>();

    @Override
    public void event(Sequenced event, RoomState before, RoomState after, boolean during) {
        if (!during) return;
        if (event.event() instanceof DecisionEvent.Closed e) decisions.add(e.decision());
        if (event.event() instanceof DecisionEvent.Recorded e) decisions.add(e.decision());
    }

    @Override
    public Object section(RoomState end) {
        List<Entry> out = new ArrayList<>();
        for (Decision d : decisions) out.add(entry(d, end));
        return new Section(out);
    }

    private static Entry entry(Decision d, RoomState end) {
        boolean anonymous = d.settings() != null && d.settings().anonymousBallots();
        Map<String, String> labels = new LinkedHashMap<>();
        for (Option o : d.options()) labels.put(o.id(), o.label());
        List<Count> counts = new ArrayList<>();
        List<Objection> objections = new ArrayList<>();
        if (d.tally() != null) {
            // An option by its label; a position or a score by its wire name in words ("stand aside").
            d.tally().counts().forEach((k, v) -> counts.add(new Count(labels.getOrDefault(k, k.replace('_', ' ')), v)));
            for (Tally.Objection o : d.tally().objections()) {
                objections.add(new Objection(anonymous || o.memberId() == null ? null : RecordWriter.name(end, o.memberId()), o.reason()));
            }
        }
        List<NamedBallot> ballots = new ArrayList<>();
        if (!anonymous) {
            d.ballots().forEach((id, b) -> ballots.add(new NamedBallot(id, RecordWriter.name(end, id), words(b, labels))));
            ballots.sort(java.util.Comparator.comparing(NamedBallot::name));
        }
        return new Entry(d.id(), d.kind(), d.question(), d.details(), d.method() == null ? null : d.method().wire(), anonymous,
            d.outcome(), d.winners().stream().map(w -> labels.getOrDefault(w, w)).toList(), d.turnout(), d.eligible(),
            d.quorum(), counts, objections, d.voters().stream().map(v -> RecordWriter.name(end, v)).toList(), ballots,
            d.decidedAt(), RecordWriter.name(end, d.closedBy()), d.closeReason());
    }

    /** A ballot in words: a position and its reason, a score, the options chosen, dots or a ranking. */
    private static String words(Ballot b, Map<String, String> labels) {
        List<String> parts = new ArrayList<>();
        if (b.position() != null) parts.add(b.position().wire().replace('_', ' '));
        if (b.reason() != null && !b.reason().isBlank()) parts.add("\u201c" + b.reason() + "\u201d");
        if (b.score() != null) parts.add("score " + b.score());
        if (b.options() != null) parts.add(String.join(", ", b.options().stream().map(o -> labels.getOrDefault(o, o)).toList()));
        if (b.dots() != null) {
            List<String> dots = new ArrayList<>();
            b.dots().forEach((o, n) -> dots.add(labels.getOrDefault(o, o) + " × " + n));
            parts.add(String.join(", ", dots));
        }
        if (b.ranking() != null) parts.add(String.join(" > ", b.ranking().stream().map(o -> labels.getOrDefault(o, o)).toList()));
        return String.join(" ", parts);
    }

    @Override
    public void write(Object data, RecordWriter out) {
        Section s = (Section) data;
        if (s.decisions().isEmpty()) {
            out.paragraph("No decision was taken in the span of this record.");
            return;
        }
        for (Entry e : s.decisions()) {
            out.heading(e.question());
            if (e.details() != null && !e.details().isBlank()) out.paragraph(e.details());
            String how = e.method() == null ? (Decision.HANDOVER.equals(e.kind()) ? "Handover" : "Decided by a facilitator")
                : method(e.method()) + (e.anonymous() ? ", anonymous" : "");
            String turnout = e.method() == null ? "" : "; " + e.turnout() + " of " + e.eligible() + " voted"
                + (e.quorum() > 0 ? " (quorum " + e.quorum() + ")" : "");
            // The winners (people's own text, maybe right-to-left) end the paragraph: a right-to-left
            // label followed by figures ("; 4 of 6 voted") would take them into its own run.
            String result = outcome(e.outcome());
            out.paragraph(how + turnout + "; decided " + RecordWriter.time(e.decidedAt()) + ". "
                + (result.isEmpty() ? "" : Character.toUpperCase(result.charAt(0)) + result.substring(1))
                + (e.winners().isEmpty() ? "" : ": " + String.join(", ", e.winners())) + (result.isEmpty() && e.winners().isEmpty() ? "" : "."));
            if (!e.counts().isEmpty()) {
                List<List<String>> rows = new ArrayList<>();
                for (Count c : e.counts()) rows.add(List.of(c.label(), Integer.toString(c.count())));
                out.table(List.of("Choice", "dot_vote".equals(e.method()) ? "Dots" : "Ballots"), rows);
            }
            if (!e.objections().isEmpty()) {
                out.list(e.objections().stream().map(o -> "Objection" + (o.name() == null ? "" : " by " + o.name()) + ": " + o.reason()).toList());
            }
            if (!e.ballots().isEmpty()) {
                List<List<String>> rows = new ArrayList<>();
                for (NamedBallot b : e.ballots()) rows.add(List.of(b.name(), b.ballot()));
                out.table(List.of("Member", "Ballot"), rows);
            } else if (e.anonymous() && !e.voters().isEmpty()) {
                out.paragraph("Took part: " + String.join(", ", e.voters()) + ".");
            }
        }
    }

    private static String method(String wire) {
        return switch (wire) {
            case "consent" -> "Consent";
            case "fist_to_five" -> "Fist to five";
            case "yes_no" -> "Yes / no / abstain";
            case "choice" -> "Choice";
            case "dot_vote" -> "Dot vote";
            case "ranked" -> "Ranked choice";
            default -> wire;
        };
    }

    private static String outcome(String outcome) {
        return outcome == null ? "" : outcome.replace('_', ' ');
    }
}
