package dev.cairn.commitment;

import dev.cairn.commitment.CommitmentCommand.AnswerHandover;
import dev.cairn.commitment.CommitmentCommand.Claim;
import dev.cairn.commitment.CommitmentCommand.Edit;
import dev.cairn.commitment.CommitmentCommand.EndReview;
import dev.cairn.commitment.CommitmentCommand.HandOver;
import dev.cairn.commitment.CommitmentCommand.Make;
import dev.cairn.commitment.CommitmentCommand.Plan;
import dev.cairn.commitment.CommitmentCommand.PostNeed;
import dev.cairn.commitment.CommitmentCommand.SetStatus;
import dev.cairn.commitment.CommitmentCommand.StartReview;
import dev.cairn.commitment.CommitmentCommand.Step;
import dev.cairn.commitment.CommitmentCommand.WithdrawNeed;
import dev.cairn.meeting.MeetingCommand;
import dev.cairn.purpose.PurposeCommand;
import dev.cairn.purpose.PurposeModule;
import dev.cairn.room.Context;
import dev.cairn.room.History;
import dev.cairn.room.MembershipCommand;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Needs and commitments without a server: claims, who may change what, the status rules, hand-overs and the review. */
class CommitmentRulesTest {
    private final RoomRules rules = new RoomRules(50);
    private final List<Sequenced> log = new ArrayList<>();
    private RoomState room = RoomState.empty("r");
    private long now = 1_000_000;

    CommitmentRulesTest() {
        commit("ana", rules.create("r", "Commitments", "ana", "Ana"));
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
        History history = seq -> log.stream().filter(e -> e.seq() > seq).toList();
        return rules.decide(room, new Context(actor, "c" + log.size(), history, now), command);
    }

    private List<RoomEvent> run(String actor, RoomCommand command) {
        List<RoomEvent> events = decide(actor, command);
        commit(actor, events);
        return events;
    }

    private Rejection refused(String actor, RoomCommand command) {
        long seq = room.seq();
        Rejection r = assertThrows(Rejection.class, () -> decide(actor, command));
        assertEquals(seq, room.seq());
        return r;
    }

    private CommitmentState part() {
        return CommitmentModule.of(room);
    }

    private Commitment commitment(String id) {
        return part().commitment(id);
    }

    private String make(String actor, String what, String due) {
        run(actor, new Make(what, List.of(), List.of(), due));
        return part().commitments().get(part().commitments().size() - 1).commitmentId();
    }

    private String postNeed(String actor, String what) {
        run(actor, new PostNeed(what));
        return part().needs().get(part().needs().size() - 1).needId();
    }

    // ---- needs and claims --------------------------------------------------------------------

    @Test
    void aClaimedNeedBecomesTheClaimersCommitmentAndASecondClaimIsAConflictNamingTheOwner() {
        String need = postNeed("ben", "Book the hall for the assembly");
        assertEquals(1, part().needs().size());
        run("cy", new Claim(need));
        assertTrue(part().needs().isEmpty(), "a claimed need is no longer waiting");
        Commitment c = part().commitments().get(0);
        assertEquals("cy", c.ownerId());
        assertEquals("Book the hall for the assembly", c.what());
        assertEquals(need, c.needId());
        assertEquals(Commitment.OPEN, c.status());
        assertEquals("claimed", c.history().get(0).change());
        assertEquals("cy", c.history().get(0).by());

        Rejection late = refused("ben", new Claim(need));
        assertEquals("conflict", late.code());
        assertTrue(late.getMessage().contains("Cy"), late.getMessage());
        assertEquals("not_found", refused("ben", new Claim("n999")).code());
    }

    @Test
    void observersReadOnlyAndOnlyThePosterOrAFacilitatorWithdrawsANeed() {
        assertEquals("forbidden", refused("obs", new PostNeed("Flyers")).code());
        String need = postNeed("ben", "Flyers");
        assertEquals("forbidden", refused("obs", new Claim(need)).code());
        assertEquals("forbidden", refused("cy", new WithdrawNeed(need)).code());
        run("ana", new WithdrawNeed(need));
        assertTrue(part().needs().isEmpty());
        assertEquals("invalid", refused("ben", new PostNeed("   ")).code());
    }

    // ---- making and editing ------------------------------------------------------------------

