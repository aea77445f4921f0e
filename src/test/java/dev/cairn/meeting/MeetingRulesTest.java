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
import dev.cairn.meeting.MeetingCommand.StopTimer;
import dev.cairn.meeting.MeetingCommand.UpdateSegment;
import dev.cairn.room.Context;
import dev.cairn.room.History;
import dev.cairn.room.MembershipCommand;
import dev.cairn.room.Modules;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Meetings without a server: lifecycle, attendance, the agenda, timeboxes and time-up, the poll, focus, rota, roles. */
class MeetingRulesTest {
    private static final long MIN = 60_000;
    private final RoomRules rules = new RoomRules(10);
    private final List<Sequenced> log = new ArrayList<>();
    private RoomState room = RoomState.empty("r");
    private long now = 1_800_000_000_000L;

    MeetingRulesTest() {
        commit("ana", rules.create("r", "Weekly", "ana", "Ana"));
        commit("ben", rules.join(room, "ben", "Ben", Role.PARTICIPANT));
        commit("cy", rules.join(room, "cy", "Cy", Role.PARTICIPANT));
        commit("obs", rules.join(room, "obs", "Projector", Role.OBSERVER));
    }

    private void commit(String by, List<RoomEvent> events) {
        for (RoomEvent e : events) {
            Sequenced s = new Sequenced(room.seq() + 1, now, by, e);
            room = room.apply(s);
            log.add(s);
        }
    }

    private List<RoomEvent> decide(String actor, RoomCommand command) {
        return rules.decide(room, new Context(actor, "c" + log.size(), History.NONE, now), command);
    }

    private void run(String actor, RoomCommand command) {
        commit(actor, decide(actor, command));
    }

    private String code(String actor, RoomCommand command) {
        return assertThrows(Rejection.class, () -> decide(actor, command)).code();
    }

    private MeetingState part() {
        return MeetingModule.of(room);
    }

    private Meeting meeting() {
        return MeetingModule.current(room);
    }

    private String addSegment(String title, int minutes) {
        run("ana", new AddSegment(title, "discussion", minutes, null, null));
        return part().agenda().get(part().agenda().size() - 1).id();
    }

    private List<RoomEvent> fire(String deadline) {
        List<RoomEvent> events = rules.due(room, "meeting", deadline, now);
        commit(RoomRules.SYSTEM, events);
        return events;
    }

    private void presence(String... online) {
        commit(RoomRules.SYSTEM, MeetingModule.of(room) == null ? List.of()
            : new MeetingModule().presence(room, part(), Set.of(online), now));
    }

    @Test
    void aMeetingStartsEmptyOrFromTheAgendaAndEndsWithItsRecord() {
        String checkIn = addSegment("Check-in", 5);
        run("ana", new Start(false));
        assertNotNull(meeting());
        assertNull(meeting().current(), "started empty: no segment under way");
        assertEquals(Set.of("ana"), meeting().present(), "whoever starts it is there");
        assertEquals("conflict", code("ana", new Start(true)));
        now += 10 * MIN;
        List<RoomEvent> end = decide("ana", new End());
        commit("ana", end);
        MeetingEvent.Ended ended = (MeetingEvent.Ended) end.get(end.size() - 1);
        assertEquals("ended", ended.reason());
        assertEquals(10 * MIN, ended.durationMs());
        assertEquals(10 * MIN, ended.attendedMs().get("ana"));
        assertNull(meeting());
        assertEquals(1, part().held());

        run("ana", new Start(true));
        assertEquals(checkIn, meeting().current(), "from the agenda: the first segment is under way");
        assertEquals(now + 5 * MIN, meeting().timer().endsAt(), "and its timebox runs by itself");
        assertEquals(Run.ACTIVE, meeting().runs().get(checkIn).status());
        assertEquals("conflict", code("ana", new MeetingCommand.Goto(checkIn, true)));
    }

    @Test
    void attendanceFollowsWhoIsOnlineAndASecondCallChangesNothing() {
        assertTrue(new MeetingModule().presence(room, part(), Set.of("ana", "ben"), now).isEmpty(), "no meeting, no attendance");
        run("ana", new Start(false));
        presence("ana", "ben");
        assertEquals(Set.of("ana", "ben"), meeting().present());
        assertTrue(new MeetingModule().presence(room, part(), Set.of("ana", "ben"), now).isEmpty(), "the same list again: nothing");
        assertTrue(new MeetingModule().presence(room, part(), Set.of("ana", "ben", "stranger"), now).isEmpty(),
            "someone who is not a member is not attendance");
        now += 5 * MIN;
        presence("ana");
        now += 5 * MIN;
        presence("ana", "ben");
        now += 5 * MIN;
        Attendance ben = meeting().attendance().get("ben");
        assertEquals(0, ben.firstSeen() - (now - 15 * MIN), "first seen when the meeting began");
        assertEquals(10 * MIN, ben.presentMs(now), "away for five of the fifteen minutes");
    }

