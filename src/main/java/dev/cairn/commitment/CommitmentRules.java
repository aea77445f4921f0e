package dev.cairn.commitment;

import dev.cairn.commitment.CommitmentCommand.AnswerHandover;
import dev.cairn.commitment.CommitmentCommand.Claim;
import dev.cairn.commitment.CommitmentCommand.Edit;
import dev.cairn.commitment.CommitmentCommand.EndReview;
import dev.cairn.commitment.CommitmentCommand.HandOver;
import dev.cairn.commitment.CommitmentCommand.Make;
import dev.cairn.commitment.CommitmentCommand.PostNeed;
import dev.cairn.commitment.CommitmentCommand.SetStatus;
import dev.cairn.commitment.CommitmentCommand.StartReview;
import dev.cairn.commitment.CommitmentCommand.Step;
import dev.cairn.commitment.CommitmentCommand.WithdrawNeed;
import dev.cairn.meeting.Meeting;
import dev.cairn.meeting.MeetingEvent;
import dev.cairn.meeting.MeetingModule;
import dev.cairn.purpose.PurposeModule;
import dev.cairn.purpose.Target;
import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.MembershipEvent;
import dev.cairn.room.Names;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Rules of needs and commitments: who may post, claim, change and hand over what; the status
 * rules (a release needs a reason, a block needs what blocks it); and the commitments review,
 * one commitment at a time. A claim is decided against the room as committed, so of two claims of
 * one need racing on two nodes the one Redis commits second finds it owned and is refused.
 */
public final class CommitmentRules {
    public static final int MAX_WHAT = 200;
    public static final int MAX_NOTE = 200;
    public static final int MAX_PARTY_NAME = 60;
    public static final int MAX_PARTIES = 20;
    public static final int MAX_NEEDS = 200;
    public static final int MAX_COMMITMENTS = 500;
    public static final int MAX_HISTORY = 50;
    /** The agenda segment kind the board puts the review forward in. */
    public static final String REVIEW_KIND = "commitments_review";

    private CommitmentRules() {
    }

    public static List<RoomEvent> decide(RoomState room, Member actor, Context ctx, CommitmentCommand command) {
        CommitmentState part = CommitmentModule.of(room);
        if (command instanceof PostNeed c) {
            RoomRules.requireEditor(actor, "post needs");
            String what = Names.text("what", c.what(), MAX_WHAT);
            if (part.needs().size() >= MAX_NEEDS) throw new Rejection("too_large", "a room holds at most " + MAX_NEEDS + " open needs");
            return List.of(new CommitmentEvent.NeedPosted(new Need("n" + (room.seq() + 1), what, actor.id(), ctx.now())));
        }
        if (command instanceof WithdrawNeed c) {
            RoomRules.requireEditor(actor, "withdraw needs");
            Need need = requireNeed(room, part, c.needId());
            if (!need.postedBy().equals(actor.id()) && actor.role() != Role.FACILITATOR) {
                throw Rejection.forbidden("only whoever posted a need, or a facilitator, may withdraw it");
            }
            return List.of(new CommitmentEvent.NeedWithdrawn(need.needId()));
        }
        if (command instanceof Claim c) {
            RoomRules.requireEditor(actor, "claim needs");
            Need need = requireNeed(room, part, c.needId());
            requireRoomFor(part);
            Commitment claimed = new Commitment("c" + (room.seq() + 1), need.what(), actor.id(), List.of(), List.of(), null,
                null, null, Commitment.OPEN, null, need.needId(), actor.id(), ctx.now(), null, List.of());
            return List.of(new CommitmentEvent.Claimed(need.needId(), claimed));
        }
        if (command instanceof Make c) {
            RoomRules.requireEditor(actor, "make commitments");
            String what = Names.text("what", c.what(), MAX_WHAT);
            List<Party> forWhom = parties(room, "forWhom", c.forWhom());
            List<Party> withWhom = parties(room, "withWhom", c.withWhom());
            String due = date("due", c.due());
            requireRoomFor(part);
            return List.of(new CommitmentEvent.Made(new Commitment("c" + (room.seq() + 1), what, actor.id(), forWhom, withWhom,
                due, null, null, Commitment.OPEN, null, null, actor.id(), ctx.now(), null, List.of())));
        }
        if (command instanceof Edit c) return edit(room, part, actor, c);
        if (command instanceof CommitmentCommand.Plan c) return plan(room, part, actor, c);
        if (command instanceof SetStatus c) {
            Commitment commitment = requireChanger(room, part, actor, c.commitmentId(), "change its status");
            return status(commitment, c.status(), c.note());
        }
        if (command instanceof HandOver c) return handOver(room, part, actor, c);
        if (command instanceof AnswerHandover c) return answer(room, part, actor, c);
        if (command instanceof StartReview) return startReview(room, part, actor);
        if (command instanceof Step c) return step(room, part, actor, ctx, c);
        EndReview c = (EndReview) command;
        RoomRules.requireFacilitator(actor, "end the commitments review");
        Review review = part.reviewUnderWay();
        return review == null ? List.of() : List.of(new CommitmentEvent.ReviewEnded(review.reviewId(), "ended"));
    }

