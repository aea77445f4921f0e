package dev.cairn.acknowledgement;

import dev.cairn.acknowledgement.AcknowledgementCommand.Draft;
import dev.cairn.acknowledgement.AcknowledgementCommand.Edit;
import dev.cairn.acknowledgement.AcknowledgementCommand.Share;
import dev.cairn.acknowledgement.AcknowledgementCommand.Withdraw;
import dev.cairn.acknowledgement.AcknowledgementEvent.Drafted;
import dev.cairn.acknowledgement.AcknowledgementEvent.Edited;
import dev.cairn.acknowledgement.AcknowledgementEvent.Shared;
import dev.cairn.acknowledgement.AcknowledgementEvent.Withdrawn;
import dev.cairn.room.Member;
import dev.cairn.room.Names;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.List;

/** Rules of acknowledgements: only their author drafts, edits, shares or withdraws them. */
public final class AcknowledgementRules {
    public static final int MAX_TEXT = 1_000;
    /** Drafts and shared ones together, per member. */
    public static final int MAX_PER_MEMBER = 20;

    private AcknowledgementRules() {
    }

    public static List<RoomEvent> decide(RoomState room, Member actor, AcknowledgementCommand command) {
        AcknowledgementState part = AcknowledgementModule.of(room);
        if (command instanceof Draft c) {
            RoomRules.requireEditor(actor, "write acknowledgements");
            String text = Names.paragraph("text", c.text(), MAX_TEXT);
            if (text.isEmpty()) throw Rejection.invalid("text is required");
            long own = part.items().stream().filter(a -> a.author().equals(actor.id())).count();
            if (own >= MAX_PER_MEMBER) throw Rejection.conflict("a member keeps at most " + MAX_PER_MEMBER + " acknowledgements");
            return List.of(new Drafted("a" + (room.seq() + 1), text));
        }
        if (command instanceof Edit c) {
            Acknowledgement a = requireOwn(part, actor, c.acknowledgementId(), "edit");
            String text = Names.paragraph("text", c.text(), MAX_TEXT);
            if (text.isEmpty()) throw Rejection.invalid("text is required");
            if (text.equals(a.text())) return List.of();
            return List.of(new Edited(a.id(), text, a.shared()));
        }
        if (command instanceof Share c) {
            Acknowledgement a = requireOwn(part, actor, c.acknowledgementId(), "share");
            if (a.shared()) return List.of();
            if (a.text() == null) throw Rejection.conflict("this draft has no text; edit it first");
            return List.of(new Shared(a.id(), a.text()));
        }
        if (command instanceof Withdraw c) {
            Acknowledgement a = requireOwn(part, actor, c.acknowledgementId(), "withdraw");
            return List.of(new Withdrawn(a.id(), a.shared()));
        }
        throw new IllegalArgumentException("not an acknowledgement command: " + command);
    }

    /**
     * The actor's own acknowledgement {@code id}. Another member's draft is {@code not_found}, as if
     * it did not exist (nobody but its author may learn of it); another's shared one is {@code forbidden}.
     */
    private static Acknowledgement requireOwn(AcknowledgementState part, Member actor, String id, String what) {
        RoomRules.requireEditor(actor, what + " acknowledgements");
        if (id == null) throw Rejection.invalid("acknowledgementId is required");
        Acknowledgement a = part.find(id);
        if (a == null || !a.shared() && !a.author().equals(actor.id())) throw Rejection.notFound("no acknowledgement " + id);
        if (!a.author().equals(actor.id())) throw Rejection.forbidden("only its author may " + what + " an acknowledgement");
        return a;
    }

    // ---- apply ---------------------------------------------------------------------------------

    /** The part after one event; a redacted copy (every field null) changes nothing. */
    public static AcknowledgementState apply(AcknowledgementState part, Sequenced event) {
        List<Acknowledgement> items = new ArrayList<>(part.items());
        AcknowledgementEvent e = (AcknowledgementEvent) event.event();
        if (e instanceof Drafted d) {
            if (d.acknowledgementId() == null) return part;
            items.add(new Acknowledgement(d.acknowledgementId(), event.by(), d.text(), false, null, event.at(), List.of(event.seq())));
        } else if (e instanceof Edited d) {
            int i = indexOf(items, d.acknowledgementId());
            if (i < 0) return part;
            Acknowledgement a = items.get(i);
            List<Long> seqs = a.shared() ? a.draftSeqs() : List.of(event.seq());
            items.set(i, new Acknowledgement(a.id(), a.author(), d.text(), a.shared(), a.sharedAt(), event.at(), seqs));
        } else if (e instanceof Shared d) {
            int i = indexOf(items, d.acknowledgementId());
            if (i >= 0) items.remove(i);
            items.add(new Acknowledgement(d.acknowledgementId(), event.by(), d.text(), true, event.at(), null, List.of()));
        } else if (e instanceof Withdrawn d) {
            int i = indexOf(items, d.acknowledgementId());
            if (i < 0) return part;
            items.remove(i);
        }
        return new AcknowledgementState(items);
    }

    private static int indexOf(List<Acknowledgement> items, String id) {
        if (id == null) return -1;
        for (int i = 0; i < items.size(); i++) if (items.get(i).id().equals(id)) return i;
        return -1;
    }
}
