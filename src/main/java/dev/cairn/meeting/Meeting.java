package dev.cairn.meeting;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The meeting running in a room: {@code id}, when it started and who started it, attendance by
 * member id, since when nobody has been present ({@code emptySince}, null while someone is), the
 * agenda segment under way ({@code current}, null if none), how each segment went in this meeting
 * ({@code runs} by segment id), the timer (null if none) and the extend-or-move-on poll (null if none).
 */
public record Meeting(String id, long startedAt, String startedBy, Map<String, Attendance> attendance,
                      Long emptySince, String current, Map<String, Run> runs, Timer timer, Poll poll) {

    public Meeting {
        attendance = Map.copyOf(attendance);
        runs = Map.copyOf(runs);
    }

    /** The ids of the members present now, sorted. */
    public Set<String> present() {
        Set<String> out = new TreeSet<>();
        attendance.forEach((id, a) -> {
            if (a.since() != null) out.add(id);
        });
        return out;
    }

    Meeting withAttendance(Map<String, Attendance> next, Long nextEmptySince) {
        return new Meeting(id, startedAt, startedBy, next, nextEmptySince, current, runs, timer, poll);
    }

    Meeting withCurrent(String segmentId, Map<String, Run> nextRuns, Timer nextTimer) {
        return new Meeting(id, startedAt, startedBy, attendance, emptySince, segmentId, nextRuns, nextTimer, null);
    }

    Meeting withRuns(Map<String, Run> nextRuns) {
        return new Meeting(id, startedAt, startedBy, attendance, emptySince, current, nextRuns, timer, poll);
    }

    Meeting withTimer(Timer next) {
        return new Meeting(id, startedAt, startedBy, attendance, emptySince, current, runs, next, poll);
    }

    Meeting withPoll(Poll next) {
        return new Meeting(id, startedAt, startedBy, attendance, emptySince, current, runs, timer, next);
    }
}
