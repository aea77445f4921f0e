import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { DraftHistory, PAUSE_MS, SPAN_MS, groupRevisions, piecesOf } from '../../../../webroot/js/purpose/history.js';
import { apply, normalize } from '../../../../webroot/js/purpose/ot-text.js';
import { randomOp, seeded } from '../support/random.mjs';

const MINUTE = 60_000;

/** The purpose.edited frame of revision rev. */
function entry(rev, by, op, at = rev * 1000) {
  return { type: 'event', seq: rev + 10, at, by, event: { type: 'purpose.edited', cid: `c${rev}`, rev, op } };
}

/** ana writes "hello", bob appends " world", ana turns "hello" into "help". */
function threeRevisions() {
  return [
    entry(1, 'ana', ['hello']),
    entry(2, 'bob', [5, ' world']),
    entry(3, 'ana', [3, { d: 2 }, 'p']),
  ];
}

describe('DraftHistory revisions', () => {
  test('rev is the number of revisions it holds', () => {
    assert.equal(new DraftHistory().rev, 0);
    assert.equal(new DraftHistory(threeRevisions()).rev, 3);
  });

  test('replays the ops from "" to the text at any revision', () => {
    const history = new DraftHistory(threeRevisions());
    assert.equal(history.at(0).text, '');
    assert.equal(history.at(1).text, 'hello');
    assert.equal(history.at(2).text, 'hello world');
    assert.equal(history.at(3).text, 'help world');
    assert.equal(history.at(2).text, 'hello world', 'going back after going forward');
  });

  test('a revision past the latest gives the latest, one below zero gives ""', () => {
    const history = new DraftHistory(threeRevisions());
    assert.equal(history.at(99).text, 'help world');
    assert.equal(history.at(-5).text, '');
  });

  test('add takes only the next revision and says whether it did', () => {
    const history = new DraftHistory(threeRevisions());
    assert.equal(history.add(entry(3, 'ana', ['dup'])), false, 'a revision it already has');
    assert.equal(history.add(entry(5, 'ana', ['gap'])), false, 'a revision that skips one');
    assert.equal(history.add({ type: 'event' }), false, 'a frame with no revision');
    assert.equal(history.rev, 3);
    assert.equal(history.add(entry(4, 'cy', ['! '])), true);
    assert.equal(history.rev, 4);
    assert.equal(history.at(4).text, '! help world');
  });

  test('entry(rev) is that revision\'s frame, null outside the history', () => {
    const frames = threeRevisions();
    const history = new DraftHistory(frames);
    assert.equal(history.entry(2), frames[1]);
    assert.equal(history.entry(0), null);
    assert.equal(history.entry(4), null);
  });

  test('any revision of a long history matches a plain replay, in any order of asking', () => {
    const rnd = seeded(5);
    const frames = [];
    const texts = [''];
    for (let rev = 1; rev <= 620; rev += 1) {
      // normalized, as the server sends them: no trailing skip
      const op = normalize(randomOp(rnd, texts[rev - 1], ['a', 'b', 'c', 'd']));
      frames.push(entry(rev, rnd.pick(['ana', 'bob']), op));
      texts.push(apply(texts[rev - 1], op));
    }
    const history = new DraftHistory(frames);
    for (const rev of [620, 3, 250, 251, 499, 500, 501, 249, 0, 617, 100]) {
      assert.equal(history.at(rev).text, texts[rev], `revision ${rev}`);
    }
  });

  test('runs of a long history match who inserted each character, tracked one by one', () => {
    const rnd = seeded(6);
    const frames = [];
    const authors = [[]]; // authors[rev][i]: "by@rev" of character i
    let text = '';
    for (let rev = 1; rev <= 300; rev += 1) {
      const by = rnd.pick(['ana', 'bob', 'cy']);
      const op = normalize(randomOp(rnd, text, ['a', 'b']));
      const prev = authors[rev - 1];
      const next = [];
      let i = 0;
      for (const c of op) {
        if (typeof c === 'number') {
          next.push(...prev.slice(i, i + c));
          i += c;
        } else if (typeof c === 'string') {
          next.push(...Array(c.length).fill(`${by}@${rev}`));
        } else {
          i += c.d;
        }
      }
      next.push(...prev.slice(i));
      authors.push(next);
      frames.push(entry(rev, by, op));
      text = apply(text, op);
    }
    const history = new DraftHistory(frames);
    for (const rev of [1, 77, 250, 251, 300]) {
      const { runs } = history.at(rev);
      const flat = runs.flatMap((run) => Array(run.len).fill(`${run.by}@${run.rev}`));
      assert.deepEqual(flat, authors[rev], `revision ${rev}`);
      runs.forEach((run, k) => {
        if (k > 0) assert.ok(run.by !== runs[k - 1].by || run.rev !== runs[k - 1].rev, 'neighbours merged');
      });
    }
  });
});