    /**
     * What commitments do when another module's event changes the room: a hand-over waiting for a
     * member who was removed or made an observer is withdrawn; a meeting that ends ends its review.
     */
    static List<RoomEvent> alongside(RoomState room, RoomEvent event) {
        CommitmentState part = CommitmentModule.of(room);
        String gone = null;
        if (event instanceof MembershipEvent.MemberRemoved e) gone = e.memberId();
        if (event instanceof MembershipEvent.RoleChanged e && !Role.fromWire(e.role()).canEdit()) gone = e.memberId();
        List<RoomEvent> events = new ArrayList<>();
        if (gone != null) {
            for (Commitment c : part.commitments()) {
                if (c.handover() != null && gone.equals(c.handover().toMemberId())) {
                    events.add(new CommitmentEvent.HandoverWithdrawn(c.commitmentId()));
                }
            }
        }
        Review review = part.reviewUnderWay();
        if (event instanceof MeetingEvent.Ended e && review != null && review.meetingId().equals(e.meetingId())) {
            events.add(new CommitmentEvent.ReviewEnded(review.reviewId(), "meeting_ended"));
        }
        return events;
    }

    private static List<RoomEvent> edit(RoomState room, CommitmentState part, Member actor, Edit c) {
        Commitment commitment = requireChanger(room, part, actor, c.commitmentId(), "edit it");
        String what = c.what() == null ? commitment.what() : Names.text("what", c.what(), MAX_WHAT);
        List<Party> forWhom = c.forWhom() == null ? commitment.forWhom() : parties(room, "forWhom", c.forWhom());
        List<Party> withWhom = c.withWhom() == null ? commitment.withWhom() : parties(room, "withWhom", c.withWhom());
        String due = c.due() == null ? commitment.due() : date("due", c.due());
        checkIn(commitment.checkIn(), due);
        return edited(commitment, what, forWhom, withWhom, due, commitment.checkIn(), commitment.targetId());
    }

    private static List<RoomEvent> plan(RoomState room, CommitmentState part, Member actor, CommitmentCommand.Plan c) {
        Commitment commitment = requireChanger(room, part, actor, c.commitmentId(), "plan it");
        String checkIn = c.checkIn() == null ? commitment.checkIn() : date("checkIn", c.checkIn());
        checkIn(checkIn, commitment.due());
        String target = c.targetId() == null ? commitment.targetId() : target(room, c.targetId());
        return edited(commitment, commitment.what(), commitment.forWhom(), commitment.withWhom(), commitment.due(), checkIn, target);
    }

