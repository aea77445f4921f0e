// The board's check-in reducers (a mirror of CheckinRules#apply) and the selectors for counts, results and the trend.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { checkinEvents, checkinOf } from '../../../webroot/js/checkin/events.js';
import {
  answeredText, distribution, eligibleCount, meanText, myAnswer, scale, trend, trendText,
} from '../../../webroot/js/checkin/selectors.js';

const members = {
  ana: { id: 'ana', name: 'Ana', role: 'facilitator', joinedAt: 1 },
  ben: { id: 'ben', name: 'Ben', role: 'participant', joinedAt: 2 },
  cai: { id: 'cai', name: 'Cai', role: 'participant', joinedAt: 3 },
  obs: { id: 'obs', name: 'Olu', role: 'observer', joinedAt: 4 },
};

let seq = 10;
const frame = (by, event) => ({ type: 'event', seq: ++seq, at: 1000 + seq, by, event });

function apply(room, frames) {
  let r = room;
  for (const f of frames) r = { ...checkinEvents[f.event.type](r, f.event, f), seq: f.seq };
  return r;
}

const pulse = (id, meetingId = null) => ({ id, meetingId, question: 'How much do you trust this group to follow through?',
  min: 1, max: 5, openedBy: 'ana', openedAt: 1, answered: 0, answers: {} });

const result = (id, meetingId, counts, mean) => ({ id, meetingId, question: 'Q', min: 1, max: 5, counts, words: [],
  answered: counts.reduce((a, b) => a + b, 0), mean, openedAt: 1, closedAt: 2 });

describe('check-ins on the board', () => {
  test('others\' answers only move the count; my own keeps its value and its seqs', () => {
    let r = apply({ id: 'r', seq, members }, [frame('ana', { type: 'checkin.opened', checkin: pulse('c1') })]);
    const mine = frame('ben', { type: 'checkin.answered', checkinId: 'c1', value: 4, word: 'steady', answered: 1 });
    r = apply(r, [mine, frame('cai', { type: 'checkin.answered', checkinId: 'c1', value: null, word: null, answered: 2 })]);
    assert.equal(checkinOf(r).open.answered, 2);
    assert.deepEqual(Object.keys(checkinOf(r).open.answers), ['ben']);
    assert.deepEqual(myAnswer(r, 'ben'), { value: 4, word: 'steady', seqs: [mine.seq] });
    assert.equal(myAnswer(r, 'cai'), null);
    assert.equal(answeredText(r), '2 of 3 answered', 'observers are not counted');
  });

  test('the close replaces the open check-in with its result; an answer to another check-in is ignored', () => {
    let r = apply({ id: 'r', seq, members }, [frame('ana', { type: 'checkin.opened', checkin: pulse('c1') })]);
    const stray = apply(r, [frame('ben', { type: 'checkin.answered', checkinId: 'c0', value: 2, word: null, answered: 1 })]);
    assert.equal(checkinOf(stray).open.answered, 0);
    r = apply(r, [frame('ana', { type: 'checkin.closed', result: result('c1', null, [0, 1, 0, 0, 1], 3.5) })]);
    assert.equal(checkinOf(r).open, null);
    assert.equal(checkinOf(r).results.length, 1);
    assert.deepEqual(distribution(checkinOf(r).results[0]).map((d) => [d.value, d.count, d.share]),
      [[1, 0, 0], [2, 1, 0.5], [3, 0, 0], [4, 0, 0], [5, 1, 0.5]]);
  });

  test('who may answer: those present in the meeting under way, else every participant and facilitator', () => {
    const room = { id: 'r', seq, members };
    assert.equal(eligibleCount(room), 3);
    const inMeeting = { ...room, meeting: { meeting: { attendance: { ana: { since: 1 }, ben: { since: null }, obs: { since: 2 } } } } };
    assert.equal(eligibleCount(inMeeting), 1);
  });

  test('the trend numbers the meetings in order and puts each mean on its own scale; in words too', () => {
    const room = { id: 'r', seq, members,
      checkin: { open: null, results: [result('c1', 'm5', [0, 0, 1, 0, 0], 3), result('c2', 'm5', [0, 0, 0, 0, 1], 5),
        result('c3', null, [0, 0, 0, 0, 0], null), result('c4', 'm9', [1, 0, 0, 0, 0], 1)] } };
    const points = trend(room);
    assert.deepEqual(points.map((p) => p.meetingLabel), ['Meeting 1', 'Meeting 1', 'Between meetings', 'Meeting 2']);
    assert.deepEqual(points.map((p) => p.level), [0.5, 1, null, 0]);
    assert.equal(trendText(points), 'Meeting 1: mean 3.00 of 5 (1 answered); Meeting 1: mean 5.00 of 5 (1 answered); '
      + 'Between meetings: no answers (0 answered); Meeting 2: mean 1.00 of 5 (1 answered)');
    assert.equal(trendText([]), 'No check-in has closed yet.');
    assert.equal(meanText(null), '–');
    assert.deepEqual(scale(0, 3), [0, 1, 2, 3]);
  });
});
