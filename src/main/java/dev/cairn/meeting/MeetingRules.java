package dev.cairn.meeting;

import dev.cairn.meeting.MeetingCommand.AcceptProposal;
import dev.cairn.meeting.MeetingCommand.AddSegment;
import dev.cairn.meeting.MeetingCommand.AddTime;
import dev.cairn.meeting.MeetingCommand.AnswerPoll;
import dev.cairn.meeting.MeetingCommand.ClosePoll;
import dev.cairn.meeting.MeetingCommand.Configure;
import dev.cairn.meeting.MeetingCommand.DeclineProposal;
import dev.cairn.meeting.MeetingCommand.End;
import dev.cairn.meeting.MeetingCommand.Focus;
import dev.cairn.meeting.MeetingCommand.Goto;
import dev.cairn.meeting.MeetingCommand.MoveSegment;
import dev.cairn.meeting.MeetingCommand.Next;
import dev.cairn.meeting.MeetingCommand.OpenPoll;
import dev.cairn.meeting.MeetingCommand.PauseTimer;
import dev.cairn.meeting.MeetingCommand.Propose;
import dev.cairn.meeting.MeetingCommand.RemoveSegment;
import dev.cairn.meeting.MeetingCommand.ResumeTimer;
import dev.cairn.meeting.MeetingCommand.SetRota;
import dev.cairn.meeting.MeetingCommand.Skip;
import dev.cairn.meeting.MeetingCommand.Start;
import dev.cairn.meeting.MeetingCommand.StartTimer;
import dev.cairn.meeting.MeetingCommand.UpdateSegment;
import dev.cairn.meeting.MeetingEvent.AttendanceChanged;
import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.Names;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Rules of meetings: the lifecycle and attendance, the agenda, timeboxes on the room's clock, the quick poll, focus, the rota. */
public final class MeetingRules {
    public static final int MAX_SEGMENTS = 50;
    public static final int MAX_PROPOSALS = 20;
    public static final int MAX_ROTA = 50;
    public static final int MAX_NOTES = 2_000;
    public static final int MIN_MINUTES = 1;
    public static final int MAX_MINUTES = 8 * 60;
    public static final long MINUTE = 60_000L;
    public static final long MAX_TIMER_MS = MAX_MINUTES * MINUTE;
    /** A timer "until" a wall time must end at least this far ahead of now. */
    public static final long MIN_UNTIL_MS = 1_000L;
    public static final int MAX_IDLE_MINUTES = 24 * 60;
    public static final int MAX_WARN_SECONDS = 60 * 60;
    public static final String TIME_UP = "time_up";
    public static final String IDLE = "idle";

    private MeetingRules() {
    }

