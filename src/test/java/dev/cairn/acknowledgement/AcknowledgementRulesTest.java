package dev.cairn.acknowledgement;

import dev.cairn.acknowledgement.AcknowledgementCommand.Draft;
import dev.cairn.acknowledgement.AcknowledgementCommand.Edit;
import dev.cairn.acknowledgement.AcknowledgementCommand.Share;
import dev.cairn.acknowledgement.AcknowledgementCommand.Withdraw;
import dev.cairn.acknowledgement.AcknowledgementEvent.Drafted;
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

/** Acknowledgements: a draft is its author's alone until shared; only the author edits, shares or withdraws. */
class AcknowledgementRulesTest {
    private final RoomRules rules = new RoomRules(10);
    private final AcknowledgementModule module = (AcknowledgementModule) Modules.byKey("acknowledgement");
    private RoomState room = RoomState.empty("r");
    private final List<Sequenced> log = new ArrayList<>();
    private final List<RoomState> states = new ArrayList<>();

    AcknowledgementRulesTest() {
        commit("ana", rules.create("r", "Street", "ana", "Ana"));
        commit("ben", rules.join(room, "ben", "Ben", Role.PARTICIPANT));
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
        commit(actor, rules.decide(room, new Context(actor, "c" + room.seq(), seq -> List.of(), 5000), command));
        return log.size() > before ? log.get(log.size() - 1) : null;
    }

    private String refused(String actor, RoomCommand command) {
        return assertThrows(Rejection.class,
            () -> rules.decide(room, new Context(actor, "x", seq -> List.of(), 5000), command)).code();
    }

    private AcknowledgementState seenBy(String member) {
        return module.view(AcknowledgementModule.of(room), new Viewer(member, room.member(member).role()));
    }

    private String draft(String actor, String text) {
        return ((Drafted) run(actor, new Draft(text)).event()).acknowledgementId();
    }

    @Test
    void aDraftIsSeenOnlyByItsAuthorUntilSharedThenByEveryoneWithItsAuthor() {
        String id = draft("ben", "I stopped coming to the tenants' meetings");
        assertEquals(1, seenBy("ben").items().size());
        assertTrue(seenBy("ana").items().isEmpty(), "the facilitator does not see another's draft");
        assertTrue(seenBy("obs").items().isEmpty());

        Sequenced drafted = log.get(log.size() - 1);
        Sequenced forAna = module.view(drafted, new Viewer("ana", Role.FACILITATOR));
        assertEquals(new Drafted(null, null), forAna.event(), "another board gets the seq with nothing in it");
        assertEquals(drafted.seq(), forAna.seq());
        assertEquals(drafted, module.view(drafted, new Viewer("ben", Role.PARTICIPANT)));

        run("ben", new Share(id));
        Acknowledgement shared = seenBy("ana").find(id);
        assertEquals("ben", shared.author());
        assertEquals("I stopped coming to the tenants' meetings", shared.text());
        assertTrue(shared.shared());
        assertEquals(seenBy("ben"), seenBy("obs"), "once shared, everyone sees the same");
    }

    @Test
    void onlyTheAuthorEditsSharesOrWithdrawsAndAnotherDraftIsAsIfItDidNotExist() {
        String id = draft("ben", "I kept the keys to myself");
        assertEquals("not_found", refused("ana", new Edit(id, "Rewritten")), "another's draft is not even found");
        assertEquals("not_found", refused("ana", new Share(id)));
        assertEquals("not_found", refused("ana", new Withdraw(id)));
        run("ben", new Share(id));
        assertEquals("forbidden", refused("ana", new Edit(id, "Rewritten")), "nobody else edits a shared one");
        assertEquals("forbidden", refused("ana", new Withdraw(id)));
        assertEquals("forbidden", refused("obs", new Draft("I only watched")), "observers watch");
        assertEquals("invalid", refused("ben", new Draft("   ")));
        assertEquals("invalid", refused("ben", new Draft("x".repeat(AcknowledgementRules.MAX_TEXT + 1))));
        assertEquals("invalid", refused("ben", new Edit(null, "x")));
        assertEquals("not_found", refused("ben", new Edit("a999", "x")));
    }

    @Test
    void theAuthorEditsPrivatelyThenPubliclyAndWithdrawingTakesItOffEveryBoard() {
        String id = draft("ben", "First words");
        Sequenced edit = run("ben", new Edit(id, "Better words"));
        assertEquals(new AcknowledgementEvent.Edited(null, null, false), module.view(edit, new Viewer("ana", Role.FACILITATOR)).event());
        assertEquals(List.of(edit.seq()), AcknowledgementModule.of(room).find(id).draftSeqs(), "only the latest draft copy is kept");
        assertNull(run("ben", new Edit(id, "Better words")), "the same text changes nothing");
        run("ben", new Share(id));
        Sequenced publicEdit = run("ben", new Edit(id, "Better words, shared"));
        assertEquals(publicEdit, module.view(publicEdit, new Viewer("ana", Role.FACILITATOR)), "a shared one's edit is public");
        assertEquals("Better words, shared", seenBy("ana").find(id).text());
        assertNull(run("ben", new Share(id)), "sharing twice changes nothing");

        run("ben", new Withdraw(id));
        assertTrue(seenBy("ana").items().isEmpty());
        assertTrue(seenBy("ben").items().isEmpty());
    }

