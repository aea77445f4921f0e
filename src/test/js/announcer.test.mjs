import { test } from 'node:test';
import assert from 'node:assert/strict';
import { announcementFor } from '../../../webroot/js/views/announcer.js';

const state = { me: 'ben', room: { members: { ana: { name: 'Ana' }, ben: { name: 'Ben' } } } };

test('a vote opened is said to everyone, with its question', () => {
  const frame = { by: 'ana', event: { type: 'decision.proposed', proposal: { question: 'Open the shed on Saturdays?' } } };
  assert.equal(announcementFor(frame, state), 'Ana opened a vote: Open the shed on Saturdays?');
});

test('your role changed is said to you, with what it lets you do', () => {
  const frame = { by: 'ana', event: { type: 'member.role_changed', memberId: 'ben', role: 'observer' } };
  assert.equal(announcementFor(frame, state), 'Ana made you an observer: you can watch but not change the board.');
});

test("someone else's role change and other events are not said here", () => {
  assert.equal(announcementFor({ by: 'ana', event: { type: 'member.role_changed', memberId: 'ana', role: 'participant' } }, state), null);
  assert.equal(announcementFor({ by: 'ana', event: { type: 'purpose.edited' } }, state), null);
});
