package dev.cairn.decision;

import dev.cairn.decision.DecisionCommand.Amend;
import dev.cairn.decision.DecisionCommand.Close;
import dev.cairn.decision.DecisionCommand.Handover;
import dev.cairn.decision.DecisionCommand.Propose;
import dev.cairn.decision.DecisionCommand.ProposeAdoption;
import dev.cairn.decision.DecisionCommand.ProposeMandate;
import dev.cairn.decision.DecisionCommand.Vote;
import dev.cairn.purpose.PurposeCommand;
import dev.cairn.purpose.PurposeEvent;
import dev.cairn.purpose.PurposeModule;
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
import dev.cairn.room.Viewer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision rules without a server: ballots and their errors, closing, anonymity, purpose adoption, mandates. */
class DecisionRulesTest {
    private static final long T0 = 1_800_000_000_000L;
    private final RoomRules rules = new RoomRules(50);
    private final List<Sequenced> log = new ArrayList<>();
    private final DecisionModule module = new DecisionModule();
    private RoomState room = RoomState.empty("r");
    private long now = T0;

    DecisionRulesTest() {
        commit("ana", rules.create("r", "Decisions", "ana", "Ana"));
        commit("ben", rules.join(room, "ben", "Ben", Role.PARTICIPANT));
        commit("cat", rules.join(room, "cat", "Cat", Role.PARTICIPANT));
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

    private void run(String actor, RoomCommand command) {
        commit(actor, decide(actor, command));
    }

    private String code(String actor, RoomCommand command) {
        return assertThrows(Rejection.class, () -> decide(actor, command)).code();
    }

    private DecisionState part() {
        return DecisionModule.of(room);
    }

    private String propose(String actor, Method method, List<String> options, Settings settings) {
        run(actor, new Propose("Shall we?", "", method, options, settings));
        return part().proposals().get(part().proposals().size() - 1).id();
    }

    private static Settings settings(boolean anonymous, boolean hidden) {
        return new Settings(anonymous, hidden, null, null, null, false, null, null, null, null, null);
    }

    private static Vote position(String id, Position p, String reason) {
        return new Vote(id, p, reason, null, null, null, null);
    }

    private Decision last() {
        return part().log().get(part().log().size() - 1);
    }

    @Test
    void ballotsThatDoNotFitAreRefusedWithAClearCode() {
        String dot = propose("ana", Method.DOT_VOTE, List.of("A", "B", "C"),
            new Settings(false, false, null, null, null, false, null, null, null, 5, 3));
        assertEquals("invalid", code("ben", new Vote(dot, null, null, null, null, Map.of("o1", 3, "o2", 3), null)), "over budget");
        assertEquals("invalid", code("ben", new Vote(dot, null, null, null, null, Map.of("o1", 4), null)), "over the cap");
        assertEquals("not_found", code("ben", new Vote(dot, null, null, null, null, Map.of("o9", 1), null)), "unknown option");
        run("ben", new Vote(dot, null, null, null, null, Map.of("o1", 3, "o2", 2), null));

        String ranked = propose("ana", Method.RANKED, List.of("A", "B"), null);
        assertEquals("invalid", code("ben", new Vote(ranked, null, null, null, null, null, List.of("o1", "o1"))), "malformed ranking");
        assertEquals("invalid", code("ben", new Vote(ranked, null, null, null, null, null, List.of())));
        assertEquals("not_found", code("ben", new Vote("p999", Position.CONSENT, null, null, null, null, null)));

        String consent = propose("ben", Method.CONSENT, null, null);
        assertEquals("invalid", code("cat", position(consent, Position.OBJECT, "  ")), "an objection needs a reason");
        assertEquals("invalid", code("cat", position(consent, Position.YES, null)));
        assertEquals("forbidden", code("obs", position(consent, Position.CONSENT, null)), "observers never vote");
        assertEquals("forbidden", code("cat", new Close(consent)), "only the proposer or a facilitator closes");
        run("ben", new Close(consent));
        assertEquals("conflict", code("cat", position(consent, Position.CONSENT, null)), "a closed proposal");
        assertEquals("invalid", code("ana", new Propose("Q", null, Method.CHOICE, List.of("Only one"), null)));
        assertEquals("invalid", code("ana", new Propose("Q", null, Method.CHOICE, List.of("A", "a"), null)));
    }

    @Test
    void aChangedBallotReplacesTheEarlierAndEachMemberCountsOnce() {
        String id = propose("ana", Method.YES_NO, null, null);
        run("ben", position(id, Position.YES, null));
        run("ben", position(id, Position.NO, null));
        assertEquals(List.of(), decide("ben", position(id, Position.NO, null)), "the same ballot again changes nothing");
        run("cat", position(id, Position.NO, null));
        Proposal p = part().proposal(id);
        assertEquals(List.of("ben", "cat"), p.voters());
        assertEquals(Map.of("yes", 0, "no", 2, "abstain", 0), p.tally().counts());
        run("ana", new Close(id));
        Decision d = last();
        assertEquals(Tallies.NOT_CARRIED, d.outcome());
        assertEquals(2, d.turnout());
        assertEquals(3, d.eligible());
        assertEquals(List.of("ana"), d.facilitators());
        assertEquals(List.of("ana", "ben", "cat"), d.present(), "no meeting: every eligible member");
        assertEquals(Map.of("ben", p.ballots().get("ben"), "cat", p.ballots().get("cat")), d.ballots(), "named ballots are in the log");
        assertNull(part().proposal(id), "a closed proposal is no longer open");
    }

    @Test
    void anAnonymousBallotIsSeenOnlyByItsVoterArchivedWithoutItAndErasedAtTheClose() {
        String id = propose("ana", Method.CONSENT, null, settings(true, false));
        run("ben", position(id, Position.OBJECT, "Too soon"));
        Sequenced ballot = log.get(log.size() - 1);
        run("cat", position(id, Position.CONSENT, null));

        Sequenced forCat = module.view(ballot, new Viewer("cat", Role.PARTICIPANT));
        assertNull(((DecisionEvent.Voted) forCat.event()).ballot());
        assertNotNull(((DecisionEvent.Voted) forCat.event()).tally(), "results visible while open");
        Sequenced forBen = module.view(ballot, new Viewer("ben", Role.PARTICIPANT));
        assertEquals(ballot, forBen, "the voter sees their own ballot");
        Sequenced forAna = module.view(ballot, new Viewer("ana", Role.FACILITATOR));
        assertNull(((DecisionEvent.Voted) forAna.event()).ballot(), "facilitators too see no one else's ballot");

        Sequenced archived = module.archived(ballot);
        assertEquals(ballot.seq(), archived.seq());
        assertNull(((DecisionEvent.Voted) archived.event()).ballot());
        assertNull(((DecisionEvent.Voted) archived.event()).tally(), "the running tally would tell the ballot");

        DecisionState catsView = module.view(part(), new Viewer("cat", Role.PARTICIPANT));
        assertEquals(List.of("cat"), List.copyOf(catsView.proposal(id).ballots().keySet()));
        assertEquals(List.of("ben", "cat"), catsView.proposal(id).voters());

        RoomState before = room;
        run("ana", new Close(id));
        Sequenced close = log.get(log.size() - 1);
        assertEquals(List.of(ballot.seq(), ballot.seq() + 1), module.erases(close, before));
        Decision d = last();
        assertEquals(Map.of(), d.ballots());
        assertEquals(List.of(new Tally.Objection(null, "Too soon")), d.tally().objections());
        assertEquals(Tallies.NOT_CARRIED, d.outcome());
        assertFalse(dev.cairn.protocol.Wire.encode(room).contains("\"position\""), "no ballot is left in the state");

        // Replaying the archive (anonymous ballots without choice) ends in the same state.
        RoomState replay = RoomState.empty("r");
        for (Sequenced s : log) {
            Sequenced a = Modules.forEvent(s.event()) == module ? module.archived(s) : null;
            replay = replay.apply(a == null ? s : a);
        }
        assertEquals(room, replay);
    }

    @Test
    void withResultsHiddenNobodySeesARunningTallyNotEvenTheFacilitator() {
        String id = propose("ana", Method.YES_NO, null, settings(false, true));
        run("ben", position(id, Position.YES, null));
        Sequenced ballot = log.get(log.size() - 1);
        for (String viewer : List.of("ana", "ben", "cat")) {
            DecisionEvent.Voted seen = (DecisionEvent.Voted) module.view(ballot,
                new Viewer(viewer, room.member(viewer).role())).event();
            assertNull(seen.tally(), viewer);
            assertEquals(viewer.equals("ben"), seen.ballot() != null, viewer);
            assertNull(module.view(part(), new Viewer(viewer, Role.FACILITATOR)).proposal(id).tally());
        }
        assertNull(module.archived(ballot), "a named ballot is archived as it is");
    }

    @Test
    void closeWhenEveryoneEligibleHasVotedClosesWithTheLastBallot() {
        String id = propose("ana", Method.FIST_TO_FIVE, null,
            new Settings(false, false, null, null, null, true, null, 2, null, null, null));
        run("ana", new Vote(id, null, null, 4, null, null, null));
        run("ben", new Vote(id, null, null, 2, null, null, null));
        assertNotNull(part().proposal(id));
        run("cat", new Vote(id, null, null, 5, null, null, null));
        assertNull(part().proposal(id));
        assertEquals("all_voted", last().closeReason());
        assertEquals(Tallies.CARRIED, last().outcome());
    }

    @Test
    void aDeadlineClosesOnceOnTheRoomsClock() {
        String id = propose("ben", Method.CONSENT, null, new Settings(false, false, null, null, 60, false, null, null, null, null, null));
        assertEquals(List.of(new dev.cairn.room.Deadline(id, T0 + 60_000)), module.deadlines(part()));
        assertEquals(List.of(), rules.due(room, "decision", id, T0 + 59_999), "not yet");
        List<RoomEvent> events = rules.due(room, "decision", id, T0 + 60_000);
        now = T0 + 60_000;
        commit(RoomRules.SYSTEM, events);
        assertEquals(List.of(), rules.due(room, "decision", id, T0 + 60_001), "a second node finds nothing due");
        assertEquals("deadline", last().closeReason());
        assertEquals(Tallies.NO_VOTES, last().outcome());
        assertEquals(List.of(), module.deadlines(part()));
    }

    @Test
    void aConsentProposalAdoptsTheExactRevisionItShowed() {
        run("ana", new PurposeCommand.Edit(room.seq(), List.of("We grow food together.")));
        int rev = PurposeModule.of(room).rev();
        run("ben", new ProposeAdoption(rev, "", null));
        String id = part().proposals().get(0).id();
        assertEquals("We grow food together.", part().proposal(id).purposeText());
        run("cat", new PurposeCommand.Edit(room.seq(), List.of(22, " Later words.")));
        run("ben", position(id, Position.CONSENT, null));
        run("cat", position(id, Position.STAND_ASIDE, "Fine"));
        run("ben", new Close(id));
        assertEquals(Tallies.CARRIED, last().outcome());
        assertEquals("We grow food together.", PurposeModule.of(room).adopted().text());
        assertEquals(rev, PurposeModule.of(room).adopted().rev());
        assertEquals(last().id(), PurposeModule.of(room).adopted().decisionId());
        assertEquals(rev, last().purposeRev());
    }

    @Test
    void aFacilitatorsDirectAdoptionIsLoggedAsAFacilitatorDecision() {
        run("ana", new PurposeCommand.Edit(room.seq(), List.of("Draft")));
        run("ana", new PurposeCommand.Adopt(PurposeModule.of(room).rev()));
        assertEquals(Decision.FACILITATOR, last().kind());
        assertEquals("Draft", last().purposeText());
        assertEquals(last().id(), PurposeModule.of(room).adopted().decisionId());
    }

    @Test
    void aMandateWithdrawnByConsentMovesTheRoleAndTheFormerFacilitatorIsRefused() {
        assertEquals("invalid", code("ben", new ProposeMandate("ana", MandateAction.WITHDRAW, null, null, null)),
            "the last facilitator's mandate needs a successor");
        run("ben", new ProposeMandate("ana", MandateAction.WITHDRAW, "cat", "Time for a change", null));
        String id = part().proposals().get(0).id();
        run("ben", position(id, Position.CONSENT, null));
        run("cat", position(id, Position.CONSENT, null));
        assertEquals(Role.FACILITATOR, room.member("ana").role(), "nothing changes before it carries");
        run("ben", new Close(id));
        assertEquals(Role.PARTICIPANT, room.member("ana").role());
        assertEquals(Role.FACILITATOR, room.member("cat").role());
        assertEquals(new Mandate(last().id(), now), part().mandates().get("cat"));
        assertEquals("forbidden", code("ana", new MembershipCommand.RenameRoom("Mine")));
        assertEquals("forbidden", code("ana", new DecisionCommand.Restrict(true)));
    }

    @Test
    void anObjectionBlocksAMandateAndTheProposerAmendsAndRunsItAgain() {
        run("ben", new ProposeMandate("cat", MandateAction.GRANT, null, null, null));
        String id = part().proposals().get(0).id();
        run("ana", position(id, Position.OBJECT, "Let us talk first"));
        run("ben", new Close(id));
        assertEquals(Tallies.NOT_CARRIED, last().outcome());
        assertEquals(Role.PARTICIPANT, room.member("cat").role());
        assertEquals("forbidden", code("cat", new Amend(id, "Again?", null)));
        run("ben", new Amend(id, null, "We talked."));
        assertEquals(2, part().proposal(id).round());
        assertEquals(List.of(), part().proposal(id).voters());
        run("ana", position(id, Position.CONSENT, null));
        run("ana", new Close(id));
        assertEquals(Tallies.CARRIED, last().outcome());
        assertEquals(2, last().round());
        assertEquals(Role.FACILITATOR, room.member("cat").role());
        assertEquals("conflict", code("ben", new Amend(id, null, null)), "a carried proposal is not run again");
    }

    @Test
    void aFacilitatorHandsTheRoleToSomeoneWhoAccepts() {
        assertEquals("forbidden", code("ben", new Handover("cat")));
        run("ana", new Handover("ben"));
        assertEquals(Map.of("ana", "ben"), part().offers());
        assertEquals("forbidden", code("cat", new Handover("ana")), "only the member offered it may accept");
        run("ben", new Handover("ana"));
        assertEquals(Role.FACILITATOR, room.member("ben").role());
        assertEquals(Role.PARTICIPANT, room.member("ana").role());
        assertEquals(Decision.HANDOVER, last().kind());
        assertEquals(last().id(), part().mandates().get("ben").decisionId());
        assertEquals(Map.of(), part().offers());
    }

    @Test
    void aFacilitatorsDirectChangeOfWhoFacilitatesEntersTheLogAndMovesTheMandate() {
        run("ana", new dev.cairn.room.MembershipCommand.ChangeRole("ben", "facilitator"));
        Decision made = part().log().get(part().log().size() - 1);
        assertEquals(Decision.FACILITATOR, made.kind());
        assertEquals("Ana made Ben a facilitator", made.question());
        assertEquals(Role.FACILITATOR, room.member("ben").role());
        assertEquals(made.id(), part().mandates().get("ben").decisionId(), "the board says by which decision Ben facilitates");
        assertEquals(made.id(), "d" + room.seq(), "the entry follows the role change in the same commit");

        run("ana", new dev.cairn.room.MembershipCommand.ChangeRole("ben", "participant"));
        assertEquals("Ana took the facilitator's role from Ben", part().log().get(part().log().size() - 1).question());
        assertEquals(null, part().mandates().get("ben"));

        int logged = part().log().size();
        run("ana", new dev.cairn.room.MembershipCommand.ChangeRole("cat", "observer"));
        assertEquals(logged, part().log().size(), "a change that does not touch facilitation is no decision");

        run("ana", new dev.cairn.room.MembershipCommand.ChangeRole("ben", "facilitator"));
        run("ana", new dev.cairn.room.MembershipCommand.RemoveMember("ben"));
        assertEquals("Ana removed Ben, a facilitator, from the room", part().log().get(part().log().size() - 1).question());
        assertEquals(null, part().mandates().get("ben"));
    }
}
