import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  apply, checkOp, compose, isNoop, normalize, transform, transformCursor,
} from '../../../../webroot/js/purpose/ot-text.js';
import { randomOp, seeded } from '../support/random.mjs';

const SMILE = '\u{1F600}'; // two UTF-16 code units

describe('ot-text apply', () => {
  test('skips keep, strings insert, {d} deletes, and the rest of the document is kept', () => {
    assert.equal(apply('hello world', [6, { d: 5 }, 'there']), 'hello there');
    assert.equal(apply('abc', ['>']), '>abc');
    assert.equal(apply('abc', [1, { d: 1 }]), 'ac');
    assert.equal(apply('', ['new']), 'new');
  });

  test('an op reaching past the end of the document is refused', () => {
    assert.throws(() => apply('abc', [4]), /past the end/);
    assert.throws(() => apply('abc', [2, { d: 2 }]), /past the end/);
  });

  test('an op that cuts a surrogate pair or inserts a lone surrogate is refused', () => {
    assert.throws(() => apply(`a${SMILE}`, [2, 'x']), /surrogate pair/);
    assert.throws(() => apply(SMILE, [{ d: 1 }]), /surrogate pair/);
    assert.throws(() => apply('a', ['\uD83D']), /lone surrogate/);
    assert.equal(apply(`a${SMILE}`, [3, 'x']), `a${SMILE}x`);
  });
});

describe('ot-text checkOp', () => {
  for (const [what, op] of [
    ['not an array', 'abc'],
    ['an empty insert', ['']],
    ['a zero skip', [0]],
    ['a negative skip', [-1]],
    ['a fractional skip', [1.5]],
    ['a zero delete', [{ d: 0 }]],
    ['an object with more than d', [{ d: 1, x: 1 }]],
    ['null', [null]],
    ['a nested array', [[1]]],
  ]) {
    test(`refuses ${what}`, () => {
      assert.throws(() => checkOp(op), /invalid text op/);
    });
  }

  test('accepts skips, inserts and deletes in any order', () => {
    assert.doesNotThrow(() => checkOp([1, 'a', { d: 2 }, 3, 'b']));
    assert.doesNotThrow(() => checkOp([]));
  });
});

describe('ot-text normalize and isNoop', () => {
  test('normalize merges neighbours of one kind and drops the trailing skip', () => {
    assert.deepEqual(normalize([1, 2, 'a', 'b', { d: 1 }, { d: 2 }, 4]), [3, 'ab', { d: 3 }]);
    assert.deepEqual(normalize([5]), []);
  });

  test('isNoop is true only for ops made of skips', () => {
    assert.equal(isNoop([]), true);
    assert.equal(isNoop([3, 4]), true);
    assert.equal(isNoop([3, 'a']), false);
    assert.equal(isNoop([{ d: 1 }]), false);
  });
});

describe('ot-text compose', () => {
  test('has the effect of the first op and then the second', () => {
    const doc = 'the quick fox';
    const first = [4, { d: 5 }, 'slow'];
    const second = [8, ' brown', 4];
    assert.equal(apply(apply(doc, first), second), 'the slow brown fox');
    assert.equal(apply(doc, compose(first, second)), 'the slow brown fox');
  });

  test('deleting text the first op inserted cancels both out', () => {
    assert.deepEqual(compose([2, 'xyz'], [2, { d: 3 }]), []);
  });

  test('matches applying both ops one after the other on seeded random ops', () => {
    const rnd = seeded(7);
    for (let i = 0; i < 300; i += 1) {
      const doc = 'abcdef'.slice(0, rnd.int(0, 6)) + (rnd.chance(0.3) ? SMILE : '');
      const a = randomOp(rnd, doc);
      const mid = apply(doc, a);
      const b = randomOp(rnd, mid);
      assert.equal(apply(doc, compose(a, b)), apply(mid, b), JSON.stringify({ doc, a, b }));
    }
  });
});

describe('ot-text transform', () => {
  test('two inserts at one place: the left one goes first on both sides', () => {
    const doc = 'ab';
    const mine = [1, 'X'];
    const theirs = [1, 'Y'];
    const left = apply(apply(doc, theirs), transform(mine, theirs, 'left'));
    const right = apply(apply(doc, mine), transform(theirs, mine, 'right'));
    assert.equal(left, 'aXYb');
    assert.equal(right, 'aXYb');
  });

  test('an insert inside text the other op deleted survives at the deletion point', () => {
    const mine = [2, 'X'];
    const theirs = [1, { d: 3 }];
    assert.equal(apply(apply('abcde', theirs), transform(mine, theirs, 'left')), 'aXe');
  });

  test('rejects a side other than left or right', () => {
    assert.throws(() => transform([1], [1], 'middle'), /side/);
  });

  test('both orders converge on seeded random concurrent ops', () => {
    const rnd = seeded(11);
    for (let i = 0; i < 300; i += 1) {
      const doc = 'abcdef'.slice(0, rnd.int(0, 6)) + (rnd.chance(0.3) ? SMILE : '');
      const a = randomOp(rnd, doc);
      const b = randomOp(rnd, doc);
      const viaB = apply(apply(doc, b), transform(a, b, 'left'));
      const viaA = apply(apply(doc, a), transform(b, a, 'right'));
      assert.equal(viaB, viaA, JSON.stringify({ doc, a, b }));
    }
  });
});

describe('ot-text transformCursor', () => {
  test('for someone else\'s op the caret keeps its place in the text', () => {
    assert.equal(transformCursor(3, [1, 'XY'], false), 5); // insert before the caret pushes it
    assert.equal(transformCursor(1, [1, 'XY'], false), 1); // insert exactly at it stays after
    assert.equal(transformCursor(3, [4, 'XY'], false), 3); // insert after it does not move it
    assert.equal(transformCursor(4, [1, { d: 2 }], false), 2); // delete before it pulls it back
    assert.equal(transformCursor(2, [1, { d: 3 }], false), 1); // inside a deletion: its start
  });

  test('for its owner\'s op the caret goes to the end of the last edit', () => {
    assert.equal(transformCursor(0, [3, 'abc', 2, { d: 1 }], true), 8);
    assert.equal(transformCursor(9, [2, 'xy'], true), 4);
  });

  test('an own op that changes nothing leaves the caret where it was', () => {
    assert.equal(transformCursor(7, [4], true), 7);
  });

  test('rejects a negative or fractional caret', () => {
    assert.throws(() => transformCursor(-1, [], false), /cursor/);
    assert.throws(() => transformCursor(1.5, [], false), /cursor/);
  });
});
