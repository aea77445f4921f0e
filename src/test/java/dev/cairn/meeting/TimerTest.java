package dev.cairn.meeting;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timer arithmetic: an absolute end while running, the time left while paused, never a counter. */
class TimerTest {
    private static final long T = 1_800_000_000_000L;
    private static final long MIN = 60_000;

    @Test
    void aStartedTimerEndsAtAnAbsoluteTimeAndCountsDownFromIt() {
        Timer t = Timer.start("t1", "s1", 5 * MIN, T);
        assertTrue(t.running());
        assertEquals(T + 5 * MIN, t.endsAt());
        assertEquals(5 * MIN, t.remaining(T));
        assertEquals(2 * MIN, t.remaining(T + 3 * MIN));
        assertFalse(t.dueAt(T + 5 * MIN - 1));
        assertTrue(t.dueAt(T + 5 * MIN));
    }

    @Test
    void pauseKeepsWhatIsLeftAndResumeSetsANewEndFromIt() {
        Timer t = Timer.start("t1", null, 5 * MIN, T).pause(T + 2 * MIN);
        assertFalse(t.running());
        assertNull(t.endsAt());
        assertEquals(3 * MIN, t.remaining(T + 2 * MIN));
        assertEquals(3 * MIN, t.remaining(T + 60 * MIN), "paused time does not run");
        assertFalse(t.dueAt(T + 60 * MIN), "a paused timer is never due");
        Timer resumed = t.resume(T + 10 * MIN);
        assertEquals(T + 13 * MIN, resumed.endsAt());
        assertEquals(3 * MIN, resumed.remaining(T + 10 * MIN));
        assertEquals(t, t.pause(T + 20 * MIN), "pausing a paused timer changes nothing");
        assertEquals(resumed, resumed.resume(T + 30 * MIN), "resuming a running timer changes nothing");
    }

    @Test
    void pastTheEndTheRemainingTimeIsTheOverrunAsANegativeNumber() {
        Timer t = Timer.start("t1", null, MIN, T);
        assertEquals(-30_000, t.remaining(T + 90_000));
        Timer pausedInOverrun = t.pause(T + 90_000);
        assertEquals(-30_000, pausedInOverrun.remaining(T + 500_000));
        assertEquals(T + 470_000, pausedInOverrun.resume(T + 500_000).endsAt(), "resuming keeps the overrun");
    }

    @Test
    void extendingMovesTheEndAndClearsTimeUpOnlyOnceTheEndIsAheadAgain() {
        Timer up = Timer.start("t1", null, MIN, T).rung();
        assertTrue(up.timeUp());
        assertFalse(up.dueAt(T + 2 * MIN), "time is up once per end");
        Timer extended = up.extend(2 * MIN, T + 90_000);
        assertEquals(T + 3 * MIN, extended.endsAt());
        assertEquals(3 * MIN, extended.lengthMs());
        assertFalse(extended.timeUp(), "the new end is ahead: time is not up any more");
        assertTrue(extended.dueAt(T + 3 * MIN), "and it will be up again at the new end");
        Timer notEnough = Timer.start("t1", null, MIN, T).rung().extend(MIN, T + 5 * MIN);
        assertTrue(notEnough.timeUp(), "extended but still past the end: still up, no second time-up");
        Timer paused = Timer.start("t1", null, MIN, T).pause(T + 30_000).extend(MIN, T + 40_000);
        assertEquals(90_000, paused.remaining(T + 99 * MIN));
    }

    @Test
    void attendanceAddsUpThePresenceOfEveryVisit() {
        Attendance a = new Attendance(T, T, 0).left(T + 10 * MIN).arrived(T + 20 * MIN);
        assertEquals(T, a.firstSeen());
        assertEquals(15 * MIN, a.presentMs(T + 25 * MIN));
        assertEquals(a, a.arrived(T + 30 * MIN), "arriving while present changes nothing");
        Attendance gone = a.left(T + 30 * MIN);
        assertEquals(20 * MIN, gone.presentMs(T + 99 * MIN));
        assertEquals(gone, gone.left(T + 40 * MIN));
    }
}
