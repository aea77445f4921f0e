package dev.cairn.meeting;

/** A segment a participant proposed, waiting for a facilitator to accept or decline it. */
public record Proposal(String id, String by, String title, String kind, int minutes, String notes) {
}
