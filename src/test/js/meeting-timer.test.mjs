import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ClockOffset } from '../../../webroot/js/clock.js';
import { crossed, format, phase, remaining, spoken, untilInstant } from '../../../webroot/js/meeting/timer.js';
import { meetingEvents, running } from '../../../webroot/js/meeting/events.js';

const T = 1_800_000_000_000;
const MIN = 60_000;

describe('meeting timer arithmetic', () => {
  test('a running timer counts down from its absolute end, and past it counts the overrun', () => {
    const timer = { endsAt: T + 5 * MIN, remainingMs: null };
    assert.equal(remaining(timer, T), 5 * MIN);
    assert.equal(remaining(timer, T + 2 * MIN), 3 * MIN);
    assert.equal(remaining(timer, T + 6 * MIN), -MIN);
    assert.equal(phase(timer, T, 2 * MIN), 'running');
    assert.equal(phase(timer, T + 3 * MIN, 2 * MIN), 'warning');
    assert.equal(phase(timer, T + 5 * MIN, 2 * MIN), 'up');
    assert.equal(remaining(null, T), null);
    const started = { endsAt: T + 5 * MIN, remainingMs: null, lengthMs: 5 * MIN };
    assert.equal(remaining(started, T - 3), 5 * MIN, 'a clock a few ms behind the server never shows more than the length');
    assert.equal(format(remaining(started, T - 3)), '5:00');
  });

  test('a paused timer shows what was left, however long it stays paused', () => {
    const timer = { endsAt: null, remainingMs: 90_000 };
    assert.equal(remaining(timer, T), 90_000);
    assert.equal(remaining(timer, T + 60 * MIN), 90_000);
    assert.equal(phase(timer, T, 0), 'paused');
    assert.equal(phase({ endsAt: null, remainingMs: -5000 }, T, 0), 'up', 'paused in overrun is still over');
  });

  test('format: whole seconds, hours when needed, the overrun with a plus', () => {
    assert.equal(format(5 * MIN), '5:00');
    assert.equal(format(5 * MIN - 1), '5:00', 'the first frame shows the full length');
    assert.equal(format(59_001), '1:00');
    assert.equal(format(1), '0:01');
    assert.equal(format(0), '0:00');
    assert.equal(format(-999), '0:00', 'less than a second over is still 0:00');
    assert.equal(format(-42_000), '+0:42');
    assert.equal(format(3 * 3600_000 + 5 * MIN + 7000), '3:05:07');
    assert.equal(spoken(65_000), '1 minute 5 seconds left');
    assert.equal(spoken(-120_000), '2 minutes over');
  });

  test('the warning and the zero are each crossed once per end', () => {
    assert.deepEqual(crossed(130_000, 119_000, 120_000), ['warning']);
    assert.deepEqual(crossed(119_000, 118_000, 120_000), []);
    assert.deepEqual(crossed(500, -200, 120_000), ['up']);
    assert.deepEqual(crossed(200_000, -1, 120_000), ['up'], 'jumping straight past both: only the zero');
    assert.deepEqual(crossed(-1, -300, 120_000), []);
    assert.deepEqual(crossed(null, 5, 120_000), [], 'the first frame announces nothing');
  });

  test('"until 15:30" is the next 15:30 after the server\'s now in the given zone', () => {
    // T is 2027-01-15T08:00:00Z; in UTC+1 it is 09:00 local
    const at = untilInstant('15:30', T, 60);
    assert.equal(at, Date.UTC(2027, 0, 15, 14, 30));
    assert.equal(untilInstant('08:30', T, 60), Date.UTC(2027, 0, 16, 7, 30), 'already past today: tomorrow');
    assert.equal(untilInstant('9:00', T, 60), Date.UTC(2027, 0, 16, 8, 0), 'exactly now is not ahead');
    assert.equal(untilInstant('09:00:05', T, 60), T + 5000, 'seconds, for a timer to a moment just ahead');
    assert.equal(untilInstant('24:00', T, 60), null);
    assert.equal(untilInstant('noon', T, 60), null);
  });

  test('two boards with different clock errors show the same countdown, corrected by the offset', () => {
    // Board A's clock is 3.2 s fast, board B's 1.7 s slow; the server answers pings at once.
    const serverAt = (t) => t; // the true time is the server's
    const boards = [3200, -1700].map((error) => {
      const clock = new ClockOffset();
      for (const [delay, trip] of [[0, 80], [5000, 40], [10000, 120]]) {
        const sent = T + delay;
        // half the round trip out, half back (the midpoint assumption holds exactly here)
        clock.sample(sent + error, serverAt(sent + trip / 2), sent + trip + error);
      }
      return { error, clock };
    });
    const timer = { endsAt: T + 60_000, remainingMs: null };
    const trueNow = T + 20_000;
    const shown = boards.map(({ error, clock }) => remaining(timer, trueNow + error + clock.offset));
    assert.equal(shown[0], 40_000);
    assert.equal(shown[1], 40_000);
    const uncorrected = boards.map(({ error }) => remaining(timer, trueNow + error));
    assert.ok(Math.abs(uncorrected[0] - uncorrected[1]) > 4000, 'without the offset they would differ by the clock errors');
  });

  test('an asymmetric round trip leaves the boards within half the round trip of each other', () => {
    const clock = new ClockOffset();
    clock.sample(T, T + 150, T + 200); // the answer took 150 ms out and 50 back
    const shown = remaining({ endsAt: T + 60_000, remainingMs: null }, T + 1000 + clock.offset);
    assert.ok(Math.abs(shown - 59_000) <= 100, `${shown}`);
  });
});

