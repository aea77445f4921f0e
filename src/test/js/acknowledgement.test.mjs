// The board's acknowledgement reducers (a mirror of AcknowledgementRules#apply) and the "Your part" selectors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { acknowledgementEvents, acknowledgementOf } from '../../../webroot/js/acknowledgement/events.js';
import { myDrafts, sharedWithAuthors } from '../../../webroot/js/acknowledgement/selectors.js';

const members = {
  ana: { id: 'ana', name: 'Ana', role: 'facilitator', joinedAt: 1 },
  ben: { id: 'ben', name: 'Ben', role: 'participant', joinedAt: 2 },
};

let seq = 10;
const frame = (by, event) => ({ type: 'event', seq: ++seq, at: 1000 + seq, by, event });

function apply(room, frames) {
  let r = room;
  for (const f of frames) r = { ...acknowledgementEvents[f.event.type](r, f.event, f), seq: f.seq };
  return r;
}

describe('acknowledgements on the board', () => {
  test('my draft is mine; another member\'s draft arrives empty and changes nothing', () => {
    const room = { id: 'r', seq: 10, members };
    const mineFirst = frame('ben', { type: 'acknowledgement.drafted', acknowledgementId: `a${seq + 1}`, text: 'I held back' });
    const theirs = frame('ana', { type: 'acknowledgement.drafted', acknowledgementId: null, text: null });
    const after = apply(room, [mineFirst, theirs]);
    assert.deepEqual(myDrafts(after, 'ben').map((a) => a.text), ['I held back']);
    assert.equal(acknowledgementOf(after).items.length, 1);
    assert.deepEqual(sharedWithAuthors(after, 'ben'), []);
    assert.deepEqual(acknowledgementOf(after).items[0].draftSeqs, [mineFirst.seq]);
  });

  test('sharing moves it to the end with its author; a public edit and a withdrawal reach everyone', () => {
    const room = { id: 'r', seq: seq, members };
    const older = frame('ana', { type: 'acknowledgement.shared', acknowledgementId: 'a1', text: 'I decided alone' });
    const draft = frame('ben', { type: 'acknowledgement.drafted', acknowledgementId: 'a2', text: 'Draft' });
    const edit = frame('ben', { type: 'acknowledgement.edited', acknowledgementId: 'a2', text: 'Draft, reworded', shared: false });
    const share = frame('ben', { type: 'acknowledgement.shared', acknowledgementId: 'a2', text: 'Draft, reworded' });
    let r = apply(room, [draft, older, edit, share]);
    const shared = sharedWithAuthors(r, 'ben');
    assert.deepEqual(shared.map((a) => [a.authorName, a.text, a.mine]), [['Ana', 'I decided alone', false], ['Ben', 'Draft, reworded', true]]);
    assert.equal(myDrafts(r, 'ben').length, 0);
    assert.deepEqual(acknowledgementOf(r).items[1].draftSeqs, []);
    r = apply(r, [frame('ben', { type: 'acknowledgement.edited', acknowledgementId: 'a2', text: 'Final', shared: true })]);
    assert.equal(sharedWithAuthors(r, 'ana')[1].text, 'Final');
    r = apply(r, [frame('ben', { type: 'acknowledgement.withdrawn', acknowledgementId: 'a2', shared: true })]);
    assert.deepEqual(sharedWithAuthors(r, 'ana').map((a) => a.id), ['a1']);
  });

  test('a redacted edit or withdrawal of someone\'s draft is a no-op', () => {
    const room = apply({ id: 'r', seq, members }, [frame('ana', { type: 'acknowledgement.shared', acknowledgementId: 'a1', text: 'x' })]);
    const after = apply(room, [
      frame('ben', { type: 'acknowledgement.edited', acknowledgementId: null, text: null, shared: false }),
      frame('ben', { type: 'acknowledgement.withdrawn', acknowledgementId: null, shared: false }),
    ]);
    assert.deepEqual(acknowledgementOf(after), acknowledgementOf(room));
  });

  test('a removed author still shows by name, a vanished one as a former member', () => {
    const room = apply({ id: 'r', seq, members }, [frame('zed', { type: 'acknowledgement.shared', acknowledgementId: 'a9', text: 'x' })]);
    assert.equal(sharedWithAuthors(room, 'ana')[0].authorName, 'A former member');
  });
});