    @Test
    void aMeetingNobodyAttendsForTheSetTimeEndsItselfOnce() {
        run("ana", new Configure(10, null));
        run("ana", new Start(false));
        presence("ana", "ben");
        now += MIN;
        presence();
        assertEquals(now + 10 * MIN, deadline(MeetingRules.IDLE));
        now += 9 * MIN;
        assertTrue(fire(MeetingRules.IDLE).isEmpty(), "not yet");
        presence("ben");
        assertNull(deadlineOrNull(MeetingRules.IDLE), "someone came back: no idle end");
        now += MIN;
        presence();
        long empty = now;
        now = empty + 10 * MIN;
        List<RoomEvent> events = fire(MeetingRules.IDLE);
        assertEquals("idle", ((MeetingEvent.Ended) events.get(events.size() - 1)).reason());
        assertNull(meeting());
        assertTrue(fire(MeetingRules.IDLE).isEmpty(), "a second node firing it commits nothing");
    }

    @Test
    void movingToASegmentStartsItsTimeboxUnlessStartedByHand() {
        String a = addSegment("Purpose", 10);
        String b = addSegment("Decide", 20);
        run("ana", new Start(false));
        run("ana", new Goto(b, false));
        assertNull(meeting().timer(), "started by hand: no timer yet");
        run("ana", new StartTimer(3, null));
        assertEquals(now + 3 * MIN, meeting().timer().endsAt());
        assertEquals(b, meeting().timer().segmentId());
        now += 4 * MIN;
        run("ana", new Goto(a, null));
        assertEquals(Run.DONE, meeting().runs().get(b).status());
        assertEquals(4 * MIN, meeting().runs().get(b).actualMs());
        assertEquals(20, meeting().runs().get(b).plannedMinutes());
        assertEquals(now + 10 * MIN, meeting().timer().endsAt(), "the segment's own timebox");
        now += 12 * MIN;
        List<RoomEvent> next = decide("ana", new Next(null));
        MeetingEvent.SegmentEnded ended = (MeetingEvent.SegmentEnded) next.get(0);
        assertEquals(10, ended.plannedMinutes(), "planned and actual minutes go into the record");
        assertEquals(12 * MIN, ended.actualMs());
        commit("ana", next);
        assertNull(meeting().current(), "both segments ran: nothing is next");
        assertNull(meeting().timer());
        assertEquals("conflict", code("ana", new Next(null)), "no segment left");
    }

    @Test
    void skipEndsTheCurrentSegmentAsSkippedOrSkipsOneAhead() {
        String a = addSegment("One", 5);
        String b = addSegment("Two", 5);
        String c = addSegment("Three", 5);
        run("ana", new Start(true));
        run("ana", new Skip(b));
        assertEquals(Run.SKIPPED, meeting().runs().get(b).status());
        run("ana", new Skip(null));
        assertEquals(Run.SKIPPED, meeting().runs().get(a).status());
        assertEquals(c, meeting().current(), "the next one not yet run");
        assertEquals("conflict", code("ana", new Skip(a)), "already ended");
        run("ana", new End());
        run("ana", new Start(true));
        assertEquals(a, meeting().current(), "a new meeting starts the agenda afresh");
        assertEquals(1, meeting().runs().size());
    }

    @Test
    void theTimerPausesResumesExtendsAndIsUpExactlyOncePerEnd() {
        run("ana", new Start(false));
        run("ana", new StartTimer(5, null));
        long end = now + 5 * MIN;
        assertEquals(end, deadline(MeetingRules.TIME_UP));
        now += 2 * MIN;
        run("ana", new PauseTimer());
        assertNull(deadlineOrNull(MeetingRules.TIME_UP), "a paused timer has no deadline");
        assertTrue(decide("ana", new PauseTimer()).isEmpty());
        now += 7 * MIN;
        run("ana", new ResumeTimer());
        assertEquals(now + 3 * MIN, meeting().timer().endsAt());
        now += 3 * MIN - 1;
        assertTrue(fire(MeetingRules.TIME_UP).isEmpty(), "a millisecond early: nothing");
        now += 1;
        List<RoomEvent> up = fire(MeetingRules.TIME_UP);
        assertEquals(1, up.size());
        assertTrue(up.get(0) instanceof MeetingEvent.TimeUp);
        assertTrue(fire(MeetingRules.TIME_UP).isEmpty(), "a second node firing the same end commits nothing");
        assertNull(deadlineOrNull(MeetingRules.TIME_UP));
        now += 30_000;
        assertEquals(-30_000, meeting().timer().remaining(now), "the overrun");
        run("ana", new AddTime(2));
        assertEquals(90_000, meeting().timer().remaining(now));
        now += 90_000;
        assertEquals(1, fire(MeetingRules.TIME_UP).size(), "the extended end is up once too");
        run("ana", new StopTimer());
        assertNull(meeting().timer());
        assertEquals("conflict", code("ana", new PauseTimer()));
    }

