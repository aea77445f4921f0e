package dev.cairn.decision;

import dev.cairn.decision.DecisionCommand.Amend;
import dev.cairn.decision.DecisionCommand.Close;
import dev.cairn.decision.DecisionCommand.Handover;
import dev.cairn.decision.DecisionCommand.Propose;
import dev.cairn.decision.DecisionCommand.ProposeAdoption;
import dev.cairn.decision.DecisionCommand.ProposeMandate;
import dev.cairn.decision.DecisionCommand.Restrict;
import dev.cairn.decision.DecisionCommand.Vote;
import dev.cairn.decision.DecisionCommand.Withdraw;
import dev.cairn.decision.DecisionEvent.Amended;
import dev.cairn.decision.DecisionEvent.Closed;
import dev.cairn.decision.DecisionEvent.HandoverOffered;
import dev.cairn.decision.DecisionEvent.Proposed;
import dev.cairn.decision.DecisionEvent.Recorded;
import dev.cairn.decision.DecisionEvent.Restricted;
import dev.cairn.decision.DecisionEvent.Voted;
import dev.cairn.decision.DecisionEvent.Withdrawn;
import dev.cairn.meeting.Meeting;
import dev.cairn.meeting.MeetingModule;
import dev.cairn.purpose.PurposeEvent;
import dev.cairn.purpose.PurposeModule;
import dev.cairn.purpose.PurposeState;
import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.MembershipEvent.MemberRemoved;
import dev.cairn.room.MembershipEvent.RoleChanged;
import dev.cairn.room.Names;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules of shared decisions: proposals, ballots, closing into the log, mandates and handovers. */
public final class DecisionRules {
    public static final int MAX_QUESTION = 200;
    public static final int MAX_DETAILS = 2_000;
    public static final int MAX_OPTION = 100;
    public static final int MAX_OPTIONS = 20;
    public static final int MAX_REASON = 500;
    public static final int MAX_OPEN = 50;
    public static final int MIN_DEADLINE_SECONDS = 1;
    public static final int MAX_DEADLINE_SECONDS = 7 * 24 * 3600;
    public static final int MAX_BUDGET = 100;
    public static final int DEFAULT_BUDGET = 5;

    private DecisionRules() {
    }

    // ---- decide --------------------------------------------------------------------------------