    @Test
    void aCommitmentIsForAndWithMembersOrNamedOutsidersWithAStrictDueDateAndAKnownTarget() {
        run("ana", new PurposeCommand.AddTarget("Homes insulated", "0", "200", "2027-12-31", "Ben"));
        String target = PurposeModule.of(room).targets().get(0).id();
        run("ben", new Make("Talk to the housing office", List.of(new Party("cy", null), new Party(null, "Tenants' union")),
            List.of(new Party("ana", null)), "2027-03-01"));
        String id = part().commitments().get(0).commitmentId();
        run("ben", new Plan(id, "2027-02-15", target));
        Commitment c = part().commitments().get(0);
        assertEquals("ben", c.ownerId());
        assertEquals(List.of(new Party("cy", null), new Party(null, "Tenants' union")), c.forWhom());
        assertEquals(target, c.targetId());
        assertEquals("2027-02-15", c.checkIn());

        assertEquals("invalid", refused("ben", new Make("x", null, null, "2027-13-45")).code());
        assertEquals("invalid", refused("ben", new Make("x", null, null, "2027-02-30")).code());
        assertEquals("invalid", refused("ben", new Make("x", null, null, "27-2-3")).code());
        assertEquals("invalid", refused("ben", new Plan(id, "2027-04-01", null)).code(), "a check-in after the due date");
        assertEquals("invalid", refused("ben", new Plan(id, "2027-02-31", null)).code());
        assertEquals("invalid", refused("ben", new Edit(id, null, null, null, "2027-02-01")).code(), "a due date before the check-in");
        assertEquals("not_found", refused("ben", new Plan(id, null, "t404")).code());
        assertEquals("forbidden", refused("cy", new Plan(id, "", null)).code());
        assertEquals("not_found", refused("ben", new Make("x", List.of(new Party("ghost", null)), null, "2027-03-01")).code());
        assertEquals("invalid", refused("ben", new Make("x", List.of(new Party("cy", "Cy")), null, "2027-03-01")).code());
        assertEquals("invalid", refused("ben", new Make("x", List.of(new Party(null, "A"), new Party(null, "A")), null,
            "2027-03-01")).code());
        run("ben", new Plan(id, "", ""));
        assertNull(part().commitments().get(0).checkIn(), "\"\" clears the check-in day");
        assertNull(part().commitments().get(0).targetId(), "and the target");
        run("ben", new Make("Without a date yet", null, null, null));
        assertNull(part().commitments().get(1).due(), "no due date yet, as a claimed need");
    }

    @Test
    void onlyTheOwnerOrAFacilitatorEditsAndEveryChangeIsKeptWithWhoAndWhen() {
        String id = make("ben", "Write the letter", "2027-01-10");
        assertEquals("forbidden", refused("cy", new Edit(id, "Cy's words", null, null, null)).code());
        now += 5_000;
        run("ben", new Edit(id, "Write and send the letter", null, null, "2027-01-20"));
        assertEquals("Write and send the letter", commitment(id).what());
        assertEquals("2027-01-20", commitment(id).due());
        assertTrue(decide("ben", new Edit(id, "Write and send the letter", null, null, null)).isEmpty(),
            "nothing changed, nothing follows");
        now += 5_000;
        run("ana", new Plan(id, "2027-01-12", null));
        assertEquals("2027-01-12", commitment(id).checkIn());
        List<Change> history = commitment(id).history();
        assertEquals(List.of("made", "edited", "edited"), history.stream().map(Change::change).toList());
        assertEquals(List.of("ben", "ben", "ana"), history.stream().map(Change::by).toList());
        assertEquals(List.of(1_000_000L, 1_005_000L, 1_010_000L), history.stream().map(Change::at).toList());
    }

    // ---- status rules ------------------------------------------------------------------------