    @Test
    void timerLengthsAreOneMinuteToEightHoursOrUntilAnInstantAhead() {
        run("ana", new Start(false));
        assertEquals("invalid", code("ana", new StartTimer(0, null)));
        assertEquals("invalid", code("ana", new StartTimer(481, null)));
        assertEquals("invalid", code("ana", new StartTimer(null, null)));
        assertEquals("invalid", code("ana", new StartTimer(5, now + MIN)), "minutes or until, not both");
        assertEquals("invalid", code("ana", new StartTimer(null, now)), "until now is no timer");
        assertEquals("invalid", code("ana", new StartTimer(null, now + 8 * 60 * MIN + 1)));
        run("ana", new StartTimer(480, null));
        assertEquals("invalid", code("ana", new AddTime(1)), "no more than eight hours ahead");
        run("ana", new StartTimer(null, now + 5_000));
        assertEquals(now + 5_000, meeting().timer().endsAt(), "until 15:30 ends at 15:30");
        assertEquals("invalid", code("ana", new AddTime(-1)));
    }

    @Test
    void theQuickPollReachesEveryoneAndItsResultStaysForAll() {
        run("ana", new Start(false));
        run("ana", new StartTimer(1, null));
        run("ana", new OpenPoll(5));
        String poll = meeting().poll().pollId();
        assertEquals("conflict", code("ana", new OpenPoll(5)), "one poll at a time");
        run("ben", new AnswerPoll(poll, Poll.EXTEND));
        run("cy", new AnswerPoll(poll, Poll.MOVE_ON));
        run("cy", new AnswerPoll(poll, Poll.EXTEND));
        assertTrue(decide("cy", new AnswerPoll(poll, Poll.EXTEND)).isEmpty(), "the same answer again: nothing");
        assertEquals("invalid", code("ben", new AnswerPoll(poll, "maybe")));
        assertEquals("not_found", code("ben", new AnswerPoll("q0", Poll.EXTEND)));
        assertEquals("forbidden", code("obs", new AnswerPoll(poll, Poll.EXTEND)));
        List<RoomEvent> closed = decide("ana", new ClosePoll(poll));
        assertEquals(new MeetingEvent.PollClosed(poll, 2, 0), closed.get(0));
        commit("ana", closed);
        assertTrue(meeting().poll().closed());
        assertEquals("conflict", code("ben", new AnswerPoll(poll, Poll.MOVE_ON)));
        run("ana", new AddTime(5));
        assertNotNull(meeting().poll(), "the result stays up while the facilitator acts on it");
    }

    @Test
    void theAgendaIsEditedLiveAndSurvivesMeetings() {
        String a = addSegment("One", 5);
        String b = addSegment("Two", 10);
        run("ana", new UpdateSegment(a, null, "check_in", 7, "Say hi", "ben"));
        Segment one = part().segment(a);
        assertEquals("One", one.title(), "fields left out stay");
        assertEquals("check_in", one.kind());
        assertEquals(7, one.minutes());
        assertEquals("ben", one.ownerId());
        run("ana", new UpdateSegment(a, null, null, null, null, ""));
        assertNull(part().segment(a).ownerId(), "an empty owner clears it");
        assertEquals("not_found", code("ana", new UpdateSegment(a, null, null, null, null, "nobody")));
        assertEquals("invalid", code("ana", new AddSegment("X", "party", 5, null, null)));
        assertEquals("invalid", code("ana", new AddSegment(" ", "other", 5, null, null)));
        assertEquals("invalid", code("ana", new AddSegment("X", "other", null, null, null)));
        run("ana", new MoveSegment(b, 0));
        assertEquals(List.of(b, a), part().agenda().stream().map(Segment::id).toList());
        assertEquals("invalid", code("ana", new MoveSegment(b, 2)));
        run("ana", new Start(true));
        assertEquals("conflict", code("ana", new RemoveSegment(b)), "the segment under way stays");
        run("ana", new RemoveSegment(a));
        run("ana", new End());
        assertEquals(List.of(b), part().agenda().stream().map(Segment::id).toList(), "the agenda is the room's");
    }

