import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { queueEvents } from '../../../webroot/js/queue/events.js';
import {
  balance, clock, figures, minutes, liveSpeaking, mine, ordinal, presentMembers, queueOf, reasonFor,
} from '../../../webroot/js/queue/selectors.js';

const MIN = 60_000;

function room() {
  return {
    id: 'r', seq: 1, members: {
      ana: { id: 'ana', name: 'Ana', role: 'facilitator', joinedAt: 1 },
      ben: { id: 'ben', name: 'Ben', role: 'participant', joinedAt: 2 },
      cy: { id: 'cy', name: 'Cy', role: 'participant', joinedAt: 3 },
      obs: { id: 'obs', name: 'Projector', role: 'observer', joinedAt: 4 },
    },
  };
}

function apply(r, type, event, by = 'ana', at = 1000) {
  return { ...queueEvents[type](r, event, { seq: r.seq + 1, at, by, event: { type, ...event } }), seq: r.seq + 1 };
}

const entry = (entryId, memberId, name, kind, extra = {}) => ({
  entryId, memberId, name, kind, raisedAt: 1, addedBy: memberId ?? 'ana', movedBy: null, roundId: null, ...extra,
});

describe('queue reducers (mirror of QueueRules.apply)', () => {
  test('insert at the decided index, move, change kind, remove', () => {
    let r = room();
    r = apply(r, 'queue.hand_raised', { entry: entry('h2', 'ben', 'Ben', 'new'), index: 0 });
    r = apply(r, 'queue.hand_raised', { entry: entry('h3', 'cy', 'Cy', 'clarify'), index: 0 });
    assert.deepEqual(queueOf(r).entries.map((e) => e.name), ['Cy', 'Ben']);
    r = apply(r, 'queue.entry_moved', { entryId: 'h2', index: 0 });
    assert.equal(queueOf(r).entries[0].movedBy, 'ana');
    r = apply(r, 'queue.kind_changed', { entryId: 'h2', kind: 'reply', index: 1 });
    assert.deepEqual(queueOf(r).entries.map((e) => `${e.name}:${e.kind}`), ['Cy:clarify', 'Ben:reply']);
    r = apply(r, 'queue.hand_lowered', { entryId: 'h3' });
    assert.deepEqual(queueOf(r).entries.map((e) => e.entryId), ['h2']);
  });

  test('a turn takes its entry off the queue; its end adds to the speaker in that meeting only', () => {
    let r = room();
    r = apply(r, 'queue.hand_raised', { entry: entry('h2', 'ben', 'Ben', 'new'), index: 0 });
    const turn = { turnId: 't3', entryId: 'h2', memberId: 'ben', name: 'Ben', kind: 'new', startedAt: 1000, limitSeconds: 0, roundId: null };
    r = apply(r, 'queue.turn_started', { turn });
    assert.equal(queueOf(r).entries.length, 0);
    assert.equal(queueOf(r).current.turnId, 't3');
    const ended = { turnId: 't3', speaker: 'ben', memberId: 'ben', name: 'Ben', kind: 'new', meetingId: 'm1', startedAt: 1000,
      millis: 2 * MIN, spokenMillis: 2 * MIN, turns: 1, balance: null };
    r = apply(r, 'queue.turn_ended', ended);
    r = apply(r, 'queue.turn_started', { turn: { ...turn, turnId: 't5' } });
    r = apply(r, 'queue.turn_ended', { ...ended, turnId: 't5' });
    assert.deepEqual(queueOf(r).speaking.ben, { millis: 4 * MIN, turns: 2 });
    r = apply(r, 'queue.turn_started', { turn: { ...turn, turnId: 't7' } });
    r = apply(r, 'queue.turn_ended', { ...ended, turnId: 't7', meetingId: 'm2' });
    assert.deepEqual(queueOf(r).speaking, { ben: { millis: 2 * MIN, turns: 1 } }, 'a new meeting starts afresh');
    assert.equal(queueOf(r).meetingId, 'm2');
  });

  test('a round queues everyone at once, a pass is recorded, and the round ends with its last turn', () => {
    let r = room();
    const round = { roundId: 'r2', order: ['cy', 'ben'], shuffled: true, passed: [] };
    r = apply(r, 'queue.round_started', {
      round, index: 0,
      entries: [entry('r2-1', 'cy', 'Cy', 'round', { roundId: 'r2' }), entry('r2-2', 'ben', 'Ben', 'round', { roundId: 'r2' })],
    });
    assert.equal(queueOf(r).round.roundId, 'r2');
    r = apply(r, 'queue.passed', { entryId: 'r2-2', roundId: 'r2' }, 'ben');
    assert.deepEqual(queueOf(r).round.passed, ['ben']);
    r = apply(r, 'queue.turn_started', { turn: { turnId: 't4', entryId: 'r2-1', memberId: 'cy', name: 'Cy', kind: 'round', startedAt: 1, limitSeconds: 0, roundId: 'r2' } });
    assert.ok(queueOf(r).round, 'the last turn of the round is under way');
    r = apply(r, 'queue.turn_ended', { turnId: 't4', speaker: 'cy', memberId: 'cy', name: 'Cy', kind: 'round', meetingId: null,
      startedAt: 1, millis: 5, spokenMillis: 5, turns: 1, balance: null });
    assert.equal(queueOf(r).round, null);
  });

  test('a new order puts every waiting entry where the server says', () => {
    let r = room();
    r = apply(r, 'queue.hand_raised', { entry: entry('h2', 'ben', 'Ben', 'new'), index: 0 });
    r = apply(r, 'queue.hand_raised', { entry: entry('h3', 'cy', 'Cy', 'new'), index: 1 });
    r = apply(r, 'queue.hand_raised', { entry: entry('h4', null, 'Gran', 'new'), index: 2 });
    r = apply(r, 'queue.reordered', { order: ['h4', 'h3', 'h2'] });
    assert.deepEqual(queueOf(r).entries.map((e) => e.name), ['Gran', 'Cy', 'Ben']);
  });

  test('settings, lock and clear', () => {
    let r = room();
    r = apply(r, 'queue.configured', { progressive: true, turnLimitSeconds: 120 });
    r = apply(r, 'queue.lock_changed', { locked: true });
    r = apply(r, 'queue.hand_raised', { entry: entry('h4', null, 'Gran', 'new'), index: 0 });
    r = apply(r, 'queue.cleared', {});
    const q = queueOf(r);
    assert.equal(q.progressive, true);
    assert.equal(q.turnLimitSeconds, 120);
    assert.equal(q.locked, true);
    assert.deepEqual(q.entries, []);
  });
});

