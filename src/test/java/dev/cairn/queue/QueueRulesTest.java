package dev.cairn.queue;

import dev.cairn.queue.QueueCommand.Add;
import dev.cairn.queue.QueueCommand.Call;
import dev.cairn.queue.QueueCommand.ChangeKind;
import dev.cairn.queue.QueueCommand.Clear;
import dev.cairn.queue.QueueCommand.Configure;
import dev.cairn.queue.QueueCommand.EndTurn;
import dev.cairn.queue.QueueCommand.Lock;
import dev.cairn.queue.QueueCommand.Lower;
import dev.cairn.queue.QueueCommand.Move;
import dev.cairn.queue.QueueCommand.Next;
import dev.cairn.queue.QueueCommand.Pass;
import dev.cairn.queue.QueueCommand.Raise;
import dev.cairn.queue.QueueCommand.Remove;
import dev.cairn.queue.QueueCommand.StartRound;
import dev.cairn.room.Context;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The speaking queue's rules without a server: order by kind, progressive stack, turns and their race, rounds, roles. */
class QueueRulesTest {
    private static final long MINUTE = 60_000;

    private final RoomRules rules = new RoomRules(50);
    private final List<Sequenced> log = new ArrayList<>();
    private RoomState room = RoomState.empty("r");
    private long now = 1_000_000;

    QueueRulesTest() {
        commit("ana", rules.create("r", "Queue", "ana", "Ana"));
        for (String name : List.of("Ben", "Cy", "Dee", "Eve")) {
            commit(name.toLowerCase(), rules.join(room, name.toLowerCase(), name, Role.PARTICIPANT));
        }
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
        History history = seq -> log.stream().filter(e -> e.seq() > seq).toList();
        return rules.decide(room, new Context(actor, "c" + log.size(), history, now), command);
    }

    private List<RoomEvent> run(String actor, RoomCommand command) {
        List<RoomEvent> events = decide(actor, command);
        commit(actor, events);
        return events;
    }

    private String code(String actor, RoomCommand command) {
        return assertThrows(Rejection.class, () -> decide(actor, command)).code();
    }

    private QueueState queue() {
        return QueueModule.of(room);
    }

    /** Who waits, in order, by name. */
    private List<String> order() {
        return queue().entries().stream().map(Entry::name).toList();
    }

    private String handOf(String member) {
        return queue().handOf(member).entryId();
    }

    private String currentTurn() {
        return queue().current() == null ? null : queue().current().turnId();
    }

    /** Gives the floor to the first in the queue and lets them speak for {@code minutes}. */
    private void speak(long minutes) {
        run("ana", new Next(currentTurn()));
        now += minutes * MINUTE;
        run("ana", new EndTurn(currentTurn()));
    }

    @Test
    void kindsGoByPriorityThenByArrival() {
        run("ben", new Raise("new"));
        run("cy", new Raise("reply"));
        run("dee", new Raise("new"));
        run("eve", new Raise("clarify"));
        run("ana", new Raise("process"));
        assertEquals(List.of("Ana", "Eve", "Cy", "Ben", "Dee"), order());
    }

    @Test
    void changingTheKindMovesTheHandToItsNewPlace() {
        run("ben", new Raise("new"));
        run("cy", new Raise("new"));
        run("dee", new Raise("new"));
        run("dee", new ChangeKind(handOf("dee"), "clarify"));
        assertEquals(List.of("Dee", "Ben", "Cy"), order());
        run("dee", new ChangeKind(handOf("dee"), "new"));
        assertEquals(List.of("Ben", "Cy", "Dee"), order(), "back among new points, behind those already there");
        assertEquals("forbidden", code("cy", new ChangeKind(handOf("ben"), "process")), "someone else's hand");
        assertEquals("invalid", code("ben", new ChangeKind(handOf("ben"), "round")));
        run("ana", new ChangeKind(handOf("ben"), "reply"));
        assertEquals(List.of("Ben", "Cy", "Dee"), order());
        assertEquals("reply", queue().handOf("ben").kind());
    }

    @Test
    void progressiveStackPutsWhoSpokeLeastFirstAmongNewPointsOnly() {
        run("ben", new Raise("new"));
        speak(3);
        run("cy", new Raise("new"));
        speak(1);
        run("ana", new Configure(true, null));
        run("ben", new Raise("new"));
        run("cy", new Raise("new"));
        run("dee", new Raise("new"));
        assertEquals(List.of("Dee", "Cy", "Ben"), order(), "0, 1 and 3 minutes so far");
        run("eve", new Raise("reply"));
        assertEquals(List.of("Eve", "Dee", "Cy", "Ben"), order(), "a direct response still comes before new points");
        run("ana", new Configure(false, null));
        run("ana", new Raise("new"));
        assertEquals("Ana", order().get(4), "without the progressive stack: arrival order");
        assertEquals(3 * MINUTE, queue().speakingIn(null, "ben").millis());
        assertEquals(1, queue().speakingIn(null, "ben").turns());
    }