    /** A {@code commitment.edited} with every field as it is now, or nothing when none changed. */
    private static List<RoomEvent> edited(Commitment commitment, String what, List<Party> forWhom, List<Party> withWhom,
                                          String due, String checkIn, String target) {
        if (what.equals(commitment.what()) && forWhom.equals(commitment.forWhom()) && withWhom.equals(commitment.withWhom())
            && Objects.equals(due, commitment.due()) && Objects.equals(checkIn, commitment.checkIn())
            && Objects.equals(target, commitment.targetId())) {
            return List.of();
        }
        return List.of(new CommitmentEvent.Edited(commitment.commitmentId(), what, forWhom, withWhom, due, checkIn, target));
    }

    /**
     * The status rules: one of {@link Commitment#STATUSES}; released needs a reason and blocked
     * needs what blocks it (the note stays on the commitment); for the others a note is optional
     * and goes into the history only. Nothing follows when status and note stay as they are.
     */
    static List<RoomEvent> status(Commitment commitment, String rawStatus, String rawNote) {
        if (rawStatus == null) throw Rejection.invalid("status is required");
        if (!Commitment.STATUSES.contains(rawStatus)) {
            throw Rejection.invalid("status must be one of " + String.join(", ", Commitment.STATUSES));
        }
        String note = Names.optional("note", rawNote, MAX_NOTE);
        if (note.isEmpty() && Commitment.RELEASED.equals(rawStatus)) {
            throw Rejection.invalid("say in a few words why you release this commitment (note)");
        }
        if (note.isEmpty() && Commitment.BLOCKED.equals(rawStatus)) {
            throw Rejection.invalid("say what blocks this commitment (note)");
        }
        String kept = keepsNote(rawStatus) ? note : null;
        if (rawStatus.equals(commitment.status()) && Objects.equals(kept, commitment.note()) && (kept != null || note.isEmpty())) {
            return List.of();
        }
        return List.of(new CommitmentEvent.StatusChanged(commitment.commitmentId(), rawStatus, note.isEmpty() ? null : note));
    }

    static boolean keepsNote(String status) {
        return Commitment.RELEASED.equals(status) || Commitment.BLOCKED.equals(status);
    }

    private static List<RoomEvent> handOver(RoomState room, CommitmentState part, Member actor, HandOver c) {
        RoomRules.requireEditor(actor, "hand over commitments");
        Commitment commitment = requireCommitment(part, c.commitmentId());
        if (!commitment.ownerId().equals(actor.id())) throw Rejection.forbidden("only its owner may hand over a commitment");
        if (c.toMemberId() == null) {
            return commitment.handover() == null ? List.of() : List.of(new CommitmentEvent.HandoverWithdrawn(commitment.commitmentId()));
        }
        if (!commitment.stillOpen()) throw Rejection.conflict("this commitment is " + commitment.status() + ": reopen it to hand it over");
        Member to = room.member(c.toMemberId());
        if (to == null || !to.role().isMember()) throw Rejection.notFound("no member " + c.toMemberId() + " in this room");
        if (to.id().equals(actor.id())) throw Rejection.invalid("you already own this commitment");
        if (!to.role().canEdit()) throw Rejection.invalid(to.name() + " is an observer and cannot take on commitments");
        if (commitment.handover() != null && commitment.handover().toMemberId().equals(to.id())) return List.of();
        return List.of(new CommitmentEvent.HandoverOffered(commitment.commitmentId(), to.id()));
    }

    private static List<RoomEvent> answer(RoomState room, CommitmentState part, Member actor, AnswerHandover c) {
        RoomRules.requireEditor(actor, "take on commitments");
        Commitment commitment = requireCommitment(part, c.commitmentId());
        Handover handover = commitment.handover();
        if (handover == null) throw Rejection.conflict("no hand-over of this commitment is waiting");
        if (!handover.toMemberId().equals(actor.id())) {
            throw Rejection.forbidden("this hand-over is offered to " + name(room, handover.toMemberId()) + ", not to you");
        }
        if (c.accept() == null) throw Rejection.invalid("accept is required (true or false)");
        return c.accept()
            ? List.of(new CommitmentEvent.HandoverAccepted(commitment.commitmentId(), commitment.ownerId(), actor.id()))
            : List.of(new CommitmentEvent.HandoverDeclined(commitment.commitmentId(), actor.id()));
    }