describe('DraftHistory authorship', () => {
  test('every character keeps who inserted it and in which revision', () => {
    const history = new DraftHistory(threeRevisions());
    assert.deepEqual(history.at(2).runs, [
      { by: 'ana', rev: 1, len: 5 },
      { by: 'bob', rev: 2, len: 6 },
    ]);
    // "hel" (ana, 1) + "p" (ana, 3) + " world" (bob, 2)
    assert.deepEqual(history.at(3).runs, [
      { by: 'ana', rev: 1, len: 3 },
      { by: 'ana', rev: 3, len: 1 },
      { by: 'bob', rev: 2, len: 6 },
    ]);
  });

  test('an insert inside a run splits it, and the run\'s tail keeps its author', () => {
    const history = new DraftHistory([entry(1, 'ana', ['hello']), entry(2, 'bob', [2, 'XY'])]);
    assert.equal(history.at(2).text, 'heXYllo');
    assert.deepEqual(history.at(2).runs, [
      { by: 'ana', rev: 1, len: 2 },
      { by: 'bob', rev: 2, len: 2 },
      { by: 'ana', rev: 1, len: 3 },
    ]);
  });

  test('deleting text removes its run entirely, and neighbouring runs of one revision merge', () => {
    const history = new DraftHistory([
      entry(1, 'ana', ['abc']),
      entry(2, 'bob', [1, 'XY', 2]),
      entry(3, 'cy', [1, { d: 2 }]),
    ]);
    assert.equal(history.at(3).text, 'abc');
    assert.deepEqual(history.at(3).runs, [{ by: 'ana', rev: 1, len: 3 }]);
  });

  test('piecesOf splits the text along the runs', () => {
    const { text, runs } = new DraftHistory(threeRevisions()).at(3);
    assert.deepEqual(piecesOf(text, runs), [
      { text: 'hel', by: 'ana', rev: 1 },
      { text: 'p', by: 'ana', rev: 3 },
      { text: ' world', by: 'bob', rev: 2 },
    ]);
  });

  test('piecesOf gives text the runs do not cover to no one', () => {
    assert.deepEqual(piecesOf('abcd', [{ by: 'ana', rev: 1, len: 2 }]), [
      { text: 'ab', by: 'ana', rev: 1 },
      { text: 'cd', by: null, rev: 0 },
    ]);
  });
});

