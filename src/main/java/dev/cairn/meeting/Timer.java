package dev.cairn.meeting;

/**
 * A timebox kept as an absolute end: while running, {@code endsAt} (epoch millis) and
 * {@code remainingMs} null; while paused, {@code endsAt} null and {@code remainingMs} what was
 * left (negative when paused in overrun). {@code timeUp} turns true once the room's clock has
 * committed the time-up event for the current end; extending past now clears it again.
 * {@code segmentId} is the agenda segment it boxes, or null for a timer of its own.
 */
public record Timer(String id, String segmentId, long lengthMs, Long endsAt, Long remainingMs, boolean timeUp) {

    /** A running timer of {@code lengthMs} from {@code now}. */
    public static Timer start(String id, String segmentId, long lengthMs, long now) {
        return new Timer(id, segmentId, lengthMs, now + lengthMs, null, false);
    }

    public boolean running() {
        return endsAt != null;
    }

    /** Milliseconds left at {@code now}; negative past the end (the overrun). */
    public long remaining(long now) {
        return endsAt != null ? endsAt - now : remainingMs;
    }

    public Timer pause(long now) {
        return endsAt == null ? this : new Timer(id, segmentId, lengthMs, null, endsAt - now, timeUp);
    }

    public Timer resume(long now) {
        return endsAt != null ? this : new Timer(id, segmentId, lengthMs, now + remainingMs, null, timeUp);
    }

    /** {@code ms} more; once the end is ahead of {@code now} again, time is no longer up. */
    public Timer extend(long ms, long now) {
        Long end = endsAt == null ? null : endsAt + ms;
        Long left = remainingMs == null ? null : remainingMs + ms;
        long after = end != null ? end - now : left;
        return new Timer(id, segmentId, lengthMs + ms, end, left, timeUp && after <= 0);
    }

    /** Whether the time-up event is due at {@code now}: running, at or past the end, not yet rung. */
    public boolean dueAt(long now) {
        return endsAt != null && !timeUp && endsAt <= now;
    }

    public Timer rung() {
        return new Timer(id, segmentId, lengthMs, endsAt, remainingMs, true);
    }
}
