import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ratingSummary } from '../../../webroot/js/purpose/selectors.js';

const rating = (memberId, score) => ({ memberId, inspiring: score, valuable: score, measurable: score, churn: 0, textLength: 40, at: 1 });

function room(roles) {
  const members = Object.fromEntries(Object.entries(roles).map(([id, role]) => [id, { id, name: id, role }]));
  return {
    me: 'ana',
    room: {
      members,
      purpose: { text: 'Fix every broken boiler on Elm Street by March.', rev: 3, churn: 0, locked: false, targets: [], adopted: null,
        ratingsHidden: false, ratings: { ana: rating('ana', 4), cy: rating('cy', 2) } },
    },
  };
}

test('a member made an observer after rating no longer counts as one who rated, nor in the bars', () => {
  const before = ratingSummary(room({ ana: 'facilitator', ben: 'participant', cy: 'participant' }));
  assert.equal(before.count, 2);
  assert.equal(before.count + before.missing.length, 3);

  const after = ratingSummary(room({ ana: 'facilitator', ben: 'participant', cy: 'observer' }));
  assert.equal(after.count, 1, '"1 of 2 have rated", not "2 of 3"');
  assert.deepEqual(after.missing.map((m) => m.id), ['ben']);
  assert.deepEqual(after.tests[0].current, [0, 0, 0, 1, 0]);
});
