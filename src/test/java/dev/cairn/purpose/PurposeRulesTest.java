package dev.cairn.purpose;

import dev.cairn.purpose.PurposeCommand.AddTarget;
import dev.cairn.purpose.PurposeCommand.Adopt;
import dev.cairn.purpose.PurposeCommand.Edit;
import dev.cairn.purpose.PurposeCommand.Lock;
import dev.cairn.purpose.PurposeCommand.MoveTarget;
import dev.cairn.purpose.PurposeCommand.Rate;
import dev.cairn.purpose.PurposeCommand.RemoveTarget;
import dev.cairn.purpose.PurposeCommand.UpdateTarget;
import dev.cairn.room.Context;
import dev.cairn.room.Deadline;
import dev.cairn.room.History;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The purpose's rules without a server: OT against concurrent edits, limits, roles, ratings, targets, adoption. */
class PurposeRulesTest {
    private final RoomRules rules = new RoomRules(10);
    private final List<Sequenced> log = new ArrayList<>();
    private RoomState room = RoomState.empty("r");
    /** The room clock's now for the next command. */
    private long now = 1_800_000_000_000L;

    PurposeRulesTest() {
        commit("ana", rules.create("r", "Purpose", "ana", "Ana"));
        commit("ben", rules.join(room, "ben", "Ben", Role.PARTICIPANT));
        commit("obs", rules.join(room, "obs", "Projector", Role.OBSERVER));
    }

    private void commit(String by, List<RoomEvent> events) {
        for (RoomEvent e : events) {
            Sequenced s = new Sequenced(room.seq() + 1, 1000 + room.seq(), by, e);
            room = room.apply(s);
            log.add(s);
        }
    }

    private List<RoomEvent> decide(String actor, RoomCommand command) {
        History history = seq -> log.stream().filter(e -> e.seq() > seq).toList();
        return rules.decide(room, new Context(actor, "c" + log.size(), history, now), command);
    }

    private void run(String actor, RoomCommand command) {
        commit(actor, decide(actor, command));
    }

    private String code(String actor, RoomCommand command) {
        return assertThrows(Rejection.class, () -> decide(actor, command)).code();
    }

    @Test
    void concurrentEditsFromTheSameBaseAreTransformedAndBothSurvive() {
        run("ana", new Edit(room.seq(), List.of("Clean air")));
        long base = room.seq();
        run("ana", new Edit(base, List.of(9, " for all")));
        run("ben", new Edit(base, List.of("Together: ")));
        assertEquals("Together: Clean air for all", PurposeModule.of(room).text());
        assertEquals(3, PurposeModule.of(room).rev());
    }

    @Test
    void tieAtTheSamePositionPutsTheLaterSubmittedInsertFirst() {
        long base = room.seq();
        run("ana", new Edit(base, List.of("A")));
        run("ben", new Edit(base, List.of("B")));
        assertEquals("BA", PurposeModule.of(room).text(), "the submitted op takes the left side");
    }

    @Test
    void anEditAlreadyDoneByAnotherBecomesNoEvent() {
        run("ana", new Edit(room.seq(), List.of("abc")));
        long base = room.seq();
        run("ana", new Edit(base, List.of(1, Map.of("d", 1))));
        assertEquals(List.of(), decide("ben", new Edit(base, List.of(1, Map.of("d", 1)))));
        assertEquals("ac", PurposeModule.of(room).text());
    }

    @Test
    void badOpsAndLimitsAreRefusedWithTheirCodes() {
        run("ana", new Edit(room.seq(), List.of("hi 🌍")));
        long seq = room.seq();
        assertEquals("invalid", code("ana", new Edit(seq, List.of(10, "x"))), "past the end");
        assertEquals("invalid", code("ana", new Edit(seq, List.of(4, Map.of("d", 1)))), "splits the emoji");
        assertEquals("invalid", code("ana", new Edit(seq, List.of(0))), "zero skip");
        assertEquals("invalid", code("ana", new Edit(seq + 5, List.of("x"))), "seq from the future");
        assertEquals("invalid", code("ana", new Edit(null, List.of("x"))));
        assertEquals("too_large", code("ana", new Edit(seq, List.of("x".repeat(PurposeRules.MAX_INSERT + 1)))));
        assertEquals("forbidden", code("obs", new Edit(seq, List.of("x"))));
        assertEquals("hi 🌍", PurposeModule.of(room).text());
    }

    @Test
    void theDraftNeverGrowsPastItsLimit() {
        for (int i = 0; i < PurposeRules.MAX_TEXT / PurposeRules.MAX_INSERT; i++) {
            run("ana", new Edit(room.seq(), List.of("y".repeat(PurposeRules.MAX_INSERT))));
        }
        assertEquals(PurposeRules.MAX_TEXT, PurposeModule.of(room).text().length());
        assertEquals("too_large", code("ben", new Edit(room.seq(), List.of("z"))));
    }

