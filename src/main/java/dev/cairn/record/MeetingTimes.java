package dev.cairn.record;

/**
 * One meeting of a room as the record lists it: its id, its number in the room (1 for the first),
 * when it started and ended ({@code endedAt} and {@code endReason} null while it runs), and the
 * seqs of its first and last events.
 */
public record MeetingTimes(String id, int number, long startedAt, Long endedAt, String endReason, long startSeq,
                           Long endSeq) {

    MeetingTimes ended(long at, String reason, long seq) {
        return new MeetingTimes(id, number, startedAt, at, reason, startSeq, seq);
    }
}