    @Test
    void participantsProposeAndAFacilitatorAcceptsOrDeclines() {
        run("ben", new Propose("Budget", "decision", 15, "Need a yes"));
        run("cy", new Propose("Party", null, 5, null));
        assertEquals(2, part().proposals().size());
        assertEquals("ben", part().proposals().get(0).by());
        assertEquals("forbidden", code("ben", new AcceptProposal(part().proposals().get(0).id())));
        assertEquals("forbidden", code("obs", new Propose("Watch", null, 5, null)));
        run("ana", new AcceptProposal(part().proposals().get(0).id()));
        assertEquals("Budget", part().agenda().get(0).title());
        assertEquals("decision", part().agenda().get(0).kind());
        run("ana", new DeclineProposal(part().proposals().get(0).id()));
        assertTrue(part().proposals().isEmpty());
        assertEquals(1, part().agenda().size());
    }

    @Test
    void focusAndTheRota() {
        run("ana", new Focus("agenda"));
        assertEquals("agenda", part().focus());
        assertEquals("ana", part().focusBy(), "the boards say who brought them");
        assertEquals("invalid", code("ana", new Focus("<script>")));
        run("ana", new Focus(null));
        assertNull(part().focus());
        assertNull(part().focusBy());
        run("ana", new SetRota(List.of("ben", "ana")));
        assertEquals("ben", part().nextFacilitator());
        assertEquals("not_found", code("ana", new SetRota(List.of("ghost"))));
        assertEquals("invalid", code("ana", new SetRota(List.of("ben", "ben"))));
        run("ana", new Start(false));
        run("ana", new Focus("queue"));
        run("ana", new End());
        assertEquals("ana", part().nextFacilitator(), "the rota moves on when a meeting ends");
        assertNull(part().focus(), "and the focus is released");
        run("ana", new Start(false));
        run("ana", new End());
        assertEquals("ben", part().nextFacilitator(), "round and round");
    }

    /** Every facilitator-only command from a participant or observer is forbidden and changes nothing. */
    @Test
    void everyFacilitatorOnlyCommandFromAParticipantIsForbidden() {
        String a = addSegment("One", 5);
        run("ben", new Propose("Mine", null, 5, null));
        String proposal = part().proposals().get(0).id();
        run("ana", new Start(true));
        run("ana", new OpenPoll(5));
        String poll = meeting().poll().pollId();
        List<RoomCommand> commands = List.of(new Start(false), new End(), new AddSegment("X", null, 5, null, null),
            new UpdateSegment(a, "Y", null, null, null, null), new MoveSegment(a, 0), new RemoveSegment(a),
            new AcceptProposal(proposal), new DeclineProposal(proposal), new Goto(a, null), new Next(null),
            new Skip(null), new StartTimer(5, null), new PauseTimer(), new ResumeTimer(), new AddTime(5),
            new StopTimer(), new OpenPoll(5), new ClosePoll(poll), new Focus("agenda"), new SetRota(List.of("ben")),
            new Configure(5, 5));
        long facilitatorOnly = new MeetingModule().commands().size() - 2; // propose and poll_answer are anyone's
        assertEquals(facilitatorOnly, commands.size(), "every facilitator-only command is listed here");
        RoomState before = room;
        for (String who : List.of("ben", "obs")) {
            for (RoomCommand c : commands) assertEquals("forbidden", code(who, c), who + " sent " + c);
        }
        assertEquals(before, room);
        run("ana", new MembershipCommand.ChangeRole("ben", "facilitator"));
        run("ben", new PauseTimer());
        assertFalse(meeting().timer().running(), "a participant made facilitator may, checked against the role now");
        run("ana", new MembershipCommand.ChangeRole("ben", "participant"));
        assertEquals("forbidden", code("ben", new ResumeTimer()), "and no longer once demoted");
    }

    private long deadline(String id) {
        Long at = deadlineOrNull(id);
        assertNotNull(at, "deadline " + id);
        return at;
    }

    private Long deadlineOrNull(String id) {
        for (var d : new MeetingModule().deadlines(part())) if (d.id().equals(id)) return d.at();
        return null;
    }

    static {
        assertNotNull(Modules.byKey("meeting"), "the meeting module is registered");
    }
}
