package dev.cairn.meeting;

import java.util.List;

/** One agenda item: what it is, how long it is planned for, notes, and who leads it (a member id, or null). */
public record Segment(String id, String title, String kind, int minutes, String notes, String ownerId) {
    public static final List<String> KINDS = List.of("check_in", "purpose", "discussion", "round", "decision",
        "commitments_review", "check_out", "other");
}