describe('grouping revisions for reading', () => {
  const SECOND = 1000;

  /** Two people taking turns, one revision a second, each typing one character. */
  function alternating(n, startAt = 0) {
    const frames = [];
    for (let rev = 1; rev <= n; rev += 1) frames.push(entry(rev, rev % 2 ? 'ana' : 'ben', [rev - 1, 'x'], startAt + rev * SECOND));
    return frames;
  }

  test('92 revisions of two people typing together are one group with both authors, not 32 alternating "+1" groups', () => {
    const groups = groupRevisions(alternating(92));
    assert.equal(groups.length, 1);
    const [g] = groups;
    assert.deepEqual([g.from, g.to, g.edits, g.inserted, g.deleted], [1, 92, 92, 92, 0]);
    assert.deepEqual(g.authors.map((a) => [a.by, a.edits, a.inserted]), [['ana', 46, 46], ['ben', 46, 46]]);
  });

  test('authors are listed by how many edits they made', () => {
    const [g] = groupRevisions([entry(1, 'ana', ['a'], 0), entry(2, 'ben', [1, 'b'], SECOND), entry(3, 'ben', [2, 'c'], 2 * SECOND)]);
    assert.deepEqual(g.authors.map((a) => a.by), ['ben', 'ana']);
  });

  test('a pause of more than PAUSE_MS starts a new group, measured from the last revision', () => {
    const frames = [
      entry(1, 'ana', ['a'], 0),
      entry(2, 'ana', [1, 'b'], PAUSE_MS),
      entry(3, 'ben', [2, 'c'], 2 * PAUSE_MS),
      entry(4, 'ben', [3, 'd'], 3 * PAUSE_MS + 1),
    ];
    assert.deepEqual(groupRevisions(frames).map((g) => [g.from, g.to]), [[4, 4], [1, 3]], 'newest first');
  });

  test('steady typing is split once a group has gone on for SPAN_MS', () => {
    const frames = [];
    for (let rev = 1; rev <= 61; rev += 1) frames.push(entry(rev, 'ana', [rev - 1, 'x'], (rev - 1) * 10 * SECOND));
    const groups = groupRevisions(frames).reverse();
    assert.ok(groups.length >= 2, `${groups.length} groups`);
    for (const g of groups) assert.ok(g.endAt - g.startAt <= SPAN_MS, `${g.from}–${g.to} spans at most SPAN_MS`);
    assert.deepEqual([groups[0].from, groups.at(-1).to], [1, 61], 'every revision is in a group');
  });

  test('an adopted revision ends its group and is marked on it', () => {
    const adoption = { kind: 'adopted', rev: 40, at: 41 * SECOND, by: 'ana' };
    const groups = groupRevisions(alternating(92), [adoption]).reverse();
    assert.deepEqual(groups.map((g) => [g.from, g.to]), [[1, 40], [41, 92]]);
    assert.deepEqual(groups[0].adopted, [adoption]);
    assert.deepEqual(groups[1].adopted, []);
  });

  test('a meeting that started between two edits starts a new group and is shown on it', () => {
    const meeting = { kind: 'meeting', at: 30.5 * SECOND, by: 'ana' };
    const groups = groupRevisions(alternating(60), [meeting]).reverse();
    assert.deepEqual(groups.map((g) => [g.from, g.to]), [[1, 30], [31, 60]]);
    assert.equal(groups[0].meeting, null);
    assert.equal(groups[1].meeting, meeting);
    assert.deepEqual(groupRevisions(alternating(10), [{ kind: 'meeting', at: 99 * SECOND }]).length, 1, 'a meeting after the last edit splits nothing');
  });

  test('DraftHistory.groups groups its entries, and addedIn says what a group added that is still there', () => {
    const history = new DraftHistory([
      entry(1, 'ana', ['Repairs answered.'], 0),
      entry(2, 'ben', [16, ' in 14 days'], SECOND),
      entry(3, 'ben', [27, ' Tenants decide'], PAUSE_MS * 3),
    ]);
    assert.deepEqual(history.groups().map((g) => [g.from, g.to]), [[3, 3], [1, 2]]);
    assert.equal(history.addedIn(1, 2), 'Repairs answered in 14 days.');
    assert.equal(history.addedIn(3, 3), ' Tenants decide');
  });

  test('an empty history has no groups', () => {
    assert.deepEqual(new DraftHistory().groups(), []);
  });
});
