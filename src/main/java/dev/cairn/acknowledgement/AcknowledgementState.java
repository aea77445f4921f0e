package dev.cairn.acknowledgement;

import java.util.List;

/**
 * A room's acknowledgements: drafts and shared ones together, each shared one moved to the end when
 * shared, so the shared ones are in the order the room saw them.
 */
public record AcknowledgementState(List<Acknowledgement> items) {
    private static final AcknowledgementState EMPTY = new AcknowledgementState(List.of());

    public AcknowledgementState {
        items = List.copyOf(items);
    }

    public static AcknowledgementState empty() {
        return EMPTY;
    }

    public Acknowledgement find(String id) {
        for (Acknowledgement a : items) if (a.id().equals(id)) return a;
        return null;
    }

    /** What {@code memberId} may see: every shared acknowledgement, and their own drafts. */
    public AcknowledgementState viewFor(String memberId) {
        boolean hidden = false;
        for (Acknowledgement a : items) hidden |= !a.shared() && !a.author().equals(memberId);
        if (!hidden) return this;
        return new AcknowledgementState(items.stream().filter(a -> a.shared() || a.author().equals(memberId)).toList());
    }
}
