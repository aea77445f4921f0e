package dev.cairn.meeting;

/**
 * One member's attendance in a meeting: first seen at {@code firstSeen}, present again since
 * {@code since} (null while away), and {@code presentMs} of presence before that.
 */
public record Attendance(long firstSeen, Long since, long presentMs) {

    /** How long the member has been present in all, as of {@code now}. */
    public long presentMs(long now) {
        return presentMs + (since == null ? 0 : Math.max(0, now - since));
    }

    Attendance arrived(long at) {
        return since != null ? this : new Attendance(firstSeen, at, presentMs);
    }

    Attendance left(long at) {
        return since == null ? this : new Attendance(firstSeen, null, presentMs(at));
    }
}