    @Test
    void withTheProgressiveStackASpeakersWaitingHandGoesBackOnceTheirTurnEnds() {
        run("ana", new Configure(true, null));
        run("ben", new Raise("new"));
        run("ana", new Next(null));
        run("ben", new Raise("new"));
        run("cy", new Raise("new"));
        run("dee", new Raise("new"));
        assertEquals(List.of("Ben", "Cy", "Dee"), order(), "while Ben speaks his finished time is still 0");
        run("ana", new Move(handOf("dee"), 0));
        now += 2 * MINUTE;
        List<RoomEvent> events = run("ana", new Next(currentTurn()));
        assertEquals(List.of("queue.turn_ended", "queue.reordered", "queue.turn_started"),
            events.stream().map(e -> e.getClass().getSimpleName()).map(n -> switch (n) {
                case "TurnEnded" -> "queue.turn_ended";
                case "Reordered" -> "queue.reordered";
                case "TurnStarted" -> "queue.turn_started";
                default -> n;
            }).toList());
        assertEquals("Dee", queue().current().name(), "Dee stays where the facilitator moved her: first");
        assertEquals(List.of("Cy", "Ben"), order(), "Ben spoke 2 min, Cy none: Cy goes before him now");
    }

    @Test
    void turningTheProgressiveStackOnOrdersTheNewPointsWaiting() {
        run("ben", new Raise("new"));
        speak(3);
        run("cy", new Raise("new"));
        speak(1);
        run("ben", new Raise("new"));
        run("cy", new Raise("new"));
        run("dee", new Raise("new"));
        run("eve", new Raise("clarify"));
        assertEquals(List.of("Eve", "Ben", "Cy", "Dee"), order());
        run("ana", new Configure(true, null));
        assertEquals(List.of("Eve", "Dee", "Cy", "Ben"), order());
        run("ana", new Configure(false, null));
        assertEquals(List.of("Eve", "Dee", "Cy", "Ben"), order(), "turning it off keeps the present order");
    }

    @Test
    void aFacilitatorsMoveIsKeptWhenLaterHandsArrive() {
        run("ben", new Raise("new"));
        run("cy", new Raise("new"));
        run("ana", new Move(handOf("cy"), 0));
        assertEquals(List.of("Cy", "Ben"), order());
        assertEquals("ana", queue().handOf("cy").movedBy());
        run("dee", new Raise("new"));
        assertEquals(List.of("Cy", "Ben", "Dee"), order());
        run("eve", new Raise("clarify"));
        assertEquals(List.of("Eve", "Cy", "Ben", "Dee"), order());
        assertEquals("invalid", code("ana", new Move(handOf("cy"), 4)));
    }

    @Test
    void theSpeakersDoneAndTheFacilitatorsNextAtOnceSkipNobody() {
        run("ben", new Raise("new"));
        run("cy", new Raise("new"));
        run("dee", new Raise("new"));
        run("ana", new Next(null));
        String bensTurn = currentTurn();
        assertEquals("Ben", queue().current().name());
        RoomState before = room;
        int logBefore = log.size();

        // Ben's "done" commits first; the facilitator's "next" for the same turn then calls Cy.
        now += MINUTE;
        run("ben", new EndTurn(bensTurn));
        run("ana", new Next(bensTurn));
        assertEquals("Cy", queue().current().name());
        assertEquals(List.of("Dee"), order());
        RoomState doneFirst = room;

        // The other way round: "next" first calls Cy, and Ben's late "done" changes nothing.
        room = before;
        log.subList(logBefore, log.size()).clear();
        run("ana", new Next(bensTurn));
        assertEquals(List.of(), run("ben", new EndTurn(bensTurn)), "a turn that already ended: nothing to do");
        assertEquals("Cy", queue().current().name());
        assertEquals(List.of("Dee"), order());
        assertEquals(doneFirst.seq(), room.seq(), "the same number of events either way: the late \"done\" adds none");
        assertEquals(QueueModule.of(doneFirst).speakingIn(null, "ben").turns(), queue().speakingIn(null, "ben").turns());

        // Two facilitators pressing "next" for the same turn: the second is told, not obeyed.
        commit("ana", rules.join(room, "fay", "Fay", Role.FACILITATOR));
        String cysTurn = currentTurn();
        run("ana", new Next(cysTurn));
        Rejection stale = assertThrows(Rejection.class, () -> decide("fay", new Next(cysTurn)));
        assertEquals("conflict", stale.code());
        assertTrue(stale.getMessage().contains("Dee has the floor"), stale.getMessage());
        assertEquals("Dee", queue().current().name());
    }

