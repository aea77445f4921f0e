package dev.cairn.purpose;

import dev.cairn.decision.DecisionEvent;
import dev.cairn.decision.DecisionRules;
import dev.cairn.purpose.PurposeCommand.AddTarget;
import dev.cairn.purpose.PurposeCommand.Adopt;
import dev.cairn.purpose.PurposeCommand.Edit;
import dev.cairn.purpose.PurposeCommand.Lock;
import dev.cairn.purpose.PurposeCommand.MoveTarget;
import dev.cairn.purpose.PurposeCommand.Rate;
import dev.cairn.purpose.PurposeCommand.RatingsVisibility;
import dev.cairn.purpose.PurposeCommand.RemoveTarget;
import dev.cairn.purpose.PurposeCommand.UpdateTarget;
import dev.cairn.purpose.text.InvalidOpException;
import dev.cairn.purpose.text.Insert;
import dev.cairn.purpose.text.Side;
import dev.cairn.purpose.text.TextOp;
import dev.cairn.purpose.text.TextType;
import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.Names;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules of the purpose: co-editing with operational transformation, ratings (hidden until the
 * facilitator reveals them, when so set), targets, adoption (a facilitator's direct adoption
 * enters the decision log as a facilitator decision).
 */
public final class PurposeRules {
    public static final int MAX_TEXT = 20_000;
    public static final int MAX_INSERT = 5_000;
    public static final int MAX_TARGETS = 50;
    public static final int MAX_COMMENT = 500;
    public static final List<String> TESTS = List.of("inspiring", "valuable", "measurable");
    /** How long a lock waits by default, so whoever is typing finishes the word (they are warned). */
    public static final int LOCK_GRACE_SECONDS = 10;
    public static final int MAX_LOCK_GRACE_SECONDS = 60;

    private PurposeRules() {
    }

    public static List<RoomEvent> decide(RoomState room, Member actor, Context ctx, PurposeCommand command) {
        PurposeState purpose = PurposeModule.of(room);
        if (command instanceof Edit c) return edit(room, actor, ctx, c);
        if (command instanceof Lock c) return lock(purpose, actor, ctx, c);
        if (command instanceof Rate c) return rate(purpose, actor, c);
        if (command instanceof RatingsVisibility c) {
            RoomRules.requireFacilitator(actor, "hide or reveal the ratings");
            if (c.hidden() == null) throw Rejection.invalid("hidden is required");
            if (c.hidden().equals(purpose.ratingsHidden())) return List.of();
            List<Rating> revealed = new ArrayList<>();
            if (!c.hidden()) for (Rating r : purpose.ratings().values()) if (r.hidden()) revealed.add(r.revealed());
            return List.of(new PurposeEvent.RatingsVisibilityChanged(c.hidden(), revealed));
        }
        if (command instanceof AddTarget c) {
            RoomRules.requireEditor(actor, "add targets");
            if (purpose.targets().size() >= MAX_TARGETS) {
                throw new Rejection("too_large", "a purpose has at most " + MAX_TARGETS + " targets");
            }
            return List.of(new PurposeEvent.TargetAdded(target("t" + (room.seq() + 1), c.what(), c.baseline(),
                c.target(), c.due(), c.tracker())));
        }
        if (command instanceof UpdateTarget c) {
            RoomRules.requireEditor(actor, "edit targets");
            Target current = purpose.targets().get(requireTarget(purpose, c.targetId()));
            Target next = target(c.targetId(), c.what(), c.baseline(), c.target(), c.due(), c.tracker());
            requireBase(c.baseVersion(), current.currentVersion(), room, current.by(), "target");
            if (sameFields(current, next)) return List.of();
            return List.of(new PurposeEvent.TargetUpdated(next));
        }
        if (command instanceof MoveTarget c) {
            RoomRules.requireEditor(actor, "reorder targets");
            int from = requireTarget(purpose, c.targetId());
            if (c.index() == null || c.index() < 0 || c.index() >= purpose.targets().size()) {
                throw Rejection.invalid("index must be between 0 and " + (purpose.targets().size() - 1));
            }
            return from == c.index() ? List.of() : List.of(new PurposeEvent.TargetMoved(c.targetId(), c.index()));
        }
        if (command instanceof RemoveTarget c) {
            RoomRules.requireEditor(actor, "remove targets");
            requireTarget(purpose, c.targetId());
            return List.of(new PurposeEvent.TargetRemoved(c.targetId()));
        }
        Adopt c = (Adopt) command;
        RoomRules.requireFacilitator(actor, "adopt the purpose");
        if (c.rev() == null) throw Rejection.invalid("rev is required");
        if (c.rev() != purpose.rev()) {
            throw Rejection.conflict("the draft changed since revision " + c.rev() + "; review revision " + purpose.rev());
        }
        if (purpose.text().isBlank()) throw Rejection.invalid("an empty draft cannot be adopted");
        return List.of(new PurposeEvent.Adopted(purpose.rev(), purpose.text(), DecisionRules.facilitatorDecisionId(room)),
            new DecisionEvent.Recorded(DecisionRules.facilitatorAdoption(room, actor, purpose.rev(), purpose.text(), ctx.now())));
    }

