package dev.cairn.meeting;

import dev.cairn.room.Context;
import dev.cairn.room.Deadline;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meetings on the module seam: a meeting's lifecycle and attendance, the agenda, timeboxes kept
 * as absolute ends on the room's clock, the extend-or-move-on poll, focus ("follow me") and the
 * facilitator rota. Other modules read the running meeting through {@link #current}.
 */
public final class MeetingModule implements Module<MeetingState> {
    private static final MeetingModule INSTANCE = new MeetingModule();

    /** Public for {@link java.util.ServiceLoader}. */
    public MeetingModule() {
    }

    /** A room's meeting part. */
    public static MeetingState of(RoomState room) {
        return room.part(INSTANCE);
    }

    /** The meeting running in {@code room}, or null between meetings. */
    public static Meeting current(RoomState room) {
        return of(room).meeting();
    }

    @Override
    public String key() {
        return "meeting";
    }

    @Override
    public Class<MeetingState> stateType() {
        return MeetingState.class;
    }

    @Override
    public MeetingState initial() {
        return MeetingState.empty();
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        Map<String, Class<? extends RoomCommand>> c = new LinkedHashMap<>();
        c.put("meeting.start", MeetingCommand.Start.class);
        c.put("meeting.end", MeetingCommand.End.class);
        c.put("meeting.segment_add", MeetingCommand.AddSegment.class);
        c.put("meeting.segment_update", MeetingCommand.UpdateSegment.class);
        c.put("meeting.segment_move", MeetingCommand.MoveSegment.class);
        c.put("meeting.segment_remove", MeetingCommand.RemoveSegment.class);
        c.put("meeting.propose", MeetingCommand.Propose.class);
        c.put("meeting.proposal_accept", MeetingCommand.AcceptProposal.class);
        c.put("meeting.proposal_decline", MeetingCommand.DeclineProposal.class);
        c.put("meeting.goto", MeetingCommand.Goto.class);
        c.put("meeting.next", MeetingCommand.Next.class);
        c.put("meeting.skip", MeetingCommand.Skip.class);
        c.put("meeting.timer_start", MeetingCommand.StartTimer.class);
        c.put("meeting.timer_pause", MeetingCommand.PauseTimer.class);
        c.put("meeting.timer_resume", MeetingCommand.ResumeTimer.class);
        c.put("meeting.timer_add", MeetingCommand.AddTime.class);
        c.put("meeting.timer_stop", MeetingCommand.StopTimer.class);
        c.put("meeting.poll_open", MeetingCommand.OpenPoll.class);
        c.put("meeting.poll_answer", MeetingCommand.AnswerPoll.class);
        c.put("meeting.poll_close", MeetingCommand.ClosePoll.class);
        c.put("meeting.focus", MeetingCommand.Focus.class);
        c.put("meeting.rota_change", MeetingCommand.SetRota.class);
        c.put("meeting.configure", MeetingCommand.Configure.class);
        return c;
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        Map<String, Class<? extends RoomEvent>> e = new LinkedHashMap<>();
        e.put("meeting.started", MeetingEvent.Started.class);
        e.put("meeting.ended", MeetingEvent.Ended.class);
        e.put("meeting.attendance_changed", MeetingEvent.AttendanceChanged.class);
        e.put("meeting.segment_added", MeetingEvent.SegmentAdded.class);
        e.put("meeting.segment_updated", MeetingEvent.SegmentUpdated.class);
        e.put("meeting.segment_moved", MeetingEvent.SegmentMoved.class);
        e.put("meeting.segment_removed", MeetingEvent.SegmentRemoved.class);
        e.put("meeting.proposed", MeetingEvent.Proposed.class);
        e.put("meeting.proposal_closed", MeetingEvent.ProposalClosed.class);
        e.put("meeting.segment_started", MeetingEvent.SegmentStarted.class);
        e.put("meeting.segment_ended", MeetingEvent.SegmentEnded.class);
        e.put("meeting.timer_started", MeetingEvent.TimerStarted.class);
        e.put("meeting.timer_paused", MeetingEvent.TimerPaused.class);
        e.put("meeting.timer_resumed", MeetingEvent.TimerResumed.class);
        e.put("meeting.time_added", MeetingEvent.TimeAdded.class);
        e.put("meeting.timer_stopped", MeetingEvent.TimerStopped.class);
        e.put("meeting.time_up", MeetingEvent.TimeUp.class);
        e.put("meeting.poll_opened", MeetingEvent.PollOpened.class);
        e.put("meeting.poll_answered", MeetingEvent.PollAnswered.class);
        e.put("meeting.poll_closed", MeetingEvent.PollClosed.class);
        e.put("meeting.focus_changed", MeetingEvent.FocusChanged.class);
        e.put("meeting.rota_changed", MeetingEvent.RotaSet.class);
        e.put("meeting.configured", MeetingEvent.Configured.class);
        return e;
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        return MeetingRules.decide(room, actor, ctx, (MeetingCommand) command);
    }

    @Override
    public MeetingState apply(MeetingState part, Sequenced event, RoomState room) {
        return MeetingRules.apply(part, (MeetingEvent) event.event(), event.by(), event.at());
    }

    /** A running timer's end (until its time-up is committed), and the idle end of an empty meeting. */
    @Override
    public List<Deadline> deadlines(MeetingState part) {
        Meeting m = part.meeting();
        if (m == null) return List.of();
        List<Deadline> out = new ArrayList<>(2);
        Timer t = m.timer();
        if (t != null && t.running() && !t.timeUp()) out.add(new Deadline(MeetingRules.TIME_UP, t.endsAt()));
        if (m.emptySince() != null) out.add(new Deadline(MeetingRules.IDLE, m.emptySince() + part.idleMinutes() * MeetingRules.MINUTE));
        return out;
    }

    @Override
    public List<RoomEvent> due(RoomState room, MeetingState part, String deadlineId, long now) {
        return MeetingRules.due(room, part, deadlineId, now);
    }

    @Override
    public List<RoomEvent> presence(RoomState room, MeetingState part, Set<String> online, long now) {
        return MeetingRules.presence(room, part, online, now);
    }

    // ---- the meeting record ------------------------------------------------------------------

    @Override
    public String recordTitle() {
        return "Meeting";
    }

    @Override
    public dev.cairn.room.RecordPart record(dev.cairn.room.Viewer viewer) {
        return new MeetingRecord();
    }
}
