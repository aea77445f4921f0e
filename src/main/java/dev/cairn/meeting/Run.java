package dev.cairn.meeting;

/**
 * How one agenda segment went in the current meeting: {@code status} is {@code active},
 * {@code done} or {@code skipped}; {@code plannedMinutes} as it was when the segment started;
 * {@code actualMs} from start to end (0 while active, and for a segment skipped before it ran).
 */
public record Run(String status, int plannedMinutes, long startedAt, long actualMs) {
    public static final String ACTIVE = "active";
    public static final String DONE = "done";
    public static final String SKIPPED = "skipped";
}
