package dev.cairn.checkin;

import dev.cairn.checkin.CheckinCommand.Answer;
import dev.cairn.checkin.CheckinCommand.Close;
import dev.cairn.checkin.CheckinCommand.Open;
import dev.cairn.checkin.CheckinEvent.Answered;
import dev.cairn.checkin.CheckinEvent.Closed;
import dev.cairn.checkin.CheckinEvent.Opened;
import dev.cairn.meeting.MeetingCommand;
import dev.cairn.meeting.MeetingModule;
import dev.cairn.room.Context;
import dev.cairn.room.Modules;
import dev.cairn.room.RecordPart;
import dev.cairn.room.RecordWriter;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Check-ins: facilitators open and close; answers are anonymous, changeable while open, and only their aggregate survives. */
class CheckinRulesTest {
    private final RoomRules rules = new RoomRules(10);
    private final CheckinModule module = (CheckinModule) Modules.byKey("checkin");
    private RoomState room = RoomState.empty("r");
    private final List<Sequenced> log = new ArrayList<>();
    private final List<RoomState> states = new ArrayList<>();

    CheckinRulesTest() {
        commit("ana", rules.create("r", "Street", "ana", "Ana"));
        commit("ben", rules.join(room, "ben", "Ben", Role.PARTICIPANT));
        commit("cai", rules.join(room, "cai", "Cai", Role.PARTICIPANT));
        commit("obs", rules.join(room, "obs", "Olu", Role.OBSERVER));
    }

    private void commit(String by, List<RoomEvent> events) {
        for (RoomEvent e : events) {
            Sequenced s = new Sequenced(room.seq() + 1, 1000 + room.seq(), by, e);
            states.add(room);
            room = room.apply(s);
            log.add(s);
        }
    }

    private Sequenced run(String actor, RoomCommand command) {
        int before = log.size();
        commit(actor, rules.decide(room, new Context(actor, "c" + room.seq(), seq -> List.of(), 5000 + room.seq()), command));
        return log.size() > before ? log.get(log.size() - 1) : null;
    }

    private String refused(String actor, RoomCommand command) {
        return assertThrows(Rejection.class,
            () -> rules.decide(room, new Context(actor, "x", seq -> List.of(), 5000), command)).code();
    }

    private String open() {
        return ((Opened) run("ana", new Open(null, null, null)).event()).checkin().id();
    }

    private CheckinState seenBy(String member) {
        return module.view(CheckinModule.of(room), new Viewer(member, room.member(member).role()));
    }

    @Test
    void aFacilitatorOpensWithTheDefaultQuestionAndScaleOrTheirOwn() {
        assertEquals("forbidden", refused("ben", new Open(null, null, null)), "participants may not open one");
        String id = open();
        Pulse p = CheckinModule.of(room).open();
        assertEquals(CheckinRules.DEFAULT_QUESTION, p.question());
        assertEquals(1, p.min());
        assertEquals(5, p.max());
        assertNull(p.meetingId(), "no meeting running");
        assertEquals("conflict", refused("ana", new Open(null, null, null)), "one open at a time");
        run("ana", new Close(id));

        run("ana", new MeetingCommand.Start(false));
        run("ana", new Open("How safe is it to disagree here?", 0, 10));
        p = CheckinModule.of(room).open();
        assertEquals("How safe is it to disagree here?", p.question());
        assertEquals(0, p.min());
        assertEquals(10, p.max());
        assertEquals(MeetingModule.current(room).id(), p.meetingId(), "it belongs to the running meeting");
    }

    @Test
    void badScalesAndAnswersAreRefused() {
        assertEquals("invalid", refused("ana", new Open(null, 3, 3)));
        assertEquals("invalid", refused("ana", new Open(null, -1, 5)));
        assertEquals("invalid", refused("ana", new Open(null, 1, 11)));
        assertEquals("invalid", refused("ana", new Open("x".repeat(201), null, null)));
        assertEquals("not_found", refused("ben", new Answer("c1", 3, null)), "nothing open");
        String id = open();
        assertEquals("invalid", refused("ben", new Answer(id, 0, null)));
        assertEquals("invalid", refused("ben", new Answer(id, 6, null)));
        assertEquals("invalid", refused("ben", new Answer(id, null, null)));
        assertEquals("invalid", refused("ben", new Answer(id, 3, "w".repeat(41))));
        assertEquals("invalid", refused("ben", new Answer(null, 3, null)));
        assertEquals("forbidden", refused("obs", new Answer(id, 3, null)), "observers do not answer");
        assertEquals("forbidden", refused("ben", new Close(id)), "participants may not close");
        run("ana", new Close(id));
        assertEquals("conflict", refused("ben", new Answer(id, 3, null)), "closed");
    }

