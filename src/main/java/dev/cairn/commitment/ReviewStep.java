package dev.cairn.commitment;

/**
 * One step of a commitments review: commitment {@code commitmentId} was gone through in meeting
 * {@code meetingId} by {@code by} at {@code at}, with {@code outcome} {@code reviewed} (as it is),
 * {@code updated} (its status became {@code status}) or {@code skipped} (the facilitator moved on);
 * {@code note} is the word said about it ("" for none).
 */
public record ReviewStep(String commitmentId, String meetingId, String by, long at, String outcome, String status,
                         String note) {
}