    private static List<RoomEvent> startReview(RoomState room, CommitmentState part, Member actor) {
        RoomRules.requireFacilitator(actor, "start the commitments review");
        Meeting meeting = MeetingModule.current(room);
        if (meeting == null) throw Rejection.conflict("no meeting is under way");
        String segmentId = meeting.current();
        Review under = part.reviewUnderWay();
        if (under != null && under.meetingId().equals(meeting.id())) throw Rejection.conflict("the commitments review is under way already");
        return List.of(new CommitmentEvent.ReviewStarted(new Review("v" + (room.seq() + 1), meeting.id(), segmentId,
            reviewOrder(part), 0, List.of(), false)));
    }

    /** What a review goes through: every commitment not done or released, earliest due first (none last), then oldest. */
    static List<String> reviewOrder(CommitmentState part) {
        return part.commitments().stream().filter(Commitment::stillOpen)
            .sorted(Comparator.comparing((Commitment c) -> c.due() == null ? "9999-99-99" : c.due())
                .thenComparingLong(Commitment::createdAt))
            .map(Commitment::commitmentId).toList();
    }

    private static List<RoomEvent> step(RoomState room, CommitmentState part, Member actor, Context ctx, Step c) {
        RoomRules.requireEditor(actor, "review commitments");
        Review review = part.reviewUnderWay();
        if (review == null) throw Rejection.conflict("no commitments review is under way");
        if (c.commitmentId() == null) throw Rejection.invalid("commitmentId is required");
        String current = review.current();
        if (!c.commitmentId().equals(current)) {
            if (part.commitment(c.commitmentId()) == null) throw Rejection.notFound("no commitment " + c.commitmentId());
            throw Rejection.conflict("that commitment is not the one under review now");
        }
        Commitment commitment = part.commitment(current);
        if (c.outcome() == null) throw Rejection.invalid("outcome is required");
        if (!CommitmentCommand.OUTCOMES.contains(c.outcome())) {
            throw Rejection.invalid("outcome must be one of " + String.join(", ", CommitmentCommand.OUTCOMES));
        }
        boolean facilitator = actor.role() == Role.FACILITATOR;
        if (!facilitator && !commitment.ownerId().equals(actor.id())) {
            throw Rejection.forbidden("only its owner or a facilitator may go through this commitment");
        }
        if ("skipped".equals(c.outcome()) && !facilitator) throw Rejection.forbidden("only facilitators may skip a commitment");
        List<RoomEvent> events = new ArrayList<>();
        String note = Names.optional("note", c.note(), MAX_NOTE);
        String status = commitment.status();
        if ("updated".equals(c.outcome())) {
            events.addAll(status(commitment, c.status(), c.note()));
            status = c.status();
        } else if (c.status() != null) {
            throw Rejection.invalid("a status goes with the outcome updated");
        }
        events.add(new CommitmentEvent.Reviewed(review.reviewId(),
            new ReviewStep(current, review.meetingId(), actor.id(), ctx.now(), c.outcome(), status, note)));
        return events;
    }

    // ---- apply -------------------------------------------------------------------------------

