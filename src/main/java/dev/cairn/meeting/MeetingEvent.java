package dev.cairn.meeting;

import dev.cairn.room.RoomEvent;

import java.util.List;
import java.util.Map;

/** Changes to meetings, the agenda, the timer, focus and the rota. */
public sealed interface MeetingEvent extends RoomEvent {

    record Started(String meetingId) implements MeetingEvent {
    }

    /**
     * The meeting closed ({@code reason} {@code ended} by a facilitator, or {@code idle} when nobody
     * was present for the set time), lasting {@code durationMs}; {@code attendedMs} is each attendee's
     * presence in all, for the record.
     */
    record Ended(String meetingId, String reason, long durationMs, Map<String, Long> attendedMs) implements MeetingEvent {
    }

    /** A member came ({@code present} true) or went, from who is online. */
    record AttendanceChanged(String memberId, boolean present) implements MeetingEvent {
    }

    record SegmentAdded(Segment segment, int index) implements MeetingEvent {
    }

    record SegmentUpdated(Segment segment) implements MeetingEvent {
    }

    record SegmentMoved(String segmentId, int index) implements MeetingEvent {
    }

    record SegmentRemoved(String segmentId) implements MeetingEvent {
    }

    record Proposed(Proposal proposal) implements MeetingEvent {
    }

    record ProposalClosed(String proposalId, boolean accepted) implements MeetingEvent {
    }

    record SegmentStarted(String segmentId, int plannedMinutes) implements MeetingEvent {
    }

    /** A segment ended {@code done} or {@code skipped}, with its planned and actual minutes for the record. */
    record SegmentEnded(String segmentId, String status, int plannedMinutes, long actualMs) implements MeetingEvent {
    }

    /** A timer started, ending at {@code endsAt} (epoch millis), {@code lengthMs} long. */
    record TimerStarted(String timerId, String segmentId, long lengthMs, long endsAt) implements MeetingEvent {
    }

    record TimerPaused(String timerId, long remainingMs) implements MeetingEvent {
    }

    record TimerResumed(String timerId, long endsAt) implements MeetingEvent {
    }

    record TimeAdded(String timerId, long addedMs) implements MeetingEvent {
    }

    record TimerStopped(String timerId) implements MeetingEvent {
    }

    /** The room's clock reached a running timer's end; committed once per end. */
    record TimeUp(String timerId, String segmentId, long endsAt) implements MeetingEvent {
    }

    record PollOpened(String pollId, int minutes) implements MeetingEvent {
    }

    record PollAnswered(String pollId, String choice) implements MeetingEvent {
    }

    record PollClosed(String pollId, long extend, long moveOn) implements MeetingEvent {
    }

    record FocusChanged(String panel) implements MeetingEvent {
    }

    record RotaSet(List<String> memberIds) implements MeetingEvent {
    }

    record Configured(int idleMinutes, int warnSeconds) implements MeetingEvent {
    }
}
