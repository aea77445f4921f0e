package dev.cairn.purpose;

/**
 * The adopted purpose: the text of one revision, kept apart from the working draft.
 * {@code decisionId}: the decision of the log that adopted it (a consent proposal that carried,
 * or the facilitator's direct adoption).
 */
public record Adoption(int rev, String text, long at, String by, String decisionId) {
}