    public static List<RoomEvent> decide(RoomState room, Member actor, Context ctx, MeetingCommand command) {
        MeetingState part = MeetingModule.of(room);
        long now = ctx.now();
        String nextId = Long.toString(room.seq() + 1);
        if (command instanceof Propose c) {
            RoomRules.requireEditor(actor, "propose agenda segments");
            if (part.proposals().size() >= MAX_PROPOSALS) {
                throw new Rejection("too_large", "at most " + MAX_PROPOSALS + " proposals may wait at once");
            }
            return List.of(new MeetingEvent.Proposed(new Proposal("p" + nextId, actor.id(),
                Names.title(c.title()), kind(c.kind()), minutes("minutes", c.minutes()), notes(c.notes()))));
        }
        if (command instanceof AnswerPoll c) {
            RoomRules.requireEditor(actor, "answer the poll");
            Poll poll = part.meeting() == null ? null : part.meeting().poll();
            if (c.pollId() == null) throw Rejection.invalid("pollId is required");
            if (poll == null || !poll.pollId().equals(c.pollId())) throw Rejection.notFound("no poll " + c.pollId());
            if (poll.closed()) throw Rejection.conflict("the poll is closed");
            if (!Poll.EXTEND.equals(c.choice()) && !Poll.MOVE_ON.equals(c.choice())) {
                throw Rejection.invalid("choice must be extend or move_on");
            }
            return c.choice().equals(poll.answers().get(actor.id())) ? List.of()
                : List.of(new MeetingEvent.PollAnswered(poll.pollId(), c.choice()));
        }
        RoomRules.requireFacilitator(actor, facilitatorOnly(command));
        if (command instanceof Start c) return start(room, part, actor, c, now, nextId);
        if (command instanceof End) return end(room, requireMeeting(part), "ended", now);
        if (command instanceof AddSegment c) {
            if (part.agenda().size() >= MAX_SEGMENTS) throw new Rejection("too_large", "an agenda has at most " + MAX_SEGMENTS + " segments");
            Segment s = segment(room, "s" + nextId, c.title(), c.kind(), c.minutes(), c.notes(), c.ownerId());
            return List.of(new MeetingEvent.SegmentAdded(s, part.agenda().size()));
        }
        if (command instanceof UpdateSegment c) {
            Segment old = requireSegment(part, c.segmentId());
            Segment s = segment(room, old.id(), c.title() == null ? old.title() : c.title(),
                c.kind() == null ? old.kind() : c.kind(), c.minutes() == null ? old.minutes() : c.minutes(),
                c.notes() == null ? old.notes() : c.notes(), c.ownerId() == null ? old.ownerId() : c.ownerId());
            return s.equals(old) ? List.of() : List.of(new MeetingEvent.SegmentUpdated(s));
        }
        if (command instanceof MoveSegment c) {
            Segment s = requireSegment(part, c.segmentId());
            int to = index(c.index(), part.agenda().size() - 1);
            return to == part.segmentIndex(s.id()) ? List.of() : List.of(new MeetingEvent.SegmentMoved(s.id(), to));
        }
        if (command instanceof RemoveSegment c) {
            Segment s = requireSegment(part, c.segmentId());
            if (part.meeting() != null && s.id().equals(part.meeting().current())) {
                throw Rejection.conflict("the segment is under way; move on before removing it");
            }
            return List.of(new MeetingEvent.SegmentRemoved(s.id()));
        }
        if (command instanceof AcceptProposal c) {
            Proposal p = requireProposal(part, c.proposalId());
            if (part.agenda().size() >= MAX_SEGMENTS) throw new Rejection("too_large", "an agenda has at most " + MAX_SEGMENTS + " segments");
            int at = part.agenda().size();
            return List.of(new MeetingEvent.SegmentAdded(new Segment("s" + nextId, p.title(), p.kind(), p.minutes(), p.notes(), null), at),
                new MeetingEvent.ProposalClosed(p.id(), true));
        }
        if (command instanceof DeclineProposal c) {
            return List.of(new MeetingEvent.ProposalClosed(requireProposal(part, c.proposalId()).id(), false));
        }
        if (command instanceof Focus c) {
            String panel = c.panel() == null || c.panel().isBlank() ? null : c.panel().strip();
            if (panel != null && !panel.matches("[a-z][a-z0-9-]{0,39}")) {
                throw Rejection.invalid("panel must be a panel name like agenda or queue");
            }
            return java.util.Objects.equals(panel, part.focus()) ? List.of() : List.of(new MeetingEvent.FocusChanged(panel));
        }
        if (command instanceof SetRota c) return rota(room, c);
        if (command instanceof Configure c) {
            int idle = c.idleMinutes() == null ? part.idleMinutes() : c.idleMinutes();
            int warn = c.warnSeconds() == null ? part.warnSeconds() : c.warnSeconds();
            if (idle < 1 || idle > MAX_IDLE_MINUTES) throw Rejection.invalid("idleMinutes must be from 1 to " + MAX_IDLE_MINUTES);
            if (warn < 0 || warn > MAX_WARN_SECONDS) throw Rejection.invalid("warnSeconds must be from 0 to " + MAX_WARN_SECONDS);
            return idle == part.idleMinutes() && warn == part.warnSeconds() ? List.of()
                : List.of(new MeetingEvent.Configured(idle, warn));
        }
        Meeting meeting = requireMeeting(part);
        if (command instanceof Goto c) {
            Segment s = requireSegment(part, c.segmentId());
            if (s.id().equals(meeting.current())) throw Rejection.conflict("that segment is already under way");
            List<RoomEvent> out = new ArrayList<>(endCurrent(part, meeting, Run.DONE, now));
            out.addAll(begin(s, c.timer(), now, nextId));
            return out;
        }
        if (command instanceof Next c) return moveOn(part, meeting, Run.DONE, c.timer(), now, nextId);
        if (command instanceof Skip c) {
            if (c.segmentId() == null || c.segmentId().equals(meeting.current())) {
                if (meeting.current() == null) throw Rejection.conflict("no segment is under way");
                return moveOn(part, meeting, Run.SKIPPED, null, now, nextId);
            }
            Segment s = requireSegment(part, c.segmentId());
            if (meeting.runs().containsKey(s.id())) throw Rejection.conflict("that segment has already ended");
            return List.of(new MeetingEvent.SegmentEnded(s.id(), Run.SKIPPED, s.minutes(), 0));
        }
        if (command instanceof StartTimer c) {
            long length;
            if ((c.minutes() == null) == (c.until() == null)) throw Rejection.invalid("give either minutes or until");
            if (c.minutes() != null) {
                length = minutes("minutes", c.minutes()) * MINUTE;
            } else {
                length = c.until() - now;
                if (length < MIN_UNTIL_MS) throw Rejection.invalid("until must be a time ahead of now");
                if (length > MAX_TIMER_MS) throw Rejection.invalid("until must be at most 8 hours ahead");
            }
            return List.of(new MeetingEvent.TimerStarted("t" + nextId, meeting.current(), length, now + length));
        }
        if (command instanceof OpenPoll c) {
            int minutes = minutes("minutes", c.minutes());
            if (meeting.poll() != null && !meeting.poll().closed()) throw Rejection.conflict("a poll is already open");
            return List.of(new MeetingEvent.PollOpened("q" + nextId, minutes));
        }
        if (command instanceof ClosePoll c) {
            Poll poll = meeting.poll();
            if (c.pollId() == null) throw Rejection.invalid("pollId is required");
            if (poll == null || !poll.pollId().equals(c.pollId())) throw Rejection.notFound("no poll " + c.pollId());
            if (poll.closed()) return List.of();
            return List.of(new MeetingEvent.PollClosed(poll.pollId(), poll.count(Poll.EXTEND), poll.count(Poll.MOVE_ON)));
        }
        Timer timer = meeting.timer();
        if (timer == null) throw Rejection.conflict("no timer is set");
        if (command instanceof PauseTimer) {
            return timer.running() ? List.of(new MeetingEvent.TimerPaused(timer.id(), timer.remaining(now))) : List.of();
        }
        if (command instanceof ResumeTimer) {
            return timer.running() ? List.of() : List.of(new MeetingEvent.TimerResumed(timer.id(), now + timer.remainingMs()));
        }
        if (command instanceof AddTime c) {
            long added = minutes("minutes", c.minutes()) * MINUTE;
            if (Math.max(0, timer.remaining(now)) + added > MAX_TIMER_MS) {
                throw Rejection.invalid("a timer may run at most 8 hours ahead");
            }
            return List.of(new MeetingEvent.TimeAdded(timer.id(), added));
        }
        return List.of(new MeetingEvent.TimerStopped(timer.id()));
    }

