package dev.cairn.decision;

/** A facilitator's mandate: since when, and by which decision of the log. */
public record Mandate(String decisionId, long since) {
}