    @Test
    void onlyFacilitatorsLockAndALockStopsParticipantsButLetsFacilitatorsTidy() {
        assertEquals("forbidden", code("ben", new Lock(true, 0)));
        run("ana", new Lock(true, 0));
        assertTrue(PurposeModule.of(room).locked());
        assertEquals("forbidden", code("ben", new Edit(room.seq(), List.of("x"))));
        run("ana", new Edit(room.seq(), List.of("tidy")));
        assertEquals("tidy", PurposeModule.of(room).text());
        run("ana", new Lock(false, null));
        run("ben", new Edit(room.seq(), List.of("x")));
        assertEquals("xtidy", PurposeModule.of(room).text());
    }

    @Test
    void aLockWaitsItsGraceSoWhoeverIsTypingFinishesThenTheRoomsClockLocksOnce() {
        long asked = now;
        run("ana", new Lock(true, null));
        PurposeState scheduled = PurposeModule.of(room);
        assertFalse(scheduled.locked());
        assertEquals(asked + PurposeRules.LOCK_GRACE_SECONDS * 1000L, scheduled.lockAt());
        assertEquals("ana", scheduled.lockBy());
        assertEquals(List.of(new Deadline("lock", scheduled.lockAt())), new PurposeModule().deadlines(scheduled));

        now = scheduled.lockAt() - 1;
        run("ben", new Edit(room.seq(), List.of("…14 days. Tenants decide.")));
        assertEquals("…14 days. Tenants decide.", PurposeModule.of(room).text(), "accepted until the lock's time");
        assertTrue(rules.due(room, "purpose", "lock", now).isEmpty(), "not due yet");

        now = scheduled.lockAt();
        assertEquals("forbidden", code("ben", new Edit(room.seq(), List.of("x"))), "refused from its time on, even before the clock fired");
        List<RoomEvent> fired = rules.due(room, "purpose", "lock", now);
        assertEquals(List.of(new PurposeEvent.LockChanged(true)), fired);
        commit("system", fired);
        assertTrue(PurposeModule.of(room).locked());
        assertNull(PurposeModule.of(room).lockAt());
        assertTrue(rules.due(room, "purpose", "lock", now).isEmpty(), "a second node firing the same deadline commits nothing");
        assertTrue(new PurposeModule().deadlines(PurposeModule.of(room)).isEmpty());
    }

    @Test
    void unlockingCancelsAScheduledLockAndLockingNowSkipsTheGrace() {
        run("ana", new Lock(true, 5));
        assertTrue(decide("ana", new Lock(true, null)).isEmpty(), "a second lock does not move the first one's time");
        run("ana", new Lock(false, null));
        assertNull(PurposeModule.of(room).lockAt());
        assertFalse(PurposeModule.of(room).locked());
        assertTrue(rules.due(room, "purpose", "lock", now + 60_000).isEmpty());
        assertEquals("invalid", code("ana", new Lock(true, -1)));
        assertEquals("invalid", code("ana", new Lock(true, PurposeRules.MAX_LOCK_GRACE_SECONDS + 1)));

        run("ana", new Lock(true, 5));
        run("ana", new Lock(true, 0));
        assertTrue(PurposeModule.of(room).locked(), "lock now, during the grace");
    }

    @Test
    void aSaveBasedOnAnOlderVersionOfATargetIsRefusedWithConflictAndChangesNothing() {
        run("ana", new AddTarget("Repairs answered in time", "40%", "90%", "", ""));
        Target opened = PurposeModule.of(room).targets().get(0);
        assertEquals(room.seq(), opened.version(), "a target's version is the seq of the event that set it");
        assertEquals("ana", opened.by());

        // Ana and Ben both opened the form on that version; Ana saves first.
        run("ana", new UpdateTarget(opened.id(), "Repairs answered in 14 days", "40%", "90%", "", "", opened.version()));
        Target anas = PurposeModule.of(room).targets().get(0);
        assertEquals(room.seq(), anas.version());
        RoomState before = room;
        Rejection stale = assertThrows(Rejection.class, () -> decide("ben",
            new UpdateTarget(opened.id(), "Repairs answered", "40%", "95%", "", "Ben", opened.version())));
        assertEquals("conflict", stale.code());
        assertTrue(stale.getMessage().startsWith("Ana changed this target since you opened it"), stale.getMessage());
        assertEquals(before, room, "nothing changed");

        // "Keep mine": Ben sends his text again, now on Ana's version.
        run("ben", new UpdateTarget(opened.id(), "Repairs answered", "40%", "95%", "", "Ben", anas.version()));
        assertEquals("95%", PurposeModule.of(room).targets().get(0).target());
        assertEquals("ben", PurposeModule.of(room).targets().get(0).by());
        assertEquals("invalid", code("ben", new UpdateTarget(opened.id(), "x", "", "1", "", "", null)), "the base is required");
        assertTrue(decide("ben", new UpdateTarget(opened.id(), "Repairs answered", "40%", "95%", "", "Ben",
            PurposeModule.of(room).targets().get(0).version())).isEmpty(), "saving the same fields is no change");
    }