    private static String facilitatorOnly(MeetingCommand command) {
        if (command instanceof Start || command instanceof End) return "start or end a meeting";
        if (command instanceof Focus) return "bring every board to a panel";
        if (command instanceof SetRota) return "set the facilitator rota";
        if (command instanceof Configure) return "change the meeting settings";
        if (command instanceof OpenPoll || command instanceof ClosePoll) return "open or close the poll";
        if (command instanceof StartTimer || command instanceof PauseTimer || command instanceof ResumeTimer
            || command instanceof AddTime || command instanceof MeetingCommand.StopTimer) {
            return "run the timer";
        }
        if (command instanceof Goto || command instanceof Next || command instanceof Skip) return "move through the agenda";
        return "change the agenda";
    }

    private static List<RoomEvent> start(RoomState room, MeetingState part, Member actor, Start c, long now, String nextId) {
        if (part.meeting() != null) throw Rejection.conflict("a meeting is already running");
        List<RoomEvent> out = new ArrayList<>();
        out.add(new MeetingEvent.Started("m" + nextId));
        out.add(new AttendanceChanged(actor.id(), true));
        if (Boolean.TRUE.equals(c.agenda()) && !part.agenda().isEmpty()) {
            out.addAll(begin(part.agenda().get(0), true, now, nextId));
        }
        return out;
    }