describe('meeting reducers mirror the server', () => {
  const frame = (seq, at, by = 'ana') => ({ seq, at, by });
  const step = (room, event, f) => meetingEvents[event.type](room, event, f);

  test('start, a segment with its timer, pause, add time, time up, the poll, end', () => {
    let room = { meeting: { meeting: null, agenda: [{ id: 's2', title: 'Talk', kind: 'discussion', minutes: 5 }], proposals: [], rota: ['ben', 'ana'], rotaNext: 0, focus: 'agenda', idleMinutes: 15, warnSeconds: 120, held: 0 } };
    room = step(room, { type: 'meeting.started', meetingId: 'm3' }, frame(3, T));
    room = step(room, { type: 'meeting.attendance_changed', memberId: 'ana', present: true }, frame(4, T));
    room = step(room, { type: 'meeting.segment_started', segmentId: 's2', plannedMinutes: 5 }, frame(5, T));
    room = step(room, { type: 'meeting.timer_started', timerId: 't6', segmentId: 's2', lengthMs: 5 * MIN, endsAt: T + 5 * MIN }, frame(6, T));
    assert.equal(running(room).timer.endsAt, T + 5 * MIN);
    room = step(room, { type: 'meeting.timer_paused', timerId: 't6', remainingMs: 3 * MIN }, frame(7, T + 2 * MIN));
    assert.equal(remaining(running(room).timer, T + 50 * MIN), 3 * MIN);
    room = step(room, { type: 'meeting.timer_resumed', timerId: 't6', endsAt: T + 13 * MIN }, frame(8, T + 10 * MIN));
    room = step(room, { type: 'meeting.time_up', timerId: 't6', segmentId: 's2', endsAt: T + 13 * MIN }, frame(9, T + 13 * MIN, 'system'));
    assert.equal(running(room).timer.timeUp, true);
    room = step(room, { type: 'meeting.poll_opened', pollId: 'q10', minutes: 5 }, frame(10, T + 13 * MIN));
    room = step(room, { type: 'meeting.poll_answered', pollId: 'q10', choice: 'extend' }, frame(11, T + 13 * MIN, 'ben'));
    assert.deepEqual(running(room).poll.answers, { ben: 'extend' });
    room = step(room, { type: 'meeting.time_added', timerId: 't6', addedMs: 5 * MIN }, frame(12, T + 14 * MIN));
    assert.equal(running(room).timer.timeUp, false, 'the new end is ahead');
    assert.equal(running(room).timer.endsAt, T + 18 * MIN);
    room = step(room, { type: 'meeting.attendance_changed', memberId: 'ana', present: false }, frame(13, T + 15 * MIN));
    assert.equal(running(room).attendance.ana.presentMs, 15 * MIN);
    assert.equal(running(room).emptySince, T + 15 * MIN);
    room = step(room, { type: 'meeting.ended', meetingId: 'm3', reason: 'ended', durationMs: 0, attendedMs: {} }, frame(14, T + 16 * MIN));
    assert.equal(running(room), null);
    assert.equal(room.meeting.rotaNext, 1, 'the rota moved on');
    assert.equal(room.meeting.focus, null);
    assert.equal(room.meeting.agenda.length, 1, 'the agenda stays');
    assert.equal(room.meeting.focusBy, null);
  });
});
