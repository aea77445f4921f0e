package dev.cairn.purpose;

/** The adopted purpose: the text of one revision, kept apart from the working draft. */
public record Adoption(int rev, String text, long at, String by) {
}