    @Test
    void aReleaseNeedsAReasonABlockNeedsWhatBlocksItAndOnlyTheOwnerOrAFacilitatorSetsTheStatus() {
        String id = make("ben", "Print the flyers", "2027-01-10");
        assertEquals("forbidden", refused("cy", new SetStatus(id, "done", null)).code());
        assertEquals("forbidden", refused("obs", new SetStatus(id, "done", null)).code());
        assertEquals("invalid", refused("ben", new SetStatus(id, "finished", null)).code());
        assertEquals("invalid", refused("ben", new SetStatus(id, null, null)).code());
        assertEquals("invalid", refused("ben", new SetStatus(id, "released", "  ")).code());
        assertEquals("invalid", refused("ben", new SetStatus(id, "blocked", null)).code());

        run("ben", new SetStatus(id, "in_progress", "ordered the paper"));
        assertEquals(Commitment.IN_PROGRESS, commitment(id).status());
        assertNull(commitment(id).note(), "a progress note goes into the history only");
        assertEquals("ordered the paper", commitment(id).history().get(1).note());
        run("ben", new SetStatus(id, "blocked", "the printer is broken"));
        assertEquals("the printer is broken", commitment(id).note());
        assertTrue(decide("ben", new SetStatus(id, "blocked", "the printer is broken")).isEmpty());
        run("ana", new SetStatus(id, "released", "nobody needs flyers any more"));
        assertEquals(Commitment.RELEASED, commitment(id).status());
        assertEquals("nobody needs flyers any more", commitment(id).note());
        run("ben", new SetStatus(id, "open", null));
        assertNull(commitment(id).note(), "reopened: the reason no longer applies");
        assertEquals(List.of("ben", "ben", "ben", "ana", "ben"), commitment(id).history().stream().map(Change::by).toList());
        assertEquals("not_found", refused("ben", new SetStatus("c999", "done", null)).code());
    }

    // ---- hand-over ---------------------------------------------------------------------------

    @Test
    void aHandOverWaitsForTheReceiverWhoAcceptsOrDeclinesAndTheOwnerCanWithdrawIt() {
        String id = make("ben", "Chair the working group", "2027-05-01");
        assertEquals("forbidden", refused("ana", new HandOver(id, "cy")).code(), "only the owner hands over");
        assertEquals("invalid", refused("ben", new HandOver(id, "obs")).code(), "not to an observer");
        assertEquals("invalid", refused("ben", new HandOver(id, "ben")).code());
        assertEquals("not_found", refused("ben", new HandOver(id, "ghost")).code());
        assertEquals("conflict", refused("cy", new AnswerHandover(id, true)).code(), "nothing offered yet");

        run("ben", new HandOver(id, "cy"));
        assertEquals("ben", commitment(id).ownerId(), "the owner stays the owner until the receiver accepts");
        assertEquals("cy", commitment(id).handover().toMemberId());
        assertEquals("forbidden", refused("ana", new AnswerHandover(id, true)).code(), "only the receiver answers");
        run("cy", new AnswerHandover(id, false));
        assertEquals("ben", commitment(id).ownerId());
        assertNull(commitment(id).handover());

        run("ben", new HandOver(id, "cy"));
        run("ben", new HandOver(id, null));
        assertNull(commitment(id).handover(), "withdrawn");
        assertEquals("conflict", refused("cy", new AnswerHandover(id, true)).code());

        run("ben", new HandOver(id, "cy"));
        run("cy", new AnswerHandover(id, true));
        assertEquals("cy", commitment(id).ownerId());
        assertNull(commitment(id).handover());
        assertEquals("forbidden", refused("ben", new SetStatus(id, "done", null)).code(), "the old owner no longer changes it");
        run("cy", new SetStatus(id, "done", null));
        assertEquals(List.of("made", "handover_offered", "handover_declined", "handover_offered", "handover_withdrawn",
            "handover_offered", "handover_accepted", "status"), commitment(id).history().stream().map(Change::change).toList());
        assertEquals("conflict", refused("cy", new HandOver(id, "ben")).code(), "a done commitment is not handed over");
    }

    @Test
    void aHandOverToAMemberWhoIsRemovedIsWithdrawnInTheSameCommit() {
        String id = make("ben", "Minutes", "2027-05-01");
        run("ben", new HandOver(id, "cy"));
        List<RoomEvent> events = run("ana", new MembershipCommand.RemoveMember("cy"));
        assertTrue(events.contains(new CommitmentEvent.HandoverWithdrawn(id)), events.toString());
        assertNull(commitment(id).handover());
    }

    // ---- the review --------------------------------------------------------------------------

    private void reviewSegmentUnderWay() {
        run("ana", new MeetingCommand.AddSegment("Our commitments", "commitments_review", 10, null, null));
        run("ana", new MeetingCommand.Start(true));
    }