    @Test
    void aTurnRecordsItsDurationAndTheSpeakersTotals() {
        run("ana", new Configure(null, 120));
        run("ben", new Raise("clarify"));
        run("ana", new Next(null));
        Turn turn = queue().current();
        assertEquals(now, turn.startedAt());
        assertEquals(120, turn.limitSeconds());
        now += 90_000;
        QueueEvent.TurnEnded ended = (QueueEvent.TurnEnded) run("ben", new EndTurn(turn.turnId())).get(0);
        assertEquals(90_000, ended.millis());
        assertEquals(turn.startedAt(), ended.startedAt());
        assertEquals("ben", ended.memberId());
        assertEquals(90_000, ended.spokenMillis());
        assertEquals(1, ended.turns());
        assertNull(queue().current());
        assertEquals("not_found", code("ben", new EndTurn("t999")));
        assertEquals("conflict", code("ana", new Next(null)), "nobody waits and nobody speaks");
    }

    @Test
    void onlyTheSpeakerOrAFacilitatorEndsATurn() {
        run("ben", new Raise("new"));
        run("ana", new Next(null));
        assertEquals("forbidden", code("cy", new EndTurn(currentTurn())));
        assertEquals("forbidden", code("obs", new EndTurn(currentTurn())));
        run("ana", new EndTurn(currentTurn()));
        assertNull(queue().current());
    }

    @Test
    void aFacilitatorCallsAChosenEntry() {
        run("ben", new Raise("new"));
        run("cy", new Raise("new"));
        run("ana", new Call(handOf("cy"), null));
        assertEquals("Cy", queue().current().name());
        assertEquals(List.of("Ben"), order());
        assertEquals("conflict", code("ana", new Call(handOf("ben"), null)), "Cy's turn is under way and was not named");
        run("ana", new Call(handOf("ben"), currentTurn()));
        assertEquals("Ben", queue().current().name());
        assertEquals(1, queue().speakingIn(null, "cy").turns());
    }

    @Test
    void someoneWithoutADeviceIsQueuedByNameAndCountedByName() {
        run("ana", new Add("Gran Torres", "new"));
        assertEquals(List.of("Gran Torres"), order());
        assertNull(queue().entries().get(0).memberId());
        assertEquals("ana", queue().entries().get(0).addedBy());
        now += 0;
        speak(2);
        assertEquals(2 * MINUTE, queue().speakingIn(null, "guest:Gran Torres").millis());
        assertEquals("invalid", code("ana", new Add(" ", "new")));
    }

    @Test
    void handsGoUpOnceAndComeDownByTheirOwner() {
        run("ben", new Raise("new"));
        assertEquals("conflict", code("ben", new Raise("process")));
        assertEquals("forbidden", code("cy", new Lower(handOf("ben"))));
        run("ben", new Lower(handOf("ben")));
        assertEquals(List.of(), order());
        assertEquals("not_found", code("ben", new Lower("h1")));
        assertEquals("invalid", code("ben", new Raise("shout")));
        assertEquals("new", decide("ben", new Raise(null)).stream().map(e -> ((QueueEvent.HandRaised) e).entry().kind()).findFirst().orElseThrow(), "no kind: a new point");
    }

    @Test
    void observersNeverRaiseHands() {
        assertEquals("forbidden", code("obs", new Raise("new")));
        assertEquals("forbidden", code("obs", new Raise("process")));
    }

    @Test
    void aLockedQueueTakesNewEntriesOnlyFromFacilitators() {
        run("ben", new Raise("new"));
        run("ana", new Lock(true));
        assertEquals("forbidden", code("cy", new Raise("new")));
        run("ana", new Raise("process"));
        run("ana", new Add("Gran", "new"));
        run("ben", new ChangeKind(handOf("ben"), "reply"));
        run("ben", new Lower(handOf("ben")));
        assertEquals(List.of("Ana", "Gran"), order());
        run("ana", new Lock(false));
        run("cy", new Raise("new"));
        assertEquals(3, order().size());
    }