    public static CommitmentState apply(CommitmentState part, Sequenced sequenced) {
        CommitmentEvent event = (CommitmentEvent) sequenced.event();
        long at = sequenced.at();
        String by = sequenced.by();
        if (event instanceof CommitmentEvent.NeedPosted e) {
            List<Need> needs = new ArrayList<>(part.needs());
            needs.add(e.need());
            return part.withNeeds(needs);
        }
        if (event instanceof CommitmentEvent.NeedWithdrawn e) return part.withNeeds(withoutNeed(part, e.needId()));
        if (event instanceof CommitmentEvent.Claimed e) {
            List<Commitment> commitments = new ArrayList<>(part.commitments());
            commitments.add(e.commitment().logged(new Change(at, by, "claimed", Commitment.OPEN, null, null)));
            return part.withNeeds(withoutNeed(part, e.needId())).withCommitments(commitments);
        }
        if (event instanceof CommitmentEvent.Made e) {
            List<Commitment> commitments = new ArrayList<>(part.commitments());
            commitments.add(e.commitment().logged(new Change(at, by, "made", Commitment.OPEN, null, null)));
            return part.withCommitments(commitments);
        }
        if (event instanceof CommitmentEvent.Edited e) {
            return change(part, e.commitmentId(), c -> c.edited(e.what(), e.forWhom(), e.withWhom(), e.due(), e.checkIn(),
                e.targetId()).logged(new Change(at, by, "edited", null, null, null)));
        }
        if (event instanceof CommitmentEvent.StatusChanged e) {
            return change(part, e.commitmentId(), c -> c.withStatus(e.status(), keepsNote(e.status()) ? e.note() : null)
                .logged(new Change(at, by, "status", e.status(), e.note(), null)));
        }
        if (event instanceof CommitmentEvent.HandoverOffered e) {
            return change(part, e.commitmentId(), c -> c.withHandover(new Handover(e.toMemberId(), by, at))
                .logged(new Change(at, by, "handover_offered", null, null, e.toMemberId())));
        }
        if (event instanceof CommitmentEvent.HandoverWithdrawn e) {
            return change(part, e.commitmentId(), c -> c.withHandover(null)
                .logged(new Change(at, by, "handover_withdrawn", null, null, c.handover() == null ? null : c.handover().toMemberId())));
        }
        if (event instanceof CommitmentEvent.HandoverAccepted e) {
            return change(part, e.commitmentId(), c -> c.ownedBy(e.toMemberId())
                .logged(new Change(at, by, "handover_accepted", null, null, e.toMemberId())));
        }
        if (event instanceof CommitmentEvent.HandoverDeclined e) {
            return change(part, e.commitmentId(), c -> c.withHandover(null)
                .logged(new Change(at, by, "handover_declined", null, null, e.toMemberId())));
        }
        if (event instanceof CommitmentEvent.ReviewStarted e) {
            Review r = e.review();
            return part.withReview(new Review(r.reviewId(), r.meetingId(), r.segmentId(), r.order(), 0, List.of(),
                r.order().isEmpty()));
        }
        if (event instanceof CommitmentEvent.Reviewed e) {
            Review r = part.review();
            if (r == null || !r.reviewId().equals(e.reviewId())) return part;
            List<ReviewStep> steps = new ArrayList<>(r.steps());
            steps.add(e.step());
            int index = r.index() + 1;
            CommitmentState next = part.withReview(new Review(r.reviewId(), r.meetingId(), r.segmentId(), r.order(), index, steps,
                index >= r.order().size()));
            return change(next, e.step().commitmentId(), c -> c.logged(new Change(at, by, "reviewed", e.step().status(),
                e.step().note() == null || e.step().note().isEmpty() ? e.step().outcome() : e.step().outcome() + ": " + e.step().note(),
                null)));
        }
        CommitmentEvent.ReviewEnded e = (CommitmentEvent.ReviewEnded) event;
        Review r = part.review();
        if (r == null || !r.reviewId().equals(e.reviewId())) return part;
        return part.withReview(new Review(r.reviewId(), r.meetingId(), r.segmentId(), r.order(), r.index(), r.steps(), true));
    }

    private static List<Need> withoutNeed(CommitmentState part, String needId) {
        return part.needs().stream().filter(n -> !n.needId().equals(needId)).toList();
    }

    private static CommitmentState change(CommitmentState part, String commitmentId,
                                          java.util.function.UnaryOperator<Commitment> change) {
        List<Commitment> commitments = new ArrayList<>(part.commitments());
        for (int i = 0; i < commitments.size(); i++) {
            if (commitments.get(i).commitmentId().equals(commitmentId)) commitments.set(i, change.apply(commitments.get(i)));
        }
        return part.withCommitments(commitments);
    }

    // ---- checks ------------------------------------------------------------------------------

