package dev.cairn.commitment;

import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.RecordPart;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Needs and commitments on the module seam: posted, claimed, made, changed, handed over, and reviewed meeting after meeting. */
public final class CommitmentModule implements Module<CommitmentState> {
    private static final CommitmentModule INSTANCE = new CommitmentModule();

    /** Public for {@link java.util.ServiceLoader}. */
    public CommitmentModule() {
    }

    /** A room's needs and commitments. */
    public static CommitmentState of(RoomState room) {
        return room.part(INSTANCE);
    }

    @Override
    public String key() {
        return "commitment";
    }

    @Override
    public Class<CommitmentState> stateType() {
        return CommitmentState.class;
    }

    @Override
    public CommitmentState initial() {
        return CommitmentState.empty();
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        Map<String, Class<? extends RoomCommand>> commands = new LinkedHashMap<>();
        commands.put("commitment.post_need", CommitmentCommand.PostNeed.class);
        commands.put("commitment.withdraw_need", CommitmentCommand.WithdrawNeed.class);
        commands.put("commitment.claim", CommitmentCommand.Claim.class);
        commands.put("commitment.make", CommitmentCommand.Make.class);
        commands.put("commitment.edit", CommitmentCommand.Edit.class);
        commands.put("commitment.plan", CommitmentCommand.Plan.class);
        commands.put("commitment.set_status", CommitmentCommand.SetStatus.class);
        commands.put("commitment.hand_over", CommitmentCommand.HandOver.class);
        commands.put("commitment.answer_handover", CommitmentCommand.AnswerHandover.class);
        commands.put("commitment.review_start", CommitmentCommand.StartReview.class);
        commands.put("commitment.review_step", CommitmentCommand.Step.class);
        commands.put("commitment.review_end", CommitmentCommand.EndReview.class);
        return commands;
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        Map<String, Class<? extends RoomEvent>> events = new LinkedHashMap<>();
        events.put("commitment.need_posted", CommitmentEvent.NeedPosted.class);
        events.put("commitment.need_withdrawn", CommitmentEvent.NeedWithdrawn.class);
        events.put("commitment.claimed", CommitmentEvent.Claimed.class);
        events.put("commitment.made", CommitmentEvent.Made.class);
        events.put("commitment.edited", CommitmentEvent.Edited.class);
        events.put("commitment.status_changed", CommitmentEvent.StatusChanged.class);
        events.put("commitment.handover_offered", CommitmentEvent.HandoverOffered.class);
        events.put("commitment.handover_withdrawn", CommitmentEvent.HandoverWithdrawn.class);
        events.put("commitment.handover_accepted", CommitmentEvent.HandoverAccepted.class);
        events.put("commitment.handover_declined", CommitmentEvent.HandoverDeclined.class);
        events.put("commitment.review_started", CommitmentEvent.ReviewStarted.class);
        events.put("commitment.reviewed", CommitmentEvent.Reviewed.class);
        events.put("commitment.review_ended", CommitmentEvent.ReviewEnded.class);
        return events;
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        return CommitmentRules.decide(room, actor, ctx, (CommitmentCommand) command);
    }

    @Override
    public List<RoomEvent> alongside(RoomState room, Member actor, Context ctx, RoomEvent event) {
        return CommitmentRules.alongside(room, event);
    }

    @Override
    public CommitmentState apply(CommitmentState part, Sequenced event, RoomState room) {
        return CommitmentRules.apply(part, event);
    }

    @Override
    public String recordTitle() {
        return "Commitments";
    }

    @Override
    public RecordPart record(Viewer viewer) {
        return new CommitmentRecord();
    }
}