describe('the balance figure (1 − Gini), the same values as BalanceTest', () => {
  test('known values', () => {
    assert.equal(balance([5, 5, 5, 5]), 1);
    assert.equal(balance([0, 0, 0, 7]), 0.25);
    assert.equal(balance([0, 3]), 0.5);
    assert.equal(balance([1, 2, 3, 4]), 0.75);
    assert.ok(Math.abs(balance([4, 1, 1]) - 2 / 3) < 1e-12);
    assert.equal(balance([9]), null);
    assert.equal(balance([0, 0, 0]), null);
  });

  test('the figures count the turn under way live, keep facilitators apart and leave observers out', () => {
    let r = room();
    r = apply(r, 'queue.turn_started', { turn: { turnId: 't2', entryId: 'h1', memberId: 'ana', name: 'Ana', kind: 'new', startedAt: 0, limitSeconds: 0, roundId: null } });
    r = apply(r, 'queue.turn_ended', { turnId: 't2', speaker: 'ana', memberId: 'ana', name: 'Ana', kind: 'new', meetingId: null,
      startedAt: 0, millis: 3 * MIN, spokenMillis: 3 * MIN, turns: 1, balance: null });
    r = apply(r, 'queue.turn_started', { turn: { turnId: 't4', entryId: 'h3', memberId: 'ben', name: 'Ben', kind: 'new', startedAt: 10 * MIN, limitSeconds: 0, roundId: null } });
    const state = { room: r, me: 'cy', online: new Set(['ana', 'ben', 'cy', 'obs']) };
    assert.deepEqual(presentMembers(state), ['ana', 'ben', 'cy']);
    assert.equal(liveSpeaking(r, 11 * MIN).ben.millis, MIN);
    const f = figures(state, 11 * MIN);
    assert.deepEqual(f.participants.map((p) => [p.id, p.millis, p.share]), [['ben', MIN, 1], ['cy', 0, 0]]);
    assert.equal(f.balance, 0.5);
    assert.equal(f.facilitatorShare, 0.75);
    assert.equal(figures(state, 13 * MIN).participants[0].millis, 3 * MIN, 'the live turn grows with the clock');
  });
});

describe('reasons and places', () => {
  test('progressive stack shows the minutes spoken so far; a move says who moved it', () => {
    let r = room();
    r = apply(r, 'queue.configured', { progressive: true, turnLimitSeconds: 0 });
    r = apply(r, 'queue.hand_raised', { entry: entry('h3', 'ben', 'Ben', 'new'), index: 0 });
    r = apply(r, 'queue.hand_raised', { entry: entry('h4', 'cy', 'Cy', 'process'), index: 0 });
    const state = { room: r, me: 'ben', online: new Set() };
    assert.equal(reasonFor(state, queueOf(r).entries[1]), 'new point · spoke 0 min so far');
    assert.equal(reasonFor(state, queueOf(r).entries[0]), 'a point of process goes first');
    assert.equal(mine(state).hand.place, 2);
    r = apply(r, 'queue.entry_moved', { entryId: 'h3', index: 0 });
    assert.equal(reasonFor({ ...state, room: r }, queueOf(r).entries[0]), 'moved here by Ana');
  });

  test('ordinals and clocks', () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal),
      ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
    assert.equal(clock(0), '0:00');
    assert.deepEqual([0, 4_500, 59_999, 60_000, 125 * MIN].map(minutes), ['0 min', '4 s', '59 s', '1 min', '2 h 5 min']);
    assert.equal(clock(61_999), '1:01');
    assert.equal(clock(3_600_000 + 5_000), '1:00:05');
  });
});
