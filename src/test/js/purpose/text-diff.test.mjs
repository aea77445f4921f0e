import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { diffOp } from '../../../../webroot/js/purpose/text-diff.js';
import { apply } from '../../../../webroot/js/purpose/ot-text.js';
import { boundaries, randomText, seeded } from '../support/random.mjs';

const SMILE = '\u{1F600}'; // \uD83D\uDE00
const GRIN = '\u{1F603}'; // \uD83D\uDE03: same high surrogate as SMILE
const CHESS = '\u{1FA00}'; // \uD83E\uDE00: same low surrogate as SMILE

describe('diffOp', () => {
  test('equal texts give the empty op', () => {
    assert.deepEqual(diffOp('same', 'same'), []);
    assert.deepEqual(diffOp('', ''), []);
  });

  test('typing in the middle is a skip and an insert', () => {
    assert.deepEqual(diffOp('abcd', 'abXcd', 3), [2, 'X']);
  });

  test('deleting a range is a skip and a delete', () => {
    assert.deepEqual(diffOp('hello world', 'hello', 5), [5, { d: 6 }]);
    assert.deepEqual(diffOp('xhello', 'hello', 0), [{ d: 1 }]);
  });

  test('replacing a selection is a skip, a delete and an insert', () => {
    assert.deepEqual(diffOp('hello world', 'hello there', 11), [6, { d: 5 }, 'there']);
    assert.deepEqual(diffOp('ab', 'axyz', 4), [1, { d: 1 }, 'xyz']);
  });

  test('typing into a run of one letter inserts where the caret is', () => {
    // "aa" → "aaa": the new letter could be anywhere; after typing the caret sits right after it.
    assert.deepEqual(diffOp('aa', 'aaa', 1), ['a']);
    assert.deepEqual(diffOp('aa', 'aaa', 2), [1, 'a']);
    assert.deepEqual(diffOp('aa', 'aaa', 3), [2, 'a']);
  });

  test('pasting a repeat of the text before the caret inserts at the caret', () => {
    // "abab" → "ababab" with the caret at 2: "ab" was pasted at 0.
    assert.deepEqual(diffOp('abab', 'ababab', 2), ['ab']);
    assert.deepEqual(diffOp('abab', 'ababab', 4), [2, 'ab']);
  });

  test('a backspace in a run of one letter deletes at the caret', () => {
    assert.deepEqual(diffOp('aaa', 'aa', 0), [{ d: 1 }]);
    assert.deepEqual(diffOp('aaa', 'aa', 1), [1, { d: 1 }]);
    assert.deepEqual(diffOp('aaa', 'aa', 2), [2, { d: 1 }]);
  });

  test('without a usable caret the change goes after the longest common prefix', () => {
    assert.deepEqual(diffOp('aa', 'aaa'), [2, 'a']);
    assert.deepEqual(diffOp('aa', 'aaa', -1), [2, 'a']);
    assert.deepEqual(diffOp('aa', 'aaa', 4), [2, 'a']);
    assert.deepEqual(diffOp('aa', 'aaa', 1.5), [2, 'a']);
  });

  test('a common prefix that ends inside a surrogate pair stops before the pair', () => {
    const op = diffOp(`x${SMILE}`, `x${GRIN}`, 3);
    assert.deepEqual(op, [1, { d: 2 }, GRIN]);
    assert.equal(apply(`x${SMILE}`, op), `x${GRIN}`);
  });

  test('a common suffix that starts inside a surrogate pair stops after the pair', () => {
    const op = diffOp(`${SMILE}y`, `${CHESS}y`, 2);
    assert.deepEqual(op, [{ d: 2 }, CHESS]);
    assert.equal(apply(`${SMILE}y`, op), `${CHESS}y`);
  });

  test('a caret inside a surrogate pair never makes the op split it', () => {
    const before = SMILE + SMILE;
    const after = SMILE + SMILE + SMILE;
    for (let caret = 0; caret <= after.length; caret += 1) {
      const op = diffOp(before, after, caret);
      assert.equal(apply(before, op), after, `caret ${caret}: ${JSON.stringify(op)}`);
    }
  });

  test('turns any before into any after on seeded random texts, emoji included', () => {
    const rnd = seeded(2024);
    const alphabet = ['a', 'b', SMILE, GRIN, CHESS];
    for (let i = 0; i < 500; i += 1) {
      const before = randomText(rnd, rnd.int(0, 6), alphabet);
      const after = rnd.chance(0.5)
        ? randomText(rnd, rnd.int(0, 6), alphabet)
        : (() => {
          // a local edit: replace a range of whole characters
          const cuts = boundaries(before);
          const from = rnd.int(0, cuts.length - 1);
          const to = rnd.int(from, cuts.length - 1);
          return before.slice(0, cuts[from]) + randomText(rnd, rnd.int(0, 2), alphabet) + before.slice(cuts[to]);
        })();
      const caret = rnd.chance(0.2) ? undefined : rnd.int(0, after.length);
      const op = diffOp(before, after, caret);
      // apply() refuses ops that cut a pair or insert a lone surrogate, so this also proves neither happens
      assert.equal(apply(before, op), after, JSON.stringify({ before, after, caret, op }));
      assert.ok(op.length <= 3, 'one skip, one delete, one insert at most');
    }
  });
});
