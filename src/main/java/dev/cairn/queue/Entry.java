package dev.cairn.queue;

/**
 * One place in the speaking queue, {@code entryId}. {@code memberId} is null for someone a facilitator added by
 * name (no device); {@code name} is the name as it was when the hand went up. {@code addedBy} is
 * the member who queued it (the owner for a raised hand), {@code movedBy} the facilitator who last
 * moved it by hand (null if never), {@code roundId} the round it belongs to (null for a hand).
 */
public record Entry(String entryId, String memberId, String name, String kind, long raisedAt, String addedBy,
                    String movedBy, String roundId) {

    /** The key this speaker's time is counted under: the member id, or the name of someone without a device. */
    public String speaker() {
        return Kind.speaker(memberId, name);
    }

    Entry withKind(String newKind) {
        return new Entry(entryId, memberId, name, newKind, raisedAt, addedBy, movedBy, roundId);
    }

    Entry movedBy(String facilitator) {
        return new Entry(entryId, memberId, name, kind, raisedAt, addedBy, facilitator, roundId);
    }
}