    /**
     * A lock is scheduled {@code graceSeconds} ahead (the room's clock makes it take effect); a
     * second lock with grace 0, or one whose time has come, locks at once; unlocking ends both.
     */
    private static List<RoomEvent> lock(PurposeState purpose, Member actor, Context ctx, Lock c) {
        RoomRules.requireFacilitator(actor, "lock or unlock the purpose");
        if (c.locked() == null) throw Rejection.invalid("locked is required");
        if (!c.locked()) return purpose.locked() || purpose.lockAt() != null ? List.of(new PurposeEvent.LockChanged(false)) : List.of();
        if (purpose.locked()) return List.of();
        int grace = c.graceSeconds() == null ? LOCK_GRACE_SECONDS : c.graceSeconds();
        if (grace < 0 || grace > MAX_LOCK_GRACE_SECONDS) {
            throw Rejection.invalid("graceSeconds must be between 0 and " + MAX_LOCK_GRACE_SECONDS);
        }
        if (grace == 0 || purpose.lockedAt(ctx.now())) return List.of(new PurposeEvent.LockChanged(true));
        if (purpose.lockAt() != null) return List.of(); // already on its way
        return List.of(new PurposeEvent.LockScheduled(ctx.now() + grace * 1000L));
    }

    /**
     * Transforms the op against every edit committed since its base (the submitted op takes the
     * left side), checks it applies and respects the limits, and turns it into the next revision.
     */
    private static List<RoomEvent> edit(RoomState room, Member actor, Context ctx, Edit c) {
        RoomRules.requireEditor(actor, "edit the purpose");
        PurposeState purpose = PurposeModule.of(room);
        // Facilitators may still tidy a locked draft; everyone else's edits stop when the lock takes effect.
        if (actor.role() != Role.FACILITATOR && purpose.lockedAt(ctx.now())) {
            throw Rejection.forbidden("the draft is locked: a facilitator locked it for editing");
        }
        if (c.op() == null) throw Rejection.invalid("op is required");
        if (c.seq() == null || c.seq() < 0 || c.seq() > room.seq()) throw Rejection.invalid("seq must be an event this room has had");
        TextOp op;
        try {
            op = TextOp.fromWire(c.op());
        } catch (InvalidOpException e) {
            throw Rejection.invalid("op: " + e.getMessage());
        }
        int inserted = 0;
        for (var component : op.components()) if (component instanceof Insert i) inserted += i.text().length();
        if (inserted > MAX_INSERT) throw new Rejection("too_large", "one edit may insert at most " + MAX_INSERT + " characters");
        for (Sequenced earlier : ctx.history().since(c.seq())) {
            if (earlier.event() instanceof PurposeEvent.Edited e) {
                op = TextType.transform(op, TextOp.fromWire(e.op()), Side.LEFT);
            }
        }
        String next;
        try {
            next = TextType.apply(purpose.text(), op);
        } catch (InvalidOpException e) {
            throw Rejection.invalid("op does not fit the draft: " + e.getMessage());
        }
        if (next.length() > MAX_TEXT) throw new Rejection("too_large", "the purpose may be at most " + MAX_TEXT + " characters");
        if (op.isNoop()) return List.of();
        return List.of(new PurposeEvent.Edited(ctx.clientId(), purpose.rev() + 1, op.normalize().toWire()));
    }

    private static List<RoomEvent> rate(PurposeState purpose, Member actor, Rate c) {
        RoomRules.requireEditor(actor, "rate the purpose");
        if (purpose.text().isBlank()) throw Rejection.invalid("there is no draft to rate yet");
        score("inspiring", c.inspiring());
        score("valuable", c.valuable());
        score("measurable", c.measurable());
        Map<String, String> comments = new LinkedHashMap<>();
        if (c.comments() != null) {
            for (var entry : c.comments().entrySet()) {
                if (!TESTS.contains(entry.getKey())) throw Rejection.invalid("comments are keyed by " + TESTS);
                String text = Names.paragraph("comment", entry.getValue(), MAX_COMMENT);
                if (!text.isEmpty()) comments.put(entry.getKey(), text);
            }
        }
        return List.of(new PurposeEvent.Rated(purpose.rev(), purpose.churn(), purpose.text().length(),
            c.inspiring(), c.valuable(), c.measurable(), comments, purpose.ratingsHidden()));
    }

