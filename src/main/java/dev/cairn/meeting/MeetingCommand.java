package dev.cairn.meeting;

import dev.cairn.room.RoomCommand;

import java.util.List;

/** What members ask of meetings, the agenda, the timer, focus and the rota. Segments are named by {@code segmentId}. */
public sealed interface MeetingCommand extends RoomCommand {
    /** The words commands use: a segment's {@code kind} and a poll answer's {@code choice}. */
    List<String> KINDS = Segment.KINDS;
    List<String> CHOICES = List.of(Poll.EXTEND, Poll.MOVE_ON);

    /** Facilitator starts a meeting; with {@code agenda} true it moves straight to the first segment. */
    record Start(Boolean agenda) implements MeetingCommand {
    }

    record End() implements MeetingCommand {
    }

    /** Facilitator adds a segment at the end of the agenda. */
    record AddSegment(String title, String kind, Integer minutes, String notes, String ownerId)
        implements MeetingCommand {
    }

    /** Changes the fields given (null keeps one; an empty {@code ownerId} clears the owner). */
    record UpdateSegment(String segmentId, String title, String kind, Integer minutes, String notes, String ownerId)
        implements MeetingCommand {
    }

    record MoveSegment(String segmentId, Integer index) implements MeetingCommand {
    }

    record RemoveSegment(String segmentId) implements MeetingCommand {
    }

    /** Any participant proposes a segment; a facilitator accepts or declines it. */
    record Propose(String title, String kind, Integer minutes, String notes) implements MeetingCommand {
    }

    record AcceptProposal(String proposalId) implements MeetingCommand {
    }

    record DeclineProposal(String proposalId) implements MeetingCommand {
    }

    /** Facilitator moves to a segment; its timebox starts by itself unless {@code timer} is false. */
    record Goto(String segmentId, Boolean timer) implements MeetingCommand {
    }

    /** Ends the current segment as done and moves to the next one not yet done or skipped. */
    record Next(Boolean timer) implements MeetingCommand {
    }

    /** Skips {@code segmentId} (a segment not yet run), or the current segment and moves on when null. */
    record Skip(String segmentId) implements MeetingCommand {
    }

    /** A timer of {@code minutes} (1 to 480) or until the instant {@code until} (epoch millis); exactly one. */
    record StartTimer(Integer minutes, Long until) implements MeetingCommand {
    }

    record PauseTimer() implements MeetingCommand {
    }

    record ResumeTimer() implements MeetingCommand {
    }

    record AddTime(Integer minutes) implements MeetingCommand {
    }

    record StopTimer() implements MeetingCommand {
    }

    /** Facilitator asks everyone: "extend by {@code minutes} or move on?" */
    record OpenPoll(Integer minutes) implements MeetingCommand {
    }

    record AnswerPoll(String pollId, String choice) implements MeetingCommand {
    }

    record ClosePoll(String pollId) implements MeetingCommand {
    }

    /** Facilitator brings every board to {@code panel}; null releases them. */
    record Focus(String panel) implements MeetingCommand {
    }

    /** Facilitator sets who takes turns facilitating, in order; the first is next. */
    record SetRota(List<String> memberIds) implements MeetingCommand {
    }

    record Configure(Integer idleMinutes, Integer warnSeconds) implements MeetingCommand {
    }
}