    /**
     * The need to claim or withdraw. A need already claimed is {@code conflict}, naming who owns
     * what it became: that is what the loser of two claims at once reads.
     */
    private static Need requireNeed(RoomState room, CommitmentState part, String needId) {
        if (needId == null) throw Rejection.invalid("needId is required");
        Need need = part.need(needId);
        if (need != null) return need;
        Commitment claimed = part.claimedFrom(needId);
        if (claimed != null) throw Rejection.conflict(name(room, claimed.ownerId()) + " has already claimed this need");
        throw Rejection.notFound("no need " + needId + " in this room");
    }

    private static void requireRoomFor(CommitmentState part) {
        if (part.commitments().size() >= MAX_COMMITMENTS) {
            throw new Rejection("too_large", "a room holds at most " + MAX_COMMITMENTS + " commitments");
        }
    }

    private static Commitment requireCommitment(CommitmentState part, String commitmentId) {
        if (commitmentId == null) throw Rejection.invalid("commitmentId is required");
        Commitment commitment = part.commitment(commitmentId);
        if (commitment == null) throw Rejection.notFound("no commitment " + commitmentId + " in this room");
        return commitment;
    }

    /** The commitment, if the actor may change it: its owner or a facilitator. */
    private static Commitment requireChanger(RoomState room, CommitmentState part, Member actor, String commitmentId,
                                             String what) {
        RoomRules.requireEditor(actor, "change commitments");
        Commitment commitment = requireCommitment(part, commitmentId);
        if (!commitment.ownerId().equals(actor.id()) && actor.role() != Role.FACILITATOR) {
            throw Rejection.forbidden("this is " + name(room, commitment.ownerId()) + "'s commitment: only they or a facilitator may "
                + what);
        }
        return commitment;
    }

    private static List<Party> parties(RoomState room, String field, List<Party> raw) {
        if (raw == null) return List.of();
        if (raw.size() > MAX_PARTIES) throw Rejection.invalid(field + " may name at most " + MAX_PARTIES);
        Set<Party> out = new LinkedHashSet<>();
        for (Party p : raw) {
            if (p == null) throw Rejection.invalid(field + " must not hold null");
            Party party;
            if (p.memberId() != null && p.name() == null) {
                Member member = room.member(p.memberId());
                if (member == null || !member.role().isMember()) throw Rejection.notFound("no member " + p.memberId() + " in this room");
                party = new Party(member.id(), null);
            } else if (p.memberId() == null && p.name() != null) {
                party = new Party(null, Names.text(field + " name", p.name(), MAX_PARTY_NAME));
            } else {
                throw Rejection.invalid(field + ": give each one either a memberId or a name");
            }
            if (!out.add(party)) throw Rejection.invalid(field + " names someone twice");
        }
        return List.copyOf(out);
    }

    /** A real calendar day written yyyy-mm-dd (no 2027-13-45, no 30 February), or null for null or blank. */
    static String date(String field, String raw) {
        if (raw == null || raw.isBlank()) return null;
        String day = raw.strip();
        boolean ok = day.matches("\\d{4}-\\d{2}-\\d{2}");
        if (ok) {
            try {
                ok = LocalDate.parse(day).getYear() >= 1;
            } catch (DateTimeParseException e) {
                ok = false;
            }
        }
        if (!ok) throw Rejection.invalid(field + " must be a calendar date like 2027-06-30");
        return day;
    }

    private static String checkIn(String checkIn, String due) {
        if (checkIn != null && due != null && checkIn.compareTo(due) > 0) {
            throw Rejection.invalid("the check-in date must not be after the due date");
        }
        return checkIn;
    }

    private static String target(RoomState room, String targetId) {
        if (targetId == null || targetId.isBlank()) return null;
        for (Target t : PurposeModule.of(room).targets()) if (t.id().equals(targetId)) return t.id();
        throw Rejection.notFound("no purpose target " + targetId);
    }

    static String name(RoomState room, String memberId) {
        Member member = room.member(memberId);
        return member == null ? "someone" : member.name();
    }
}