    /** The events that close the meeting: the segment under way ends, then the meeting, with everyone's presence. */
    static List<RoomEvent> end(RoomState room, Meeting meeting, String reason, long now) {
        MeetingState part = MeetingModule.of(room);
        List<RoomEvent> out = new ArrayList<>(endCurrent(part, meeting, Run.DONE, now));
        Map<String, Long> attended = new TreeMap<>();
        meeting.attendance().forEach((id, a) -> attended.put(id, a.presentMs(now)));
        out.add(new MeetingEvent.Ended(meeting.id(), reason, Math.max(0, now - meeting.startedAt()), attended));
        return out;
    }

    private static List<RoomEvent> endCurrent(MeetingState part, Meeting meeting, String status, long now) {
        if (meeting.current() == null) return List.of();
        Run run = meeting.runs().get(meeting.current());
        long actual = run == null ? 0 : Math.max(0, now - run.startedAt());
        int planned = run == null ? 0 : run.plannedMinutes();
        return List.of(new MeetingEvent.SegmentEnded(meeting.current(), status, planned, actual));
    }

    /** Ends the current segment with {@code status} and starts the next one not yet run, if any. */
    private static List<RoomEvent> moveOn(MeetingState part, Meeting meeting, String status, Boolean timer, long now, String nextId) {
        List<RoomEvent> out = new ArrayList<>(endCurrent(part, meeting, status, now));
        int from = meeting.current() == null ? 0 : part.segmentIndex(meeting.current()) + 1;
        Segment next = null;
        for (int i = Math.max(0, from); i < part.agenda().size() && next == null; i++) {
            Segment s = part.agenda().get(i);
            if (!meeting.runs().containsKey(s.id())) next = s;
        }
        if (next != null) out.addAll(begin(next, timer, now, nextId));
        if (out.isEmpty()) throw Rejection.conflict("no segment is left on the agenda");
        return out;
    }

    /** A segment starts, and its timebox with it unless {@code timer} is false. */
    private static List<RoomEvent> begin(Segment s, Boolean timer, long now, String nextId) {
        List<RoomEvent> out = new ArrayList<>();
        out.add(new MeetingEvent.SegmentStarted(s.id(), s.minutes()));
        if (!Boolean.FALSE.equals(timer)) {
            long length = s.minutes() * MINUTE;
            out.add(new MeetingEvent.TimerStarted("t" + nextId, s.id(), length, now + length));
        }
        return out;
    }

    private static List<RoomEvent> rota(RoomState room, SetRota c) {
        if (c.memberIds() == null) throw Rejection.invalid("memberIds is required");
        if (c.memberIds().size() > MAX_ROTA) throw new Rejection("too_large", "a rota has at most " + MAX_ROTA + " members");
        Set<String> seen = new HashSet<>();
        for (String id : c.memberIds()) {
            if (id == null) throw Rejection.invalid("memberIds must be member ids");
            if (room.member(id) == null) throw Rejection.notFound("no member " + id);
            if (!seen.add(id)) throw Rejection.invalid("a member is on the rota once");
        }
        return List.of(new MeetingEvent.RotaSet(List.copyOf(c.memberIds())));
    }

    // ---- validation ------------------------------------------------------------------------------

    private static Meeting requireMeeting(MeetingState part) {
        if (part.meeting() == null) throw Rejection.conflict("no meeting is running");
        return part.meeting();
    }

    private static Segment requireSegment(MeetingState part, String id) {
        if (id == null) throw Rejection.invalid("segmentId is required");
        Segment s = part.segment(id);
        if (s == null) throw Rejection.notFound("no segment " + id);
        return s;
    }

    private static Proposal requireProposal(MeetingState part, String id) {
        if (id == null) throw Rejection.invalid("proposalId is required");
        Proposal p = part.proposal(id);
        if (p == null) throw Rejection.notFound("no proposal " + id);
        return p;
    }