    @Test
    void draftsAreSealedAndSharingOrWithdrawingErasesEveryDraftCopy() {
        String id = draft("ben", "Sealed words");
        Sequenced drafted = log.get(log.size() - 1);
        assertEquals(new Drafted(id, null), module.archived(drafted).event(), "the archive keeps no draft text");
        Sequenced edit = run("ben", new Edit(id, "Sealed words again"));
        assertEquals(List.of(drafted.seq()), module.erases(edit, states.get(states.size() - 1)), "an edit erases the earlier text");
        Sequenced share = run("ben", new Share(id));
        assertEquals(List.of(edit.seq()), module.erases(share, states.get(states.size() - 1)));
        assertNull(module.archived(share), "a shared one is archived as it is");

        String other = draft("ben", "Never shown");
        Sequenced otherDraft = log.get(log.size() - 1);
        Sequenced withdrawn = run("ben", new Withdraw(other));
        assertEquals(List.of(otherDraft.seq()), module.erases(withdrawn, states.get(states.size() - 1)));
        assertEquals(new AcknowledgementEvent.Withdrawn(null, false), module.view(withdrawn, new Viewer("ana", Role.FACILITATOR)).event());
    }

    @Test
    void aReplayOfTheArchivedDraftThenItsShareEndsInTheSameState() {
        String id = draft("ben", "Words");
        run("ben", new Share(id));
        RoomState replayed = states.get(log.size() - 2);
        replayed = replayed.apply(module.archived(log.get(log.size() - 2)));
        replayed = replayed.apply(log.get(log.size() - 1));
        assertEquals(room, replayed);
    }

    @Test
    void aMemberKeepsAtMostTwentyAcknowledgements() {
        for (int i = 0; i < AcknowledgementRules.MAX_PER_MEMBER; i++) draft("ana", "Part " + i);
        assertEquals("conflict", refused("ana", new Draft("One more")));
        draft("ben", "Ben still may");
    }

    @Test
    void theRecordListsSharedOnesWithTheirAuthorNeverDraftsNorWithdrawnOnes() {
        String kept = draft("ben", "I <script>said</script> nothing | ever");
        String draftOnly = draft("ana", "Only a draft");
        String gone = draft("ana", "Soon withdrawn");
        run("ben", new Share(kept));
        run("ana", new Share(gone));
        run("ana", new Withdraw(gone));
        run("ben", new Edit(kept, "I said nothing"));

        for (String reader : List.of("ana", "ben")) {
            RecordPart part = module.record(new Viewer(reader, room.member(reader).role()));
            for (int i = 0; i < log.size(); i++) {
                Sequenced seen = module.hasPrivateParts() && log.get(i).event() instanceof AcknowledgementEvent
                    ? module.view(log.get(i), new Viewer(reader, Role.PARTICIPANT)) : log.get(i);
                part.event(seen, states.get(i), i + 1 < states.size() ? states.get(i + 1) : room, true);
            }
            AcknowledgementRecord.Section section = (AcknowledgementRecord.Section) part.section(room);
            assertEquals(1, section.acknowledgements().size(), reader + ": " + section);
            AcknowledgementRecord.Item item = section.acknowledgements().get(0);
            assertEquals(kept, item.acknowledgementId());
            assertEquals("Ben", item.author());
            assertEquals("I said nothing", item.text(), "its latest shared text");
            List<List<String>> rows = new ArrayList<>();
            part.write(section, writer(rows));
            assertEquals(List.of(List.of("Ben", "I said nothing")), rows);
            assertFalse(section.toString().contains("Only a draft"));
            assertFalse(draftOnly.isEmpty());
        }
    }

    @Test
    void aMeetingRecordHoldsOnlyWhatWasSharedWithinTheSpan() {
        String before = draft("ben", "Shared before");
        run("ben", new Share(before));
        int spanStart = log.size();
        String within = draft("ben", "Shared within");
        run("ben", new Share(within));
        RecordPart part = module.record(new Viewer("ana", Role.FACILITATOR));
        for (int i = 0; i < log.size(); i++) {
            part.event(module.view(log.get(i), new Viewer("ana", Role.FACILITATOR)), states.get(i),
                i + 1 < states.size() ? states.get(i + 1) : room, i >= spanStart);
        }
        AcknowledgementRecord.Section section = (AcknowledgementRecord.Section) part.section(room);
        assertEquals(List.of(within), section.acknowledgements().stream().map(AcknowledgementRecord.Item::acknowledgementId).toList());
        assertNull(module.record(new Viewer("ana", Role.FACILITATOR)).section(room), "nothing to record: no section");
    }

    @Test
    void anAcknowledgementWithdrawnAfterTheMeetingLeavesThatMeetingsRecordToo() {
        String kept = draft("ben", "Kept");
        String later = draft("ben", "Withdrawn after the meeting");
        run("ben", new Share(kept));
        run("ben", new Share(later));
        int spanEnd = log.size();
        run("ben", new Withdraw(later));
        RecordPart part = module.record(new Viewer("ana", Role.FACILITATOR));
        for (int i = 0; i < log.size(); i++) {
            Sequenced seen = module.view(log.get(i), new Viewer("ana", Role.FACILITATOR));
            RoomState after = i + 1 < states.size() ? states.get(i + 1) : room;
            if (i < spanEnd) part.event(seen, states.get(i), after, true);
            else part.afterSpan(seen, states.get(i), after);
        }
        AcknowledgementRecord.Section section = (AcknowledgementRecord.Section) part.section(states.get(spanEnd));
        assertEquals(List.of(kept), section.acknowledgements().stream().map(AcknowledgementRecord.Item::acknowledgementId).toList());
    }

    private static RecordWriter writer(List<List<String>> rows) {
        return new RecordWriter() {
            @Override
            public void heading(String text) {
            }

            @Override
            public void paragraph(String text) {
            }

            @Override
            public void list(List<String> items) {
            }

            @Override
            public void table(List<String> columns, List<List<String>> table) {
                rows.addAll(table);
            }
        };
    }
}
