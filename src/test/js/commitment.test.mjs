import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { commitmentEvents } from '../../../webroot/js/commitment/events.js';
import {
  byMember, byStatus, daysBetween, dueState, dueWords, localDay, offersTo, outsideNames, reliesOn, reviewState,
} from '../../../webroot/js/commitment/selectors.js';

/** Noon local time on a day, so the browser's time zone never moves the calendar day. */
const noon = (y, m, d) => new Date(y, m - 1, d, 12, 0, 0).getTime();

const members = {
  ana: { id: 'ana', name: 'Ana', role: 'facilitator' },
  ben: { id: 'ben', name: 'Ben', role: 'participant' },
  cy: { id: 'cy', name: 'Cy', role: 'participant' },
};

function commitment(id, ownerId, fields = {}) {
  return {
    commitmentId: id, what: `What ${id}`, ownerId, forWhom: [], withWhom: [], due: '2027-03-10', checkIn: null,
    targetId: null, status: 'open', note: null, needId: null, createdBy: ownerId, createdAt: 1, handover: null, history: [],
    ...fields,
  };
}

describe('due soon and overdue', () => {
  test('counts calendar days from the local day of the corrected clock', () => {
    assert.equal(localDay(noon(2027, 3, 10)), '2027-03-10');
    assert.equal(daysBetween('2027-02-27', '2027-03-01'), 2);
    assert.equal(daysBetween('2027-03-27', '2027-03-29'), 2, 'a daylight-saving change is still two days');
  });

  test('overdue once the due day has passed, due soon from a week before, due today on the day', () => {
    const c = commitment('c1', 'ben', { due: '2027-03-10' });
    assert.deepEqual(dueState(c, noon(2027, 3, 1)), { state: 'later', days: 9 });
    assert.deepEqual(dueState(c, noon(2027, 3, 3)), { state: 'soon', days: 7 });
    assert.deepEqual(dueState(c, noon(2027, 3, 10)), { state: 'soon', days: 0 });
    assert.deepEqual(dueState(c, noon(2027, 3, 11)), { state: 'overdue', days: -1 });
    assert.equal(dueWords(c, noon(2027, 3, 10)), 'Due today');
    assert.equal(dueWords(c, noon(2027, 3, 9)), 'Due tomorrow');
    assert.equal(dueWords(c, noon(2027, 3, 13)), 'Overdue by 3 days');
    assert.equal(dueWords(c, noon(2027, 3, 11)), 'Overdue by 1 day');
  });

  test('done and released ones are never overdue, and a claimed need without a date is not due', () => {
    assert.equal(dueState(commitment('c1', 'ben', { status: 'done', due: '2020-01-01' }), noon(2027, 3, 1)).state, 'closed');
    assert.equal(dueState(commitment('c1', 'ben', { status: 'released', note: 'x' }), noon(2027, 4, 1)).state, 'closed');
    assert.equal(dueState(commitment('c1', 'ben', { status: 'blocked', due: '2027-01-01' }), noon(2027, 3, 1)).state, 'overdue');
    const undated = commitment('c1', 'ben', { due: null });
    assert.deepEqual(dueState(undated, noon(2027, 3, 1)), { state: 'none', days: null });
    assert.equal(dueWords(undated, noon(2027, 3, 1)), 'No due date yet');
  });
});

describe('who relies on whom', () => {
  test('each member: what they do for or with others, and what others do for them', () => {
    const part = {
      needs: [],
      commitments: [
        commitment('c1', 'ben', { forWhom: [{ memberId: 'cy', name: null }, { memberId: null, name: 'City council' }] }),
        commitment('c2', 'cy', { withWhom: [{ memberId: 'ben', name: null }, { memberId: 'ana', name: null }] }),
        commitment('c3', 'ana', { forWhom: [{ memberId: 'ana', name: null }] }),
        commitment('c4', 'ben', { status: 'done', forWhom: [{ memberId: 'ana', name: null }] }),
      ],
      review: null,
    };
    const rows = reliesOn(part, members);
    assert.deepEqual(rows.map((r) => r.name), ['Ana', 'Ben', 'Cy'], 'c3 is only for its owner and c4 is done');
    const [ana, ben, cy] = rows;
    assert.deepEqual(ana.gives, []);
    assert.deepEqual(ana.gets.map((g) => [g.commitment.commitmentId, g.ownerId, g.relation]), [['c2', 'cy', 'with']]);
    assert.deepEqual(ben.gives.map((g) => g.commitment.commitmentId), ['c1']);
    assert.deepEqual(ben.gives[0].parties.map((p) => p.memberId ?? p.name), ['cy', 'City council']);
    assert.deepEqual(ben.gets.map((g) => [g.commitment.commitmentId, g.ownerId, g.relation]), [['c2', 'cy', 'with']]);
    assert.deepEqual(cy.gives.map((g) => g.commitment.commitmentId), ['c2']);
    assert.deepEqual(cy.gets.map((g) => [g.commitment.commitmentId, g.ownerId, g.relation]), [['c1', 'ben', 'for']]);
  });
});

describe('views by status and by member', () => {
  test('groups in status order, earliest due first; by owner with open ones first', () => {
    const part = {
      needs: [],
      commitments: [
        commitment('c1', 'cy', { due: '2027-05-01' }),
        commitment('c2', 'ben', { status: 'done' }),
        commitment('c3', 'cy', { due: '2027-04-01' }),
        commitment('c4', 'ben', { status: 'blocked', note: 'no key' }),
      ],
      review: null,
    };
    assert.deepEqual(byStatus(part).map((g) => [g.status, g.items.map((c) => c.commitmentId)]),
      [['open', ['c3', 'c1']], ['blocked', ['c4']], ['done', ['c2']]]);
    assert.deepEqual(byMember(part, members).map((g) => [g.name, g.open, g.items.map((c) => c.commitmentId)]),
      [['Ben', 1, ['c4', 'c2']], ['Cy', 2, ['c3', 'c1']]]);
  });
});