    public static List<RoomEvent> decide(RoomState room, Member actor, Context ctx, DecisionCommand command) {
        DecisionState part = DecisionModule.of(room);
        long now = ctx.now();
        if (command instanceof Propose c) {
            requireMayPropose(room, part, actor);
            Method method = c.method() == null ? Method.CONSENT : c.method();
            String question = Names.text("question", c.question(), MAX_QUESTION);
            List<Option> options = options(method, c.options());
            Settings settings = settings(method, c.settings(), options.size());
            return List.of(new Proposed(opened(room, Proposal.QUESTION, question, details(c.details()), method, options,
                settings, actor, now, null, null, null)));
        }
        if (command instanceof ProposeAdoption c) {
            requireMayPropose(room, part, actor);
            PurposeState purpose = PurposeModule.of(room);
            if (c.rev() == null) throw Rejection.invalid("rev is required");
            if (c.rev() != purpose.rev()) {
                throw Rejection.conflict("the draft changed since revision " + c.rev() + "; review revision " + purpose.rev());
            }
            if (purpose.text().isBlank()) throw Rejection.invalid("an empty draft cannot be adopted");
            Settings settings = settings(Method.CONSENT, c.settings(), 0);
            return List.of(new Proposed(opened(room, Proposal.PURPOSE, "Adopt revision " + purpose.rev() + " of the purpose",
                details(c.details()), Method.CONSENT, List.of(), settings, actor, now, purpose.rev(), purpose.text(), null)));
        }
        if (command instanceof ProposeMandate c) return proposeMandate(room, part, actor, now, c);
        if (command instanceof Vote c) return vote(room, part, actor, now, c);
        if (command instanceof Amend c) {
            RoomRules.requireEditor(actor, "amend a proposal");
            if (c.proposalId() == null) throw Rejection.invalid("proposalId is required");
            Proposal open = part.proposal(c.proposalId());
            Decision closed = open == null ? part.latestOf(c.proposalId()) : null;
            if (open == null && closed == null) throw Rejection.notFound("no proposal " + c.proposalId());
            String proposer = open != null ? open.proposedBy() : closed.proposedBy();
            Method method = open != null ? open.method() : closed.method();
            if (!proposer.equals(actor.id())) throw Rejection.forbidden("only the proposer may amend a proposal");
            if (method != Method.CONSENT) throw Rejection.invalid("only consent proposals are amended and run again");
            if (closed != null && closed.carried()) throw Rejection.conflict("this proposal was carried; make a new one");
            if (closed != null && part.proposals().size() >= MAX_OPEN) {
                throw Rejection.conflict("a room has at most " + MAX_OPEN + " open proposals");
            }
            String question = c.question() == null ? (open != null ? open.question() : closed.question())
                : Names.text("question", c.question(), MAX_QUESTION);
            String details = c.details() == null ? (open != null ? open.details() : closed.details()) : details(c.details());
            Settings settings = open != null ? open.settings() : closed.settings();
            Long closesAt = settings.deadlineSeconds() == null ? null : now + settings.deadlineSeconds() * 1000L;
            int round = (open != null ? open.round() : closed.round()) + 1;
            return List.of(new Amended(c.proposalId(), round, question, details, closesAt));
        }
        if (command instanceof Close c) {
            RoomRules.requireEditor(actor, "close a proposal");
            Proposal p = requireOpen(part, c.proposalId());
            requireProposerOrFacilitator(p, actor, "close");
            return close(room, p, actor.id(), "closed", now);
        }
        if (command instanceof Withdraw c) {
            RoomRules.requireEditor(actor, "withdraw a proposal");
            Proposal p = requireOpen(part, c.proposalId());
            requireProposerOrFacilitator(p, actor, "withdraw");
            return List.of(new Withdrawn(p.id()));
        }
        if (command instanceof Restrict c) {
            RoomRules.requireFacilitator(actor, "restrict proposals");
            if (c.restricted() == null) throw Rejection.invalid("restricted is required");
            return c.restricted() == part.restricted() ? List.of() : List.of(new Restricted(c.restricted()));
        }
        Handover c = (Handover) command;
        if (c.memberId() != null && actor.id().equals(part.offers().get(c.memberId()))) return acceptHandover(room, actor, now, c);
        RoomRules.requireFacilitator(actor, "hand over the facilitator's role");
        Member to = requireMember(room, c.memberId());
        if (to.id().equals(actor.id())) throw Rejection.invalid("you cannot hand the role to yourself");
        if (to.role() == Role.FACILITATOR) throw Rejection.conflict(to.name() + " already facilitates");
        return to.id().equals(part.offers().get(actor.id())) ? List.of() : List.of(new HandoverOffered(actor.id(), to.id()));
    }

    /** The member offered the role takes it: the offering facilitator steps down. */
    private static List<RoomEvent> acceptHandover(RoomState room, Member actor, long now, Handover c) {
        Member from = room.member(c.memberId());
        if (from.role() != Role.FACILITATOR) throw Rejection.conflict(from.name() + " no longer facilitates");
        if (actor.role() == Role.FACILITATOR) throw Rejection.conflict("you already facilitate");
        MandateChange change = new MandateChange(from.id(), MandateAction.WITHDRAW, actor.id());
        Decision d = new Decision(decisionId(room, 0), null, 0, Decision.HANDOVER,
            from.name() + " hands the facilitator's role to " + actor.name(), "", null, List.of(), null, Tallies.CARRIED,
            List.of(), null, 0, 0, 0, List.of(), present(room), meetingRuns(room), facilitators(room), null, null, change,
            Map.of(), from.id(), now, now, actor.id(), Decision.HANDOVER);
        List<RoomEvent> events = new ArrayList<>();
        events.add(new Recorded(d));
        events.add(new RoleChanged(actor.id(), Role.FACILITATOR.wire()));
        events.add(new RoleChanged(from.id(), Role.PARTICIPANT.wire()));
        return events;
    }