    @Test
    void everyFacilitatorCommandFromAParticipantIsForbiddenAndChangesNothing() {
        run("ben", new Raise("new"));
        run("cy", new Raise("new"));
        run("ana", new Next(null));
        RoomState before = room;
        String entry = handOf("cy");
        List<RoomCommand> facilitatorOnly = List.of(new Add("Gran", "new"), new Move(entry, 0), new Remove(entry),
            new Clear(), new Lock(true), new Configure(true, 60), new Next(currentTurn()), new Call(entry, currentTurn()),
            new StartRound(false, List.of("ben", "cy")));
        for (RoomCommand command : facilitatorOnly) {
            assertEquals("forbidden", code("dee", command), command.toString());
            assertEquals("forbidden", code("obs", command), command.toString());
        }
        assertEquals(before, room);
    }

    @Test
    void aRoundQueuesEveryoneOnceInTheOrderGivenAndAMemberMayPass() {
        run("eve", new Raise("new"));
        run("ana", new StartRound(false, List.of("dee", "ben", "cy")));
        assertEquals(List.of("Dee", "Ben", "Cy", "Eve"), order(), "round turns come before new points");
        run("cy", new Raise("process"));
        assertEquals(List.of("Cy", "Dee", "Ben", "Cy", "Eve"), order());
        assertEquals("conflict", code("ben", new Lower(queue().entries().get(2).entryId())), "a round turn is passed, not lowered");
        run("ben", new Pass(queue().entries().get(2).entryId()));
        assertEquals(List.of("ben"), queue().round().passed());
        assertEquals(List.of("Cy", "Dee", "Cy", "Eve"), order());
        assertEquals("conflict", code("ana", new StartRound(false, null)), "one round at a time");
        speak(1);
        speak(1);
        run("ana", new Next(null));
        assertEquals("round", queue().current().kind());
        assertEquals("Cy", queue().current().name());
        assertTrue(queue().round() != null, "the round's last turn is under way");
        now += MINUTE;
        run("cy", new EndTurn(currentTurn()));
        assertNull(queue().round(), "everyone had their turn: the round is over");
        assertEquals(List.of("Eve"), order());
    }

    @Test
    void aShuffledRoundIsDecidedOnceAndCarriedInItsEvent() {
        List<String> members = List.of("ana", "ben", "cy", "dee", "eve");
        QueueEvent.RoundStarted started = (QueueEvent.RoundStarted) decide("ana", new StartRound(true, members)).get(0);
        assertTrue(started.round().shuffled());
        assertEquals(started.round().order(), decide("ana", new StartRound(true, members)).stream()
            .map(e -> ((QueueEvent.RoundStarted) e).round().order()).findFirst().orElseThrow(), "deterministic in decide");
        assertEquals(new java.util.HashSet<>(members), new java.util.HashSet<>(started.round().order()));
        commit("ana", List.of(started));
        assertEquals(started.round().order(), queue().entries().stream().map(Entry::memberId).toList());
        assertEquals(started.round().order(), queue().round().order());
        assertNotEquals(members, started.round().order(), "this room's seed does shuffle");
    }

    @Test
    void aRoundChecksTheMembersItIsGiven() {
        assertEquals("invalid", code("ana", new StartRound(false, List.of("ben", "obs"))));
        assertEquals("invalid", code("ana", new StartRound(false, List.of("ben", "ben"))));
        assertEquals("not_found", code("ana", new StartRound(false, List.of("zed"))));
        assertEquals("invalid", code("ana", new StartRound(false, List.of())));
        assertEquals("invalid", code("ana", new StartRound(false, null)), "outside a meeting the members must be named");
    }

    @Test
    void clearingEmptiesTheQueueAndEndsTheRoundButNotTheTurn() {
        run("ben", new Raise("new"));
        run("ana", new Next(null));
        run("ana", new StartRound(false, List.of("cy", "dee")));
        run("eve", new Raise("new"));
        run("ana", new Clear());
        assertEquals(List.of(), order());
        assertNull(queue().round());
        assertEquals("Ben", queue().current().name());
        assertEquals(List.of(), decide("ana", new Clear()), "nothing left to clear");
    }

    /** Starts a meeting with these members present (their boards open). */
    private void meeting(String... present) {
        run("ana", new dev.cairn.meeting.MeetingCommand.Start(false));
        var module = new dev.cairn.meeting.MeetingModule();
        commit(RoomRules.SYSTEM, module.presence(room, dev.cairn.meeting.MeetingModule.of(room), java.util.Set.of(present), now));
    }