    private static Segment segment(RoomState room, String id, String title, String kind, Integer minutes, String notes,
                                   String ownerId) {
        String owner = ownerId == null || ownerId.isBlank() ? null : ownerId;
        if (owner != null && room.member(owner) == null) throw Rejection.notFound("no member " + owner);
        return new Segment(id, Names.title(title), kind(kind), minutes("minutes", minutes), notes(notes), owner);
    }

    private static String kind(String kind) {
        if (kind == null) return "other";
        if (!Segment.KINDS.contains(kind)) throw Rejection.invalid("kind must be one of " + Segment.KINDS);
        return kind;
    }

    private static int minutes(String field, Integer minutes) {
        if (minutes == null) throw Rejection.invalid(field + " is required");
        if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
            throw Rejection.invalid(field + " must be from " + MIN_MINUTES + " to " + MAX_MINUTES + " (8 hours)");
        }
        return minutes;
    }

    private static String notes(String notes) {
        return Names.paragraph("notes", notes, MAX_NOTES);
    }

    private static int index(Integer index, int max) {
        if (index == null) return max;
        if (index < 0 || index > max) throw Rejection.invalid("index must be from 0 to " + max);
        return index;
    }

    // ---- the room's clock and presence -----------------------------------------------------------

    static List<RoomEvent> due(RoomState room, MeetingState part, String deadlineId, long now) {
        Meeting meeting = part.meeting();
        if (meeting == null) return List.of();
        if (TIME_UP.equals(deadlineId)) {
            Timer t = meeting.timer();
            return t != null && t.dueAt(now) ? List.of(new MeetingEvent.TimeUp(t.id(), t.segmentId(), t.endsAt())) : List.of();
        }
        if (IDLE.equals(deadlineId) && meeting.emptySince() != null
            && meeting.emptySince() + part.idleMinutes() * MINUTE <= now) {
            return end(room, meeting, IDLE, now);
        }
        return List.of();
    }

    /** Who came and who went, against the meeting's attendance; nothing between meetings. */
    static List<RoomEvent> presence(RoomState room, MeetingState part, Set<String> online, long now) {
        Meeting meeting = part.meeting();
        if (meeting == null) return List.of();
        Set<String> present = meeting.present();
        List<RoomEvent> out = new ArrayList<>();
        for (String id : new TreeSet<>(online)) {
            if (!present.contains(id) && room.member(id) != null) out.add(new AttendanceChanged(id, true));
        }
        for (String id : present) {
            if (!online.contains(id)) out.add(new AttendanceChanged(id, false));
        }
        return out;
    }

    // ---- apply -----------------------------------------------------------------------------------

    public static MeetingState apply(MeetingState part, MeetingEvent event, String by, long at) {
        Meeting m = part.meeting();
        if (event instanceof MeetingEvent.Started e) {
            return part.withMeeting(new Meeting(e.meetingId(), at, by, Map.of(), at, null, Map.of(), null, null));
        }
        if (event instanceof MeetingEvent.Ended) return part.ended();
        if (event instanceof AttendanceChanged e) {
            Map<String, Attendance> next = new LinkedHashMap<>(m.attendance());
            Attendance a = next.get(e.memberId());
            if (e.present()) {
                next.put(e.memberId(), a == null ? new Attendance(at, at, 0) : a.arrived(at));
            } else if (a != null) {
                next.put(e.memberId(), a.left(at));
            }
            boolean anyone = next.values().stream().anyMatch(x -> x.since() != null);
            Long emptySince = anyone ? null : (m.emptySince() != null ? m.emptySince() : at);
            return part.withMeeting(m.withAttendance(next, emptySince));
        }
        if (event instanceof MeetingEvent.SegmentAdded e) {
            List<Segment> agenda = new ArrayList<>(part.agenda());
            agenda.add(e.index(), e.segment());
            return part.withAgenda(agenda);
        }
        if (event instanceof MeetingEvent.SegmentUpdated e) {
            List<Segment> agenda = new ArrayList<>(part.agenda());
            agenda.set(part.segmentIndex(e.segment().id()), e.segment());
            return part.withAgenda(agenda);
        }
        if (event instanceof MeetingEvent.SegmentMoved e) {
            List<Segment> agenda = new ArrayList<>(part.agenda());
            Segment moved = agenda.remove(part.segmentIndex(e.segmentId()));
            agenda.add(e.index(), moved);
            return part.withAgenda(agenda);
        }
        if (event instanceof MeetingEvent.SegmentRemoved e) {
            List<Segment> agenda = new ArrayList<>(part.agenda());
            agenda.remove(part.segmentIndex(e.segmentId()));
            return part.withAgenda(agenda);
        }
        if (event instanceof MeetingEvent.Proposed e) {
            List<Proposal> proposals = new ArrayList<>(part.proposals());
            proposals.add(e.proposal());
            return part.withProposals(proposals);
        }
        if (event instanceof MeetingEvent.ProposalClosed e) {
            List<Proposal> proposals = new ArrayList<>(part.proposals());
            proposals.removeIf(p -> p.id().equals(e.proposalId()));
            return part.withProposals(proposals);
        }
        if (event instanceof MeetingEvent.FocusChanged e) return part.withFocus(e.panel(), by);
        if (event instanceof MeetingEvent.RotaSet e) return part.withRota(e.memberIds(), 0);
        if (event instanceof MeetingEvent.Configured e) return part.withSettings(e.idleMinutes(), e.warnSeconds());
        if (event instanceof MeetingEvent.SegmentStarted e) {
            Map<String, Run> runs = new LinkedHashMap<>(m.runs());
            runs.put(e.segmentId(), new Run(Run.ACTIVE, e.plannedMinutes(), at, 0));
            return part.withMeeting(m.withCurrent(e.segmentId(), runs, null));
        }
        if (event instanceof MeetingEvent.SegmentEnded e) {
            Map<String, Run> runs = new LinkedHashMap<>(m.runs());
            Run before = runs.get(e.segmentId());
            runs.put(e.segmentId(), new Run(e.status(), e.plannedMinutes(), before == null ? at : before.startedAt(), e.actualMs()));
            if (!e.segmentId().equals(m.current())) return part.withMeeting(m.withRuns(runs));
            Timer t = m.timer();
            boolean boxed = t != null && e.segmentId().equals(t.segmentId());
            return part.withMeeting(m.withCurrent(null, runs, boxed ? null : t));
        }
        if (event instanceof MeetingEvent.TimerStarted e) {
            return part.withMeeting(m.withTimer(new Timer(e.timerId(), e.segmentId(), e.lengthMs(), e.endsAt(), null, false)));
        }
        if (event instanceof MeetingEvent.TimerPaused e) {
            Timer t = m.timer();
            return part.withMeeting(m.withTimer(new Timer(t.id(), t.segmentId(), t.lengthMs(), null, e.remainingMs(), t.timeUp())));
        }
        if (event instanceof MeetingEvent.TimerResumed e) {
            Timer t = m.timer();
            return part.withMeeting(m.withTimer(new Timer(t.id(), t.segmentId(), t.lengthMs(), e.endsAt(), null, t.timeUp())));
        }
        if (event instanceof MeetingEvent.TimeAdded e) return part.withMeeting(m.withTimer(m.timer().extend(e.addedMs(), at)));
        if (event instanceof MeetingEvent.TimerStopped) return part.withMeeting(m.withTimer(null));
        if (event instanceof MeetingEvent.TimeUp) return part.withMeeting(m.withTimer(m.timer().rung()));
        if (event instanceof MeetingEvent.PollOpened e) return part.withMeeting(m.withPoll(new Poll(e.pollId(), e.minutes(), Map.of(), false)));
        if (event instanceof MeetingEvent.PollAnswered e) {
            Map<String, String> answers = new LinkedHashMap<>(m.poll().answers());
            answers.put(by, e.choice());
            Poll p = m.poll();
            return part.withMeeting(m.withPoll(new Poll(p.pollId(), p.minutes(), answers, false)));
        }
        Poll p = m.poll();
        return part.withMeeting(m.withPoll(new Poll(p.pollId(), p.minutes(), p.answers(), true)));
    }

    /** For tests and the record: the sequenced form is not needed by apply beyond its author and time. */
    static MeetingState apply(MeetingState part, Sequenced event) {
        return apply(part, (MeetingEvent) event.event(), event.by(), event.at());
    }
}