    @Test
    void onlyEditorsSayTheyAreEditingAndOnlyAnExistingTarget() {
        run("ana", new AddTarget("Repairs answered in time", "40%", "90%", "", ""));
        String id = PurposeModule.of(room).targets().get(0).id();
        PurposeModule module = new PurposeModule();
        var relay = module.relay(room, room.member("ben"), new PurposeModule.Editing("target:" + id));
        assertEquals("editing", relay.type());
        assertEquals("target:" + id, relay.fields().get("item"));
        assertNull(module.relay(room, room.member("ben"), new PurposeModule.Editing(null)).fields().get("item"));
        assertEquals("invalid", assertThrows(Rejection.class,
            () -> module.relay(room, room.member("ben"), new PurposeModule.Editing("target:nope"))).code());
        assertEquals("forbidden", assertThrows(Rejection.class,
            () -> module.relay(room, room.member("obs"), new PurposeModule.Editing("target:" + id))).code());
    }

    @Test
    void ratingsBelongToARevisionAndGoStaleWhenTheTextChangesALot() {
        assertEquals("invalid", code("ben", new Rate(3, 3, 3, null)), "nothing to rate yet");
        run("ana", new Edit(room.seq(), List.of("We make the harbour district breathe clean air by 2030.")));
        assertEquals("invalid", code("ben", new Rate(0, 3, 3, null)));
        assertEquals("invalid", code("ben", new Rate(3, 3, 3, Map.of("beauty", "x"))));
        assertEquals("forbidden", code("obs", new Rate(3, 3, 3, null)));
        run("ben", new Rate(5, 4, 2, Map.of("measurable", "How do we\nmeasure it?")));
        Rating rating = PurposeModule.of(room).ratings().get("ben");
        assertEquals(1, rating.rev());
        assertEquals("How do we\nmeasure it?", rating.comments().get("measurable"));
        assertFalse(rating.staleAt(PurposeModule.of(room).churn()));
        run("ana", new Edit(room.seq(), List.of(54, " Measured by NO2 readings.")));
        assertTrue(PurposeModule.of(room).ratings().get("ben").staleAt(PurposeModule.of(room).churn()));
    }

    @Test
    void targetsAreAddedEditedReorderedAndRemoved() {
        run("ben", new AddTarget("NO2 at the harbour school", "41 µg/m³", "20 µg/m³", "2030-12-31", "Ben"));
        run("ana", new AddTarget("Households on the clean-air list", "", "500", "", ""));
        List<Target> targets = PurposeModule.of(room).targets();
        assertEquals(2, targets.size());
        String first = targets.get(0).id();
        String second = targets.get(1).id();
        run("ana", new MoveTarget(second, 0));
        assertEquals(List.of(second, first), PurposeModule.of(room).targets().stream().map(Target::id).toList());
        run("ben", new UpdateTarget(first, "NO2 at the harbour school", "41 µg/m³", "25 µg/m³", "2030-06-30", "Ben",
            PurposeModule.of(room).targets().get(1).version()));
        assertEquals("25 µg/m³", PurposeModule.of(room).targets().get(1).target());
        run("ben", new RemoveTarget(second));
        assertEquals(List.of(first), PurposeModule.of(room).targets().stream().map(Target::id).toList());
        assertEquals("invalid", code("ben", new AddTarget("x", "", "y", "next year", "")));
        for (String impossible : List.of("2027-13-45", "2027-02-30", "2027-00-10", "0000-01-01")) {
            assertEquals("invalid", code("ben", new AddTarget("x", "", "y", impossible, "")), impossible);
        }
        run("ben", new AddTarget("Leap day", "", "y", "2028-02-29", ""));
        assertEquals("invalid", code("ben", new AddTarget("", "", "y", "", "")));
        assertEquals("not_found", code("ben", new RemoveTarget("t999")));
        assertEquals("invalid", code("ben", new MoveTarget(first, 3)));
        assertEquals("forbidden", code("obs", new AddTarget("x", "", "y", "", "")));
    }

    @Test
    void facilitatorAdoptsTheCurrentRevisionWhichStaysApartFromTheDraft() {
        run("ana", new Edit(room.seq(), List.of("Clean air")));
        assertEquals("forbidden", code("ben", new Adopt(1)));
        assertEquals("conflict", code("ana", new Adopt(0)));
        run("ana", new Adopt(1));
        run("ben", new Edit(room.seq(), List.of(9, " now")));
        Adoption adopted = PurposeModule.of(room).adopted();
        assertEquals(1, adopted.rev());
        assertEquals("Clean air", adopted.text());
        assertEquals("ana", adopted.by());
        assertEquals("Clean air now", PurposeModule.of(room).text());
        assertNull(PurposeModule.of(RoomState.empty("x")).adopted());
    }

    @Test
    void anEditBasedBeyondTheWindowIsAConflict() {
        History none = seq -> {
            throw Rejection.conflict("too old");
        };
        Rejection r = assertThrows(Rejection.class,
            () -> rules.decide(room, new Context("ana", "c", none), new Edit(0L, List.of("x"))));
        assertEquals("conflict", r.code());
    }
}