    /**
     * The log entry of a facilitator's direct change of who facilitates: a role change to or from
     * facilitator, or the removal of a facilitator, made with the member list rather than by a
     * proposal. It follows that command's one event, and moves the mandates like a decision would,
     * so the log holds every change of mandate and the board says by whom it was made.
     */
    static List<RoomEvent> alongside(RoomState room, Member actor, long now, RoomEvent event) {
        if (actor == null) return List.of();
        String memberId;
        boolean grants;
        if (event instanceof RoleChanged e) {
            Member target = room.member(e.memberId());
            boolean was = target != null && target.role() == Role.FACILITATOR;
            boolean will = Role.FACILITATOR.wire().equals(e.role());
            if (target == null || was == will) return List.of();
            memberId = e.memberId();
            grants = will;
        } else if (event instanceof MemberRemoved e) {
            Member target = room.member(e.memberId());
            if (target == null || target.role() != Role.FACILITATOR) return List.of();
            memberId = e.memberId();
            grants = false;
        } else {
            return List.of();
        }
        Member target = room.member(memberId);
        String question;
        if (actor.id().equals(memberId)) {
            question = actor.name() + (grants ? " took up" : " stepped down from") + " the facilitator's role";
        } else if (event instanceof MemberRemoved) {
            question = actor.name() + " removed " + target.name() + ", a facilitator, from the room";
        } else {
            question = actor.name() + (grants ? " made " + target.name() + " a facilitator"
                : " took the facilitator's role from " + target.name());
        }
        MandateChange change = new MandateChange(memberId, grants ? MandateAction.GRANT : MandateAction.WITHDRAW, null);
        Decision d = new Decision(decisionId(room, 1), null, 0, Decision.FACILITATOR, question, "", null, List.of(), null,
            Tallies.CARRIED, List.of(), null, 0, 0, 0, List.of(), present(room), meetingRuns(room), facilitators(room),
            null, null, change, Map.of(), actor.id(), now, now, actor.id(), Decision.FACILITATOR);
        return List.of(new Recorded(d));
    }

    /** The id the log entry of a facilitator's direct adoption gets (it follows the adoption event). */
    public static String facilitatorDecisionId(RoomState room) {
        return decisionId(room, 1);
    }

    /** The log entry of a facilitator's direct adoption of the purpose, for the purpose module's adopt. */
    public static Decision facilitatorAdoption(RoomState room, Member facilitator, int rev, String text, long now) {
        return new Decision(facilitatorDecisionId(room), null, 0, Decision.FACILITATOR, "Adopt revision " + rev + " of the purpose",
            "", null, List.of(), null, Tallies.CARRIED, List.of(), null, 0, 0, 0, List.of(), present(room),
            meetingRuns(room), facilitators(room), rev, text, null, Map.of(), facilitator.id(), now, now,
            facilitator.id(), Decision.FACILITATOR);
    }