describe('reducers', () => {
  const frame = (seq, by, event) => ({ seq, at: 1000 + seq, by, event });
  const apply = (room, f) => commitmentEvents[f.event.type](room, f.event, f);

  test('a claim moves the need into the commitments, and every change lands in the history with who and when', () => {
    let room = { members };
    room = apply(room, frame(5, 'ana', { type: 'commitment.need_posted', need: { needId: 'n5', what: 'Hall', postedBy: 'ana', postedAt: 1005 } }));
    room = apply(room, frame(6, 'ben', { type: 'commitment.claimed', needId: 'n5', commitment: commitment('c6', 'ben', { due: null, needId: 'n5' }) }));
    assert.deepEqual(room.commitment.needs, []);
    room = apply(room, frame(7, 'ben', { type: 'commitment.handover_offered', commitmentId: 'c6', toMemberId: 'cy' }));
    assert.deepEqual(offersTo(room.commitment, 'cy').map((c) => c.commitmentId), ['c6']);
    room = apply(room, frame(8, 'cy', { type: 'commitment.handover_accepted', commitmentId: 'c6', fromMemberId: 'ben', toMemberId: 'cy' }));
    room = apply(room, frame(9, 'cy', { type: 'commitment.status_changed', commitmentId: 'c6', status: 'blocked', note: 'no key' }));
    const c = room.commitment.commitments[0];
    assert.equal(c.ownerId, 'cy');
    assert.equal(c.handover, null);
    assert.equal(c.note, 'no key');
    assert.deepEqual(c.history.map((h) => [h.change, h.by, h.at]),
      [['claimed', 'ben', 1006], ['handover_offered', 'ben', 1007], ['handover_accepted', 'cy', 1008], ['status', 'cy', 1009]]);
  });

  test('the review steps through its order and is over after the last', () => {
    let room = {
      members,
      meeting: { meeting: { id: 'm1', current: 's1' }, agenda: [{ id: 's1', kind: 'commitments_review', title: 'Review' }] },
      commitment: { needs: [], commitments: [commitment('c1', 'ben'), commitment('c2', 'cy')], review: null },
    };
    assert.ok(reviewState(room).segment, 'the current segment is the review');
    assert.equal(reviewState(room).underWay, false);
    room = apply(room, frame(10, 'ana', { type: 'commitment.review_started', review: { reviewId: 'v10', meetingId: 'm1', segmentId: 's1', order: ['c2', 'c1'], index: 0, steps: [], ended: false } }));
    assert.equal(reviewState(room).current.commitmentId, 'c2');
    assert.equal(reviewState(room).position, 1);
    const step = (id, by) => ({ type: 'commitment.reviewed', reviewId: 'v10', step: { commitmentId: id, meetingId: 'm1', by, at: 1, outcome: 'reviewed', status: 'open', note: '' } });
    room = apply(room, frame(11, 'cy', step('c2', 'cy')));
    assert.equal(reviewState(room).current.commitmentId, 'c1');
    room = apply(room, frame(12, 'ben', step('c1', 'ben')));
    assert.equal(reviewState(room).underWay, false);
    assert.equal(reviewState(room).review.ended, true);
    assert.equal(room.commitment.commitments[0].history.at(-1).change, 'reviewed');
  });
});

test('outside names are typed comma-separated', () => {
  assert.deepEqual(outsideNames(" Tenants' union, City council,, City council , "), [{ name: "Tenants' union" }, { name: 'City council' }]);
  assert.deepEqual(outsideNames(''), []);
});

describe('commands', async () => {
  const { makeWithPlan, editWithPlan } = await import('../../../webroot/js/commitment/commands.js');
  const fake = () => {
    const sent = [];
    let seq = 40;
    return { sent, send: async (type, body) => { sent.push([type, body]); seq += 1; return seq; } };
  };

  test('making one with a check-in day or target sends the plan for the new commitment after it', async () => {
    const connection = fake();
    const id = await makeWithPlan(connection, { what: 'Call', forWhom: [], withWhom: [], due: '2027-03-01', checkIn: '2027-02-20', targetId: 't3' });
    assert.equal(id, 'c41');
    assert.deepEqual(connection.sent, [
      ['commitment.make', { what: 'Call', forWhom: [], withWhom: [], due: '2027-03-01' }],
      ['commitment.plan', { commitmentId: 'c41', checkIn: '2027-02-20', targetId: 't3' }],
    ]);
    const plain = fake();
    await makeWithPlan(plain, { what: 'Call', forWhom: [], withWhom: [], due: '2027-03-01' });
    assert.equal(plain.sent.length, 1, 'no plan without a check-in day or target');
  });

  test('saving an edit plans only what changed, and clears with ""', async () => {
    const connection = fake();
    const c = commitment('c9', 'ben', { checkIn: '2027-03-01', targetId: 't3' });
    await editWithPlan(connection, c, { what: 'New', forWhom: [], withWhom: [], due: '2027-03-10', checkIn: '', targetId: 't3' });
    assert.deepEqual(connection.sent[1], ['commitment.plan', { commitmentId: 'c9', checkIn: '' }]);
    const same = fake();
    await editWithPlan(same, c, { what: 'New', forWhom: [], withWhom: [], due: '2027-03-10', checkIn: '2027-03-01', targetId: 't3' });
    assert.equal(same.sent.length, 1);
  });
});
