package dev.cairn.decision;

import dev.cairn.decision.DecisionEvent.Amended;
import dev.cairn.decision.DecisionEvent.Closed;
import dev.cairn.decision.DecisionEvent.Voted;
import dev.cairn.decision.DecisionEvent.Withdrawn;
import dev.cairn.room.Context;
import dev.cairn.room.Deadline;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.Projection;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared decisions on the module seam: proposals and their ballots in six methods, the decision
 * log, facilitators' mandates and handovers. Anonymous ballots are sealed events: the archive
 * keeps them without the choice, and the close erases them.
 */
public final class DecisionModule implements Module<DecisionState> {
    /** The projection list holding the seq of every event that entered a decision into the log. */
    public static final String LOG = "decision.log";

    private static final DecisionModule INSTANCE = new DecisionModule();

    /** Public for {@link java.util.ServiceLoader}. */
    public DecisionModule() {
    }

    /** A room's decisions. */
    public static DecisionState of(RoomState room) {
        return room.part(INSTANCE);
    }

    @Override
    public String key() {
        return "decision";
    }

    @Override
    public Class<DecisionState> stateType() {
        return DecisionState.class;
    }

    @Override
    public DecisionState initial() {
        return DecisionState.empty();
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        Map<String, Class<? extends RoomCommand>> commands = new LinkedHashMap<>();
        commands.put("decision.propose", DecisionCommand.Propose.class);
        commands.put("decision.propose_adoption", DecisionCommand.ProposeAdoption.class);
        commands.put("decision.propose_mandate", DecisionCommand.ProposeMandate.class);
        commands.put("decision.vote", DecisionCommand.Vote.class);
        commands.put("decision.amend", DecisionCommand.Amend.class);
        commands.put("decision.close", DecisionCommand.Close.class);
        commands.put("decision.withdraw", DecisionCommand.Withdraw.class);
        commands.put("decision.restrict", DecisionCommand.Restrict.class);
        commands.put("decision.handover", DecisionCommand.Handover.class);
        return commands;
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        Map<String, Class<? extends RoomEvent>> events = new LinkedHashMap<>();
        events.put("decision.proposed", DecisionEvent.Proposed.class);
        events.put("decision.voted", DecisionEvent.Voted.class);
        events.put("decision.amended", DecisionEvent.Amended.class);
        events.put("decision.withdrawn", DecisionEvent.Withdrawn.class);
        events.put("decision.closed", DecisionEvent.Closed.class);
        events.put("decision.recorded", DecisionEvent.Recorded.class);
        events.put("decision.restricted", DecisionEvent.Restricted.class);
        events.put("decision.handover_offered", DecisionEvent.HandoverOffered.class);
        return events;
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        return DecisionRules.decide(room, actor, ctx, (DecisionCommand) command);
    }

    @Override
    public List<RoomEvent> alongside(RoomState room, Member actor, Context ctx, RoomEvent event) {
        return DecisionRules.alongside(room, actor, ctx.now(), event);
    }

    @Override
    public DecisionState apply(DecisionState part, Sequenced event, RoomState room) {
        return DecisionRules.apply(part, event);
    }

    // ---- the room's clock ------------------------------------------------------------------------

    @Override
    public List<Deadline> deadlines(DecisionState part) {
        List<Deadline> out = new ArrayList<>();
        for (Proposal p : part.proposals()) if (p.closesAt() != null) out.add(new Deadline(p.id(), p.closesAt()));
        return out;
    }

    @Override
    public List<RoomEvent> due(RoomState room, DecisionState part, String deadlineId, long now) {
        Proposal p = part.proposal(deadlineId);
        if (p == null || p.closesAt() == null || p.closesAt() > now) return List.of();
        return DecisionRules.close(room, p, RoomRules.SYSTEM, "deadline", now);
    }

    // ---- the log ---------------------------------------------------------------------------------

    @Override
    public List<Projection> projections(Sequenced event) {
        return event.event() instanceof Closed || event.event() instanceof DecisionEvent.Recorded
            ? List.of(new Projection(LOG, Long.toString(event.seq()))) : List.of();
    }

    @Override
    public Map<String, String> listRoutes() {
        return Map.of("decisions", LOG);
    }

    // ---- views per viewer ------------------------------------------------------------------------

    @Override
    public boolean hasPrivateParts() {
        return true;
    }

    /** Open proposals with secret ballots show a viewer only their own; hidden results show no running tally. */
    @Override
    public DecisionState view(DecisionState part, Viewer viewer) {
        boolean any = false;
        for (Proposal p : part.proposals()) any |= p.settings().ballotsSecret();
        if (!any) return part;
        List<Proposal> proposals = new ArrayList<>(part.proposals().size());
        for (Proposal p : part.proposals()) {
            if (!p.settings().ballotsSecret()) {
                proposals.add(p);
                continue;
            }
            Ballot own = p.ballots().get(viewer.memberId());
            proposals.add(p.withBallots(p.voters(), own == null ? Map.of() : Map.of(viewer.memberId(), own),
                p.settings().resultsAfterClose() ? null : p.tally(), p.ballotSeqs()));
        }
        return new DecisionState(proposals, part.log(), part.mandates(), part.offers(), part.restricted());
    }

    @Override
    public Sequenced view(Sequenced event, Viewer viewer) {
        if (!(event.event() instanceof Voted e) || !(e.anonymous() || e.resultsHidden())) return event;
        boolean own = event.by().equals(viewer.memberId());
        Ballot ballot = own ? e.ballot() : null;
        Tally tally = e.resultsHidden() ? null : e.tally();
        return new Sequenced(event.seq(), event.at(), event.by(),
            new Voted(e.proposalId(), ballot, tally, e.anonymous(), e.resultsHidden()));
    }

    // ---- sealed events ---------------------------------------------------------------------------

    /** An anonymous ballot is archived without its choice and without the running tally (which would tell it). */
    @Override
    public Sequenced archived(Sequenced event) {
        if (!(event.event() instanceof Voted e) || !e.anonymous()) return null;
        return new Sequenced(event.seq(), event.at(), event.by(),
            new Voted(e.proposalId(), null, null, true, e.resultsHidden()));
    }

    /** Closing, amending or withdrawing an anonymous proposal erases its ballots of the round. */
    @Override
    public List<Long> erases(Sequenced event, RoomState before) {
        String id;
        if (event.event() instanceof Closed e) id = e.decision().fromProposal();
        else if (event.event() instanceof Amended e) id = e.proposalId();
        else if (event.event() instanceof Withdrawn e) id = e.proposalId();
        else return List.of();
        Proposal p = of(before).proposal(id);
        return p == null ? List.of() : p.ballotSeqs();
    }

    // ---- the meeting record ------------------------------------------------------------------

    @Override
    public String recordTitle() {
        return "Decisions";
    }

    @Override
    public dev.cairn.room.RecordPart record(Viewer viewer) {
        return new DecisionRecord();
    }
}