    private static List<RoomEvent> proposeMandate(RoomState room, DecisionState part, Member actor, long now, ProposeMandate c) {
        requireMayPropose(room, part, actor);
        Member member = requireMember(room, c.memberId());
        MandateAction action = c.action() == null ? MandateAction.GRANT : c.action();
        String question;
        String successorId = null;
        if (action == MandateAction.GRANT) {
            if (member.role() == Role.FACILITATOR) throw Rejection.conflict(member.name() + " already facilitates");
            question = "Give " + member.name() + " the facilitator's mandate";
        } else {
            if (member.role() != Role.FACILITATOR) throw Rejection.conflict(member.name() + " does not facilitate");
            if (c.successorId() != null) {
                Member successor = requireMember(room, c.successorId());
                if (successor.id().equals(member.id())) throw Rejection.invalid("the successor must be someone else");
                if (successor.role() == Role.FACILITATOR) throw Rejection.conflict(successor.name() + " already facilitates");
                successorId = successor.id();
            } else if (room.facilitatorCount() == 1) {
                throw Rejection.invalid("a room needs a facilitator: name a successorId to withdraw the last mandate");
            }
            question = "Withdraw " + member.name() + "'s facilitator mandate"
                + (successorId == null ? "" : "; " + room.member(successorId).name() + " facilitates instead");
        }
        for (Proposal p : part.proposals()) {
            if (p.mandate() != null && p.mandate().memberId().equals(member.id())) {
                throw Rejection.conflict("a proposal about " + member.name() + "'s mandate is already open");
            }
        }
        Settings settings = settings(Method.CONSENT, c.settings(), 0);
        return List.of(new Proposed(opened(room, Proposal.MANDATE, question, details(c.details()), Method.CONSENT, List.of(),
            settings, actor, now, null, null, new MandateChange(member.id(), action, successorId))));
    }

    private static List<RoomEvent> vote(RoomState room, DecisionState part, Member actor, long now, Vote c) {
        RoomRules.requireEditor(actor, "vote");
        Proposal p = requireOpen(part, c.proposalId());
        if (p.closesAt() != null && p.closesAt() <= now) throw Rejection.conflict("this proposal's deadline has passed");
        Ballot ballot = ballot(p, c);
        if (ballot.equals(p.ballots().get(actor.id()))) return List.of();
        List<String> voters = new ArrayList<>(p.voters());
        if (!voters.contains(actor.id())) voters.add(actor.id());
        Map<String, Ballot> ballots = new LinkedHashMap<>(p.ballots());
        ballots.put(actor.id(), ballot);
        Tally tally = Tallies.count(p, voters, ballots);
        List<RoomEvent> events = new ArrayList<>();
        events.add(new Voted(p.id(), ballot, tally, p.settings().anonymousBallots(), p.settings().resultsAfterClose()));
        if (p.settings().closesOnFullTurnout() && new HashSet<>(voters).containsAll(eligible(room))) {
            Proposal after = p.withBallots(voters, ballots, tally, p.ballotSeqs());
            events.addAll(close(room, after, RoomRules.SYSTEM, "all_voted", now, 1));
        }
        return events;
    }

    /** The events of a proposal that closes now, its decision and what it carries with it. */
    static List<RoomEvent> close(RoomState room, Proposal p, String by, String reason, long now) {
        return close(room, p, by, reason, now, 0);
    }

    private static List<RoomEvent> close(RoomState room, Proposal p, String by, String reason, long now, int before) {
        Tally tally = Tallies.count(p, p.voters(), p.ballots());
        List<String> present = present(room);
        int quorum = Tallies.quorum(p.settings(), present.size());
        Tallies.Outcome outcome = Tallies.outcome(p, tally, quorum);
        Map<String, Ballot> named = p.settings().anonymousBallots() ? Map.of() : p.ballots();
        Decision d = new Decision(decisionId(room, before), p.id(), p.round(), p.kind(), p.question(), p.details(), p.method(),
            p.options(), p.settings(), outcome.outcome(), outcome.winners(), tally, tally.ballots(), eligible(room).size(),
            quorum, p.voters(), present, meetingRuns(room), facilitators(room), p.purposeRev(), p.purposeText(),
            p.mandate(), named, p.proposedBy(), p.openedAt(), now, by, reason);
        List<RoomEvent> events = new ArrayList<>();
        events.add(new Closed(d));
        if (d.carried()) events.addAll(effects(room, d));
        return events;
    }

