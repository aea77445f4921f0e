import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessEvents, passcodeOf } from '../../../webroot/js/access/events.js';

test('a passcode set reaches the room; a hidden one reads as "there is one"', () => {
  let room = { id: 'r1', members: {} };
  assert.equal(passcodeOf(room), null);
  room = accessEvents['access.passcode_set'](room, { passcode: 'harbour-42' });
  assert.equal(passcodeOf(room), 'harbour-42');
  room = accessEvents['access.passcode_set'](room, { passcode: null });
  assert.equal(passcodeOf(room), null);
  room = accessEvents['access.passcode_set'](room, { passcode: '' });
  assert.equal(passcodeOf(room), '', 'a participant learns only that there is one');
});

test('rotating a link keeps the passcode', () => {
  let room = accessEvents['access.passcode_set']({ members: {} }, { passcode: 'harbour-42' });
  room = accessEvents['access.rotated'](room, { link: 'room', generation: 2 });
  assert.deepEqual(room.access, { roomLink: 2, facilitatorLink: 0, passcode: 'harbour-42' });
});