    @Test
    void othersSeeOnlyHowManyAnsweredAndAMemberMayChangeTheirAnswer() {
        String id = open();
        Sequenced first = run("ben", new Answer(id, 2, "wary"));
        Answered forAna = (Answered) module.view(first, new Viewer("ana", Role.FACILITATOR)).event();
        assertNull(forAna.value(), "the facilitator too sees no value");
        assertNull(forAna.word());
        assertEquals(1, forAna.answered());
        assertEquals(first, module.view(first, new Viewer("ben", Role.PARTICIPANT)), "the author sees their own");
        assertTrue(seenBy("ana").open().answers().isEmpty());
        assertEquals(2, seenBy("ben").open().answers().get("ben").value());

        Sequenced changed = run("ben", new Answer(id, 4, null));
        assertEquals(1, ((Answered) changed.event()).answered(), "a changed answer counts once");
        assertNull(run("ben", new Answer(id, 4, null)), "the same answer changes nothing");
        run("cai", new Answer(id, 5, "hopeful"));
        assertEquals(2, seenBy("obs").open().answered());
        assertEquals(List.of(first.seq(), changed.seq()), CheckinModule.of(room).open().answers().get("ben").seqs());
    }

    @Test
    void theCloseKeepsOnlyTheDistributionAndErasesEveryAnswer() {
        String id = open();
        Sequenced a1 = run("ben", new Answer(id, 2, "wary"));
        Sequenced a2 = run("ben", new Answer(id, 4, "better"));
        Sequenced a3 = run("cai", new Answer(id, 5, "hopeful"));
        Sequenced a4 = run("ana", new Answer(id, 4, null));
        assertEquals(new Answered(id, null, null, 1), module.archived(a1).event(), "the archive keeps the count only");

        RoomState before = room;
        Sequenced close = run("ana", new Close(id));
        Result r = ((Closed) close.event()).result();
        assertEquals(List.of(0, 0, 0, 2, 1), r.counts());
        assertEquals(List.of("better", "hopeful"), r.words(), "sorted: their order tells nothing");
        assertEquals(3, r.answered());
        assertEquals(4.33, r.mean());
        assertEquals(List.of(a1.seq(), a2.seq(), a3.seq(), a4.seq()).stream().sorted().toList(), module.erases(close, before));
        assertNull(CheckinModule.of(room).open());
        assertEquals(List.of(r), CheckinModule.of(room).results());
        assertFalse(room.toString().contains("wary"), "the replaced word is gone from the state");
        assertNull(module.archived(close));
    }

    @Test
    void aCheckInWithoutAnswersClosesWithNoMean() {
        String id = open();
        run("ana", new Close(id));
        Result r = CheckinModule.of(room).results().get(0);
        assertEquals(0, r.answered());
        assertNull(r.mean());
        assertEquals(List.of(0, 0, 0, 0, 0), r.counts());
    }

    @Test
    void theRecordHoldsTheSpansResultsAndTheTrendUpToItsEnd() {
        run("ana", new MeetingCommand.Start(false));
        String first = open();
        run("ben", new Answer(first, 2, null));
        run("ana", new Close(first));
        int spanStart = log.size();
        String second = open();
        run("ben", new Answer(second, 4, "steady | <b>"));
        run("cai", new Answer(second, 5, null));
        run("ana", new Close(second));

        RecordPart part = module.record(new Viewer("ana", Role.FACILITATOR));
        for (int i = 0; i < log.size(); i++) {
            Sequenced seen = log.get(i).event() instanceof CheckinEvent
                ? module.view(log.get(i), new Viewer("ana", Role.FACILITATOR)) : log.get(i);
            part.event(seen, states.get(i), i + 1 < states.size() ? states.get(i + 1) : room, i >= spanStart);
        }
        CheckinRecord.Section s = (CheckinRecord.Section) part.section(room);
        assertEquals(1, s.checkins().size());
        assertEquals(second, s.checkins().get(0).id());
        assertEquals(4.5, s.checkins().get(0).mean());
        assertEquals(List.of(first, second), s.trend().stream().map(CheckinRecord.Point::checkinId).toList());
        assertEquals(MeetingModule.current(room).id(), s.trend().get(0).meetingId());

        List<String> written = new ArrayList<>();
        part.write(s, new RecordWriter() {
            @Override
            public void heading(String text) {
                written.add("# " + text);
            }

            @Override
            public void paragraph(String text) {
                written.add(text);
            }

            @Override
            public void list(List<String> items) {
                written.add("list " + items);
            }

            @Override
            public void table(List<String> columns, List<List<String>> rows) {
                written.add("table " + columns + " " + rows);
            }
        });
        assertEquals("# " + CheckinRules.DEFAULT_QUESTION, written.get(0));
        assertEquals("2 members answered, mean 4.50 on a scale of 1 to 5.", written.get(1));
        assertEquals("table [Answer, Members] [[1, 0], [2, 0], [3, 0], [4, 1], [5, 1]]", written.get(2));
        assertEquals("list [steady | <b>]", written.get(3), "words go to the writer as plain text, for it to escape");
        assertTrue(written.get(5).startsWith("table [Meeting, Closed, Answered, Mean]"), written.toString());
        assertNull(module.record(new Viewer("ana", Role.FACILITATOR)).section(room));
    }
}