    /** What a carried decision changes beyond the log: the adopted purpose, or who facilitates. */
    private static List<RoomEvent> effects(RoomState room, Decision d) {
        if (Proposal.PURPOSE.equals(d.kind())) return List.of(new PurposeEvent.Adopted(d.purposeRev(), d.purposeText(), d.id()));
        if (!Proposal.MANDATE.equals(d.kind())) return List.of();
        MandateChange m = d.mandate();
        Member member = room.member(m.memberId());
        List<RoomEvent> events = new ArrayList<>();
        if (m.action() == MandateAction.GRANT) {
            if (member.role() != Role.FACILITATOR) events.add(new RoleChanged(member.id(), Role.FACILITATOR.wire()));
            return events;
        }
        Member successor = m.successorId() == null ? null : room.member(m.successorId());
        if (successor != null && successor.role() != Role.FACILITATOR) {
            events.add(new RoleChanged(successor.id(), Role.FACILITATOR.wire()));
        }
        long remaining = room.facilitatorCount() + events.size() - (member.role() == Role.FACILITATOR ? 1 : 0);
        if (member.role() == Role.FACILITATOR && remaining >= 1) events.add(new RoleChanged(member.id(), Role.PARTICIPANT.wire()));
        return events;
    }

    // ---- validation ----------------------------------------------------------------------------

    private static void requireMayPropose(RoomState room, DecisionState part, Member actor) {
        RoomRules.requireEditor(actor, "make proposals");
        if (part.restricted() && meetingRuns(room) && actor.role() != Role.FACILITATOR) {
            throw Rejection.forbidden("during this meeting only facilitators may make proposals");
        }
        if (part.proposals().size() >= MAX_OPEN) throw Rejection.conflict("a room has at most " + MAX_OPEN + " open proposals");
    }

    private static void requireProposerOrFacilitator(Proposal p, Member actor, String what) {
        if (!p.proposedBy().equals(actor.id()) && actor.role() != Role.FACILITATOR) {
            throw Rejection.forbidden("only the proposer or a facilitator may " + what + " a proposal");
        }
    }

    /** An open proposal: a closed one is {@code conflict}, an unknown one {@code not_found}. */
    private static Proposal requireOpen(DecisionState part, String id) {
        if (id == null) throw Rejection.invalid("proposalId is required");
        Proposal p = part.proposal(id);
        if (p != null) return p;
        if (part.latestOf(id) != null) throw Rejection.conflict("this proposal is closed");
        throw Rejection.notFound("no proposal " + id);
    }

    private static Member requireMember(RoomState room, String id) {
        if (id == null) throw Rejection.invalid("memberId is required");
        Member m = room.member(id);
        if (m == null) throw Rejection.notFound("no member " + id + " in this room");
        return m;
    }

    private static String details(String raw) {
        return Names.paragraph("details", raw, MAX_DETAILS);
    }