    @Test
    void speakingTimeBelongsToOneMeetingAndTheBalanceGoesIntoTheRecord() {
        meeting("ana", "ben", "cy", "dee");
        String first = MeetingLink.meetingId(room);
        run("ben", new Raise("new"));
        run("ana", new Next(null));
        now += 3 * MINUTE;
        QueueEvent.TurnEnded bens = (QueueEvent.TurnEnded) run("ben", new EndTurn(currentTurn())).get(0);
        assertEquals(first, bens.meetingId());
        // participants present: Ben 3 min, Cy 0, Dee 0: Gini = (2 · 2 · 3) / (2 · 3 · 3) = 2/3.
        assertEquals(1.0 / 3, bens.balance(), 1e-12);
        run("cy", new Raise("new"));
        run("ana", new Next(null));
        now += 3 * MINUTE;
        QueueEvent.TurnEnded cys = (QueueEvent.TurnEnded) run("ana", new EndTurn(currentTurn())).get(0);
        // 3, 3, 0: Gini = (2 · (0 + 3 + 3)) / (2 · 3 · 6) = 1/3.
        assertEquals(2.0 / 3, cys.balance(), 1e-12);
        run("ana", new Raise("new"));
        run("ana", new Next(null));
        now += 10 * MINUTE;
        QueueEvent.TurnEnded anas = (QueueEvent.TurnEnded) run("ana", new EndTurn(currentTurn())).get(0);
        assertEquals(2.0 / 3, anas.balance(), 1e-12, "the facilitator's time is shown apart, not in the balance");
        assertEquals(3 * MINUTE, queue().speakingIn(first, "ben").millis());

        run("ana", new dev.cairn.meeting.MeetingCommand.End());
        meeting("ana", "ben", "cy", "dee", "eve");
        String second = MeetingLink.meetingId(room);
        assertNotEquals(first, second);
        assertEquals(Speaking.NONE, queue().speakingIn(second, "ben"), "a new meeting starts from nothing");
        run("ana", new Configure(true, null));
        run("ben", new Raise("new"));
        run("dee", new Raise("new"));
        assertEquals(List.of("Ben", "Dee"), order(), "last meeting's minutes do not count");
        speak(2);
        assertEquals(2 * MINUTE, queue().speakingIn(second, "ben").millis());
        assertEquals(1, queue().speakingIn(second, "ben").turns());
        assertEquals(second, queue().meetingId());

        run("ana", new StartRound(false, null));
        assertEquals(List.of("ana", "ben", "cy", "dee", "eve"), queue().round().order(), "everyone present, oldest member first");
    }

    @Test
    void settingsAreChecked() {
        assertEquals("invalid", code("ana", new Configure(null, null)));
        assertEquals("invalid", code("ana", new Configure(null, 5)));
        assertEquals("invalid", code("ana", new Configure(null, 3601)));
        run("ana", new Configure(true, 0));
        assertTrue(queue().progressive());
        assertEquals(List.of(), decide("ana", new Configure(true, 0)));
    }

    @Test
    void aMemberWhoMayNoLongerSpeakLeavesTheQueueAndAMeetingThatEndsEndsTheTurn() {
        run("ben", new Raise("new"));
        run("cy", new Raise("new"));
        run("ana", new Next(currentTurn()));
        assertEquals("ben", queue().current().memberId(), "Ben has the floor");
        // Ben is made an observer from the member list: his turn ends and he is off the queue.
        List<RoomEvent> events = run("ana", new dev.cairn.room.MembershipCommand.ChangeRole("ben", "observer"));
        assertTrue(events.stream().anyMatch(e -> e instanceof QueueEvent.TurnEnded), "his turn ended: " + events);
        assertEquals(null, queue().current());
        run("dee", new Raise("new"));
        run("ana", new dev.cairn.room.MembershipCommand.RemoveMember("dee"));
        assertEquals(List.of("cy"), queue().entries().stream().map(Entry::memberId).toList(), "a removed member's hand is gone");

        run("ana", new dev.cairn.meeting.MeetingCommand.Start(false));
        run("ana", new Next(currentTurn()));
        assertEquals("cy", queue().current().memberId());
        List<RoomEvent> ended = run("ana", new dev.cairn.meeting.MeetingCommand.End());
        QueueEvent.TurnEnded turn = ended.stream().filter(e -> e instanceof QueueEvent.TurnEnded).map(e -> (QueueEvent.TurnEnded) e)
            .findFirst().orElseThrow(() -> new AssertionError("the meeting's end ended the turn: " + ended));
        assertTrue(turn.meetingId() != null, "counted in the meeting that ended");
        assertEquals(null, queue().current());
    }
}