    @Test
    void aFacilitatorStartsTheReviewInAMeetingAndItGoesThroughTheOpenOnesEarliestDueFirst() {
        String late = make("ben", "Late one", "2027-09-01");
        String early = make("cy", "Early one", "2027-02-01");
        String done = make("cy", "Done one", "2027-01-01");
        run("cy", new SetStatus(done, "done", null));
        String claimed = postNeed("ana", "Undated");
        run("ben", new Claim(claimed));

        assertEquals("conflict", refused("ana", new StartReview()).code(), "no meeting");
        run("ana", new MeetingCommand.AddSegment("Check-in", "check_in", 5, null, null));
        reviewSegmentUnderWay();
        String reviewSegment = dev.cairn.meeting.MeetingModule.of(room).agenda().get(1).id();
        run("ana", new MeetingCommand.Goto(reviewSegment, false));
        assertEquals("forbidden", refused("ben", new StartReview()).code());
        run("ana", new StartReview());
        assertEquals(reviewSegment, part().review().segmentId());
        Review review = part().review();
        String undated = part().claimedFrom(claimed).commitmentId();
        assertEquals(List.of(early, late, undated), review.order(), "not done or released, earliest due first, undated last");
        assertEquals(early, review.current());
        assertEquals(dev.cairn.meeting.MeetingModule.current(room).id(), review.meetingId());
        assertEquals("conflict", refused("ana", new StartReview()).code(), "one review at a time");
    }

    @Test
    void eachStepRecordsTheCommitmentWhoReviewedItTheOutcomeAndTheMeetingThenMovesOn() {
        String first = make("ben", "First", "2027-02-01");
        String second = make("cy", "Second", "2027-03-01");
        String third = make("cy", "Third", "2027-04-01");
        reviewSegmentUnderWay();
        run("ana", new StartReview());
        String meetingId = part().review().meetingId();

        assertEquals("forbidden", refused("cy", new Step(first, "reviewed", null, null)).code(), "not Cy's");
        assertEquals("conflict", refused("cy", new Step(second, "reviewed", null, null)).code(), "not the current one");
        assertEquals("forbidden", refused("ben", new Step(first, "skipped", null, null)).code(), "only facilitators skip");
        assertEquals("invalid", refused("ben", new Step(first, "updated", "released", null)).code(), "a release needs its reason");
        assertEquals("invalid", refused("ben", new Step(first, "maybe", null, null)).code());

        now += 1_000;
        List<RoomEvent> events = run("ben", new Step(first, "updated", "in_progress", "halfway there"));
        assertTrue(events.get(0) instanceof CommitmentEvent.StatusChanged, events.toString());
        assertEquals(Commitment.IN_PROGRESS, commitment(first).status());
        ReviewStep step = part().review().steps().get(0);
        assertEquals(new ReviewStep(first, meetingId, "ben", now, "updated", "in_progress", "halfway there"), step);
        assertEquals(second, part().review().current());

        assertEquals("conflict", refused("ben", new Step(first, "reviewed", null, null)).code(), "a second press of a step");
        run("cy", new Step(second, "reviewed", null, "on track"));
        run("ana", new Step(third, "skipped", null, null));
        Review review = part().review();
        assertTrue(review.ended(), "over after the last one");
        assertNull(review.current());
        assertEquals(List.of("updated", "reviewed", "skipped"), review.steps().stream().map(ReviewStep::outcome).toList());
        assertEquals(List.of("ben", "cy", "ana"), review.steps().stream().map(ReviewStep::by).toList());
        assertEquals("reviewed", commitment(second).history().get(1).change());
        assertEquals("conflict", refused("cy", new Step(second, "reviewed", null, null)).code(), "nothing under review");
    }

    @Test
    void endingTheMeetingOrAFacilitatorEndsTheReview() {
        make("ben", "First", "2027-02-01");
        reviewSegmentUnderWay();
        assertTrue(decide("ana", new EndReview()).isEmpty(), "nothing to end");
        run("ana", new StartReview());
        assertEquals("forbidden", refused("ben", new EndReview()).code());
        List<RoomEvent> events = run("ana", new MeetingCommand.End());
        assertTrue(events.stream().anyMatch(e -> e instanceof CommitmentEvent.ReviewEnded r && r.reason().equals("meeting_ended")),
            events.toString());
        assertTrue(part().review().ended());
    }
}