    private static List<Option> options(Method method, List<String> labels) {
        List<String> given = labels == null ? List.of() : labels;
        if (!method.hasOptions()) return List.of();
        if (given.size() < 2) throw Rejection.invalid("a " + method.wire() + " vote needs at least 2 options");
        if (given.size() > MAX_OPTIONS) throw Rejection.invalid("a proposal has at most " + MAX_OPTIONS + " options");
        List<Option> options = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : given) {
            String label = Names.text("option", raw, MAX_OPTION);
            if (!seen.add(label.toLowerCase(java.util.Locale.ROOT))) throw Rejection.invalid("option \"" + label + "\" is listed twice");
            options.add(new Option("o" + (options.size() + 1), label));
        }
        return options;
    }

    /** The settings as stored: defaults filled in, what does not apply to the method left out. */
    static Settings settings(Method method, Settings given, int optionCount) {
        Settings s = given == null ? new Settings(null, null, null, null, null, null, null, null, null, null, null) : given;
        Integer quorum = s.quorum();
        if (quorum != null && (quorum < 1 || quorum > 1000)) throw Rejection.invalid("quorum must be a count from 1 to 1000");
        Integer percent = s.quorumPercent();
        if (percent != null && (percent < 1 || percent > 100)) throw Rejection.invalid("quorumPercent must be from 1 to 100");
        Integer deadline = s.deadlineSeconds();
        if (deadline != null && (deadline < MIN_DEADLINE_SECONDS || deadline > MAX_DEADLINE_SECONDS)) {
            throw Rejection.invalid("deadlineSeconds must be from " + MIN_DEADLINE_SECONDS + " to " + MAX_DEADLINE_SECONDS);
        }
        Majority majority = null;
        Integer threshold = null;
        Integer maxChoices = null;
        Integer budget = null;
        Integer cap = null;
        switch (method) {
            case YES_NO -> majority = s.majority() == null ? Majority.SIMPLE : s.majority();
            case FIST_TO_FIVE -> {
                threshold = s.threshold() == null ? Tallies.DEFAULT_THRESHOLD : s.threshold();
                if (threshold < 0 || threshold > 5) throw Rejection.invalid("threshold must be from 0 to 5");
            }
            case CHOICE -> {
                maxChoices = s.maxChoices() == null ? 1 : s.maxChoices();
                if (maxChoices < 1 || maxChoices > optionCount) throw Rejection.invalid("maxChoices must be from 1 to " + optionCount);
            }
            case DOT_VOTE -> {
                budget = s.budget() == null ? DEFAULT_BUDGET : s.budget();
                if (budget < 1 || budget > MAX_BUDGET) throw Rejection.invalid("budget must be from 1 to " + MAX_BUDGET);
                cap = s.perOptionCap() == null ? budget : s.perOptionCap();
                if (cap < 1 || cap > budget) throw Rejection.invalid("perOptionCap must be from 1 to the budget, " + budget);
            }
            default -> {
            }
        }
        return new Settings(s.anonymousBallots(), s.resultsAfterClose(), quorum, percent, deadline, s.closesOnFullTurnout(),
            majority, threshold, maxChoices, budget, cap);
    }

    /** The ballot as stored: checked against the method, with only the method's fields. */
    static Ballot ballot(Proposal p, Vote c) {
        switch (p.method()) {
            case CONSENT -> {
                Position pos = c.position();
                if (pos != Position.CONSENT && pos != Position.STAND_ASIDE && pos != Position.OBJECT) {
                    throw Rejection.invalid("a consent ballot is consent, stand_aside or object");
                }
                String reason = Names.paragraph("reason", c.reason(), MAX_REASON);
                if (pos == Position.OBJECT && reason.isEmpty()) throw Rejection.invalid("an objection needs a reason");
                return new Ballot(pos, reason.isEmpty() ? null : reason, null, null, null, null);
            }
            case YES_NO -> {
                Position pos = c.position();
                if (pos != Position.YES && pos != Position.NO && pos != Position.ABSTAIN) {
                    throw Rejection.invalid("a yes / no ballot is yes, no or abstain");
                }
                return new Ballot(pos, null, null, null, null, null);
            }
            case FIST_TO_FIVE -> {
                if (c.score() == null || c.score() < 0 || c.score() > 5) throw Rejection.invalid("score must be from 0 to 5");
                return new Ballot(null, null, c.score(), null, null, null);
            }
            case CHOICE -> {
                List<String> chosen = distinctKnown(p, c.options(), "options");
                if (chosen.isEmpty()) throw Rejection.invalid("choose at least one option");
                int max = p.settings().maxChoices();
                if (chosen.size() > max) throw Rejection.invalid("choose at most " + max + (max == 1 ? " option" : " options"));
                return new Ballot(null, null, null, chosen, null, null);
            }
            case DOT_VOTE -> {
                if (c.dots() == null || c.dots().isEmpty()) throw Rejection.invalid("dots is required: option id → dots");
                Map<String, Integer> dots = new LinkedHashMap<>();
                int total = 0;
                for (Option o : p.options()) {
                    if (!c.dots().containsKey(o.id())) continue;
                    Integer n = c.dots().get(o.id());
                    if (n == null || n < 0) throw Rejection.invalid("dots must be whole numbers ≥ 0");
                    if (n > p.settings().perOptionCap()) {
                        throw Rejection.invalid("at most " + p.settings().perOptionCap() + " dots on one option");
                    }
                    if (n > 0) dots.put(o.id(), n);
                    total += n;
                }
                for (String id : c.dots().keySet()) if (p.option(id) == null) throw Rejection.notFound("no option " + id + " in this proposal");
                if (total > p.settings().budget()) {
                    throw Rejection.invalid("over budget: " + total + " dots, the budget is " + p.settings().budget());
                }
                if (total == 0) throw Rejection.invalid("place at least one dot");
                return new Ballot(null, null, null, null, java.util.Collections.unmodifiableMap(dots), null);
            }
            case RANKED -> {
                List<String> ranking = distinctKnown(p, c.ranking(), "ranking");
                if (ranking.isEmpty()) throw Rejection.invalid("rank at least one option");
                return new Ballot(null, null, null, null, null, ranking);
            }
        }
        throw new IllegalStateException(p.method().toString());
    }

    private static List<String> distinctKnown(Proposal p, List<String> ids, String field) {
        if (ids == null) throw Rejection.invalid(field + " is required: option ids");
        Set<String> seen = new LinkedHashSet<>();
        for (String id : ids) {
            if (id == null) throw Rejection.invalid(field + " holds option ids, not null");
            if (p.option(id) == null) throw Rejection.notFound("no option " + id + " in this proposal");
            if (!seen.add(id)) throw Rejection.invalid("malformed " + field + ": " + id + " appears twice");
        }
        return List.copyOf(seen);
    }

    // ---- who ---------------------------------------------------------------------------------

    /** Members who may vote: everyone but observers. */
    static List<String> eligible(RoomState room) {
        List<String> ids = new ArrayList<>();
        for (Member m : room.members().values()) if (m.role() != Role.OBSERVER) ids.add(m.id());
        ids.sort(null);
        return ids;
    }

    static List<String> facilitators(RoomState room) {
        List<String> ids = new ArrayList<>();
        for (Member m : room.members().values()) if (m.role() == Role.FACILITATOR) ids.add(m.id());
        ids.sort(null);
        return ids;
    }

    /** Whether a meeting is running (proposals may then be restricted to facilitators). */
    static boolean meetingRuns(RoomState room) {
        return MeetingModule.current(room) != null;
    }

    /**
     * Who is present: the running meeting's attendance; without a meeting, every eligible member
     * (so a quorum share is then a share of everyone who may vote).
     */
    static List<String> present(RoomState room) {
        Meeting meeting = MeetingModule.current(room);
        return meeting == null ? eligible(room) : List.copyOf(meeting.present());
    }

    private static String decisionId(RoomState room, int eventsBefore) {
        return "d" + (room.seq() + 1 + eventsBefore);
    }

    private static Proposal opened(RoomState room, String kind, String question, String details, Method method,
                                   List<Option> options, Settings settings, Member actor, long now, Integer rev,
                                   String text, MandateChange mandate) {
        Long closesAt = settings.deadlineSeconds() == null ? null : now + settings.deadlineSeconds() * 1000L;
        return new Proposal("p" + (room.seq() + 1), kind, question, details, method, options, settings, closesAt,
            actor.id(), now, 1, rev, text, mandate, List.of(), Map.of(), null, List.of());
    }

    // ---- apply ---------------------------------------------------------------------------------

    /** The decisions after one of their events; accepts a ballot without its choice (an anonymous one as archived, or another viewer's copy). */
    public static DecisionState apply(DecisionState part, Sequenced sequenced) {
        DecisionEvent event = (DecisionEvent) sequenced.event();
        if (event instanceof Proposed e) {
            List<Proposal> proposals = new ArrayList<>(part.proposals());
            proposals.add(e.proposal());
            return new DecisionState(proposals, part.log(), part.mandates(), part.offers(), part.restricted());
        }
        if (event instanceof Voted e) {
            Proposal p = part.proposal(e.proposalId());
            List<String> voters = new ArrayList<>(p.voters());
            if (!voters.contains(sequenced.by())) voters.add(sequenced.by());
            Map<String, Ballot> ballots = p.ballots();
            if (e.ballot() != null) {
                ballots = new LinkedHashMap<>(ballots);
                ballots.put(sequenced.by(), e.ballot());
            }
            List<Long> seqs = p.ballotSeqs();
            if (e.anonymous()) {
                seqs = new ArrayList<>(seqs);
                seqs.add(sequenced.seq());
            }
            return replace(part, p.withBallots(voters, ballots, e.tally(), seqs));
        }
        if (event instanceof Amended e) {
            Proposal p = part.proposal(e.proposalId());
            if (p != null) return replace(part, p.rerun(e.question(), e.details(), e.round(), e.closesAt(), sequenced.at()));
            List<Proposal> proposals = new ArrayList<>(part.proposals());
            proposals.add(Proposal.reopened(part.latestOf(e.proposalId()), e.question(), e.details(), e.round(), e.closesAt(),
                sequenced.at()));
            return new DecisionState(proposals, part.log(), part.mandates(), part.offers(), part.restricted());
        }
        if (event instanceof Withdrawn e) {
            List<Proposal> proposals = new ArrayList<>(part.proposals());
            proposals.remove(part.proposal(e.proposalId()));
            return new DecisionState(proposals, part.log(), part.mandates(), part.offers(), part.restricted());
        }
        if (event instanceof Closed e) {
            Decision d = e.decision();
            List<Proposal> proposals = new ArrayList<>(part.proposals());
            proposals.remove(part.proposal(d.fromProposal()));
            DecisionState next = new DecisionState(proposals, part.log(), part.mandates(), part.offers(), part.restricted());
            return logged(next, d, sequenced.at());
        }
        if (event instanceof Recorded e) return logged(part, e.decision(), sequenced.at());
        if (event instanceof Restricted e) {
            return new DecisionState(part.proposals(), part.log(), part.mandates(), part.offers(), e.restricted());
        }
        HandoverOffered e = (HandoverOffered) event;
        Map<String, String> offers = new LinkedHashMap<>(part.offers());
        offers.put(e.from(), e.to());
        return new DecisionState(part.proposals(), part.log(), part.mandates(), offers, part.restricted());
    }

    private static DecisionState replace(DecisionState part, Proposal p) {
        List<Proposal> proposals = new ArrayList<>(part.proposals());
        for (int i = 0; i < proposals.size(); i++) if (proposals.get(i).id().equals(p.id())) proposals.set(i, p);
        return new DecisionState(proposals, part.log(), part.mandates(), part.offers(), part.restricted());
    }

    /** The decision in the log, and the mandates it changes. */
    private static DecisionState logged(DecisionState part, Decision d, long at) {
        List<Decision> log = new ArrayList<>(part.log());
        log.add(d);
        Map<String, Mandate> mandates = part.mandates();
        Map<String, String> offers = part.offers();
        MandateChange m = d.mandate();
        if (m != null && d.carried()) {
            mandates = new LinkedHashMap<>(mandates);
            offers = new LinkedHashMap<>(offers);
            if (m.action() == MandateAction.GRANT) {
                mandates.put(m.memberId(), new Mandate(d.id(), at));
            } else {
                mandates.remove(m.memberId());
                offers.remove(m.memberId());
                if (m.successorId() != null) mandates.put(m.successorId(), new Mandate(d.id(), at));
            }
        }
        return new DecisionState(part.proposals(), log, mandates, offers, part.restricted());
    }
}