    private static void score(String test, Integer value) {
        if (value == null) throw Rejection.invalid(test + " is required");
        if (value < 1 || value > 5) throw Rejection.invalid(test + " must be rated from 1 to 5");
    }

    /**
     * The convention for every editable item (docs/protocol.md, "Edits on the same item"): a save
     * names the {@code version} it was based on; when the item changed since, it is refused with
     * {@code conflict} and nothing changes, so the person can compare and choose.
     */
    static void requireBase(Long baseVersion, long version, RoomState room, String changedBy, String what) {
        if (baseVersion == null || baseVersion < 0) throw Rejection.invalid("baseVersion is required: the version of the " + what + " you edited");
        if (baseVersion != version) {
            String who = changedBy == null || room.members().get(changedBy) == null ? "someone" : room.members().get(changedBy).name();
            throw Rejection.conflict(who + " changed this " + what + " since you opened it (now version " + version
                + "); nothing was saved");
        }
    }

    private static boolean sameFields(Target a, Target b) {
        return a.what().equals(b.what()) && a.baseline().equals(b.baseline()) && a.target().equals(b.target())
            && a.due().equals(b.due()) && a.tracker().equals(b.tracker());
    }

    private static int requireTarget(PurposeState purpose, String id) {
        if (id == null) throw Rejection.invalid("targetId is required");
        int index = purpose.targetIndex(id);
        if (index < 0) throw Rejection.notFound("no target " + id);
        return index;
    }

    /** A real calendar day written as yyyy-mm-dd (no 2027-13-45, no 30 February), from the year 1. */
    private static boolean isDate(String day) {
        if (!day.matches("\\d{4}-\\d{2}-\\d{2}")) return false;
        try {
            return java.time.LocalDate.parse(day).getYear() >= 1;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static Target target(String id, String what, String baseline, String target, String due, String tracker) {
        String day = Names.optional("due", due, 10);
        if (!day.isEmpty() && !isDate(day)) throw Rejection.invalid("due must be a date like 2027-06-30");
        return new Target(id, Names.text("what", what, 200), Names.optional("baseline", baseline, 100),
            Names.text("target", target, 100), day, Names.optional("tracker", tracker, 60), null, null);
    }

    /** The purpose after one of its events. */
    public static PurposeState apply(PurposeState purpose, PurposeEvent event, long seq, String by, long at) {
        if (event instanceof PurposeEvent.Edited e) {
            TextOp op = TextOp.fromWire(e.op());
            long churn = 0;
            for (var component : op.components()) {
                if (!(component instanceof dev.cairn.purpose.text.Skip)) churn += component.length();
            }
            return purpose.withDraft(TextType.apply(purpose.text(), op), churn);
        }
        if (event instanceof PurposeEvent.LockChanged e) return purpose.withLocked(e.locked());
        if (event instanceof PurposeEvent.LockScheduled e) return purpose.withLockPending(e.at(), by);
        if (event instanceof PurposeEvent.Rated e) {
            return purpose.withRating(new Rating(by, e.rev(), e.churn(), e.textLength(), e.inspiring(), e.valuable(),
                e.measurable(), e.comments(), at, e.hidden()));
        }
        if (event instanceof PurposeEvent.RatingsVisibilityChanged e) return purpose.withRatingsHidden(e.hidden(), e.revealed());
        List<Target> targets = new ArrayList<>(purpose.targets());
        if (event instanceof PurposeEvent.TargetAdded e) {
            targets.add(e.target().setAt(seq, by));
        } else if (event instanceof PurposeEvent.TargetUpdated e) {
            targets.set(purpose.targetIndex(e.target().id()), e.target().setAt(seq, by));
        } else if (event instanceof PurposeEvent.TargetMoved e) {
            Target moved = targets.remove(purpose.targetIndex(e.id()));
            targets.add(e.index(), moved);
        } else if (event instanceof PurposeEvent.TargetRemoved e) {
            targets.remove(purpose.targetIndex(e.id()));
        } else {
            PurposeEvent.Adopted e = (PurposeEvent.Adopted) event;
            return purpose.withAdopted(new Adoption(e.rev(), e.text(), at, by, e.decisionId()));
        }
        return purpose.withTargets(targets);
    }
}
