import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  EDITING_FORGET_MS, EditingPresence, changedSince, differences, editingLabel, keepMine, versionOf,
} from '../../../webroot/js/editing.js';

const KEYS = ['what', 'baseline', 'target'];

describe('edits on the same item', () => {
  test('an item changed under a form when its version is no longer the one the form opened on', () => {
    assert.equal(changedSince({ version: 7 }, { version: 7 }), false);
    assert.equal(changedSince({ version: 7 }, { version: 9 }), true);
    assert.equal(changedSince({}, { version: 0 }), false, 'items from before versions count as 0');
    assert.equal(versionOf(null), 0);
  });

  test('differences lists only the fields where mine and theirs differ, and who changed each', () => {
    const base = { what: 'Repairs answered', baseline: '40%', target: '90%' };
    const mine = { what: 'Repairs answered', baseline: '40%', target: '95%' };
    const theirs = { what: 'Repairs answered in 14 days', baseline: '40%', target: '90%' };
    assert.deepEqual(differences(KEYS, base, mine, theirs), [
      { key: 'what', base: 'Repairs answered', mine: 'Repairs answered', theirs: 'Repairs answered in 14 days', mineChanged: false, theirsChanged: true },
      { key: 'target', base: '90%', mine: '95%', theirs: '90%', mineChanged: true, theirsChanged: false },
    ]);
  });

  test('a field both changed differently is a clash; the same change on both sides is no difference', () => {
    const base = { what: 'A', target: '1' };
    const [clash] = differences(KEYS, base, { what: 'B', target: '2' }, { what: 'C', target: '2' });
    assert.equal(clash.key, 'what');
    assert.equal(clash.mineChanged && clash.theirsChanged, true);
    assert.equal(differences(KEYS, base, { what: 'B', target: '2' }, { what: 'B', target: '2' }).length, 0);
  });

  test('keep mine keeps every field I changed and takes theirs for the rest', () => {
    const base = { what: 'Repairs answered', baseline: '40%', target: '90%' };
    const mine = { what: 'Repairs answered', baseline: '40%', target: '95%' };
    const theirs = { what: 'Repairs answered in 14 days', baseline: '35%', target: '90%' };
    assert.deepEqual(keepMine(KEYS, base, mine, theirs), { what: 'Repairs answered in 14 days', baseline: '35%', target: '95%' });
  });

  test('names who is editing in words', () => {
    assert.equal(editingLabel([]), '');
    assert.equal(editingLabel(['Ben']), 'Ben is editing');
    assert.equal(editingLabel(['Ben', 'Cy']), 'Ben and Cy are editing');
    assert.equal(editingLabel(['Ben', 'Cy', 'Dee']), 'Ben, Cy and 1 other are editing');
    assert.equal(editingLabel(['Ben', 'Cy', 'Dee', 'Eli']), 'Ben, Cy and 2 others are editing');
  });
});

describe('EditingPresence', () => {
  test('follows each board: open, switch, close, gone; one member with two boards is named once', () => {
    const p = new EditingPresence();
    assert.equal(p.receive({ memberId: 'ben', conn: 'n-1', item: 'target:t5' }, 0), true);
    assert.equal(p.receive({ memberId: 'ben', conn: 'n-1', item: 'target:t5' }, 10), false, 'a repeat changes nothing');
    p.receive({ memberId: 'ben', conn: 'n-2', item: 'target:t5' }, 10);
    p.receive({ memberId: 'cy', conn: 'n-3', item: 'target:t9' }, 10);
    assert.deepEqual(p.editors('target:t5', 'ana', 20), ['ben']);
    assert.deepEqual(p.editors('target:t5', 'ben', 20), [], 'not me');
    p.receive({ memberId: 'cy', conn: 'n-3', item: 'target:t5' }, 30);
    assert.deepEqual(p.editors('target:t5', 'ana', 40), ['ben', 'cy']);
    assert.deepEqual(p.editors('target:t9', 'ana', 40), []);
    p.receive({ memberId: 'ben', conn: 'n-1', item: null }, 50);
    p.receive({ memberId: 'ben', conn: 'n-2', gone: true }, 50);
    assert.deepEqual(p.editors('target:t5', 'ana', 60), ['cy']);
  });

  test('forgets a board that stopped repeating its signal', () => {
    const p = new EditingPresence();
    p.receive({ memberId: 'ben', conn: 'n-1', item: 'target:t5' }, 0);
    assert.deepEqual(p.editors('target:t5', 'ana', EDITING_FORGET_MS + 1), []);
    assert.equal(p.expire(EDITING_FORGET_MS - 1), false);
    assert.equal(p.expire(EDITING_FORGET_MS + 1), true);
    assert.equal(p.receive({ conn: null, item: 'x' }, 0), false, 'a frame without a board is ignored');
  });
});
