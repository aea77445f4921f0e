import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  DraftClient, DraftDiverged, MAX_INSERT, cursorBefore, splitOp,
} from '../../../../webroot/js/purpose/ot-client.js';
import {
  apply, compose, isNoop, normalize, transform,
} from '../../../../webroot/js/purpose/ot-text.js';
import {
  boundaries, randomOp, randomText, seeded,
} from '../support/random.mjs';

const SMILE = '\u{1F600}';

/** A purpose.edited event frame as the server broadcasts it. */
function edited(seq, by, cid, op, rev = seq) {
  return { type: 'event', seq, at: 1000 + seq, by, event: { type: 'purpose.edited', cid, rev, op } };
}

function renamed(seq) {
  return { type: 'event', seq, at: 1000 + seq, by: 'bob', event: { type: 'room.renamed', title: `T${seq}` } };
}

function insertedLength(op) {
  return op.reduce((n, c) => n + (typeof c === 'string' ? c.length : 0), 0);
}

/** A client for "ana" that has the draft `text` at room seq `seq`. */
function clientAt(text, seq) {
  const client = new DraftClient('ana');
  client.reset(text, seq);
  return client;
}

describe('splitOp', () => {
  test('an op that fits is returned whole with no rest', () => {
    const op = [2, 'x'.repeat(MAX_INSERT), { d: 3 }];
    const [first, rest] = splitOp(op);
    assert.equal(first, op);
    assert.equal(rest, null);
  });

  test('splits a 12,000-character paste into parts under the server limit that compose back', () => {
    const doc = 'head|tail';
    const paste = randomText(seeded(1), 12_000, ['a', 'b', 'c', 'd']);
    const op = [5, { d: 4 }, paste];
    const parts = [];
    let rest = op;
    while (rest) {
      const [first, more] = splitOp(rest);
      parts.push(first);
      rest = more;
    }
    assert.equal(parts.length, 3);
    for (const part of parts) assert.ok(insertedLength(part) <= MAX_INSERT, `inserts ${insertedLength(part)}`);
    assert.equal(parts.reduce(apply, doc), apply(doc, op));
    assert.equal(apply(doc, parts.reduce(compose)), `head|${paste}`);
  });

  test('keeps skips and deletes around the cut in order', () => {
    const op = [3, 'abcdef', { d: 2 }, 'xy'];
    const [first, rest] = splitOp(op, 4);
    assert.deepEqual(first, [3, 'abcd']);
    assert.equal(apply(apply('123456', first), rest), apply('123456', op));
  });

  test('never cuts a surrogate pair: the cut moves before it', () => {
    const op = [`abc${SMILE}def`];
    const [first, rest] = splitOp(op, 4); // the 4th code unit is the pair's first half
    assert.deepEqual(first, ['abc']);
    assert.equal(apply(apply('', first), rest), `abc${SMILE}def`);
  });

  test('a pair with no room at all before it is taken whole', () => {
    const [first, rest] = splitOp([`${SMILE}x`], 1);
    assert.deepEqual(first, [SMILE]);
    assert.equal(apply(apply('', first), rest), `${SMILE}x`);
  });

  test('the first part never inserts more than the limit, even when a pair starts at its last unit', () => {
    // 4,999 letters fill all but one unit of the budget, then a skip, then an emoji.
    const op = ['a'.repeat(MAX_INSERT - 1), 3, SMILE];
    const [first, rest] = splitOp(op);
    assert.ok(insertedLength(first) <= MAX_INSERT, `first inserts ${insertedLength(first)}`);
    assert.ok(rest !== null && !isNoop(rest), `rest ${JSON.stringify(rest)} must carry the emoji`);
    assert.deepEqual(first, ['a'.repeat(MAX_INSERT - 1)]);
    assert.deepEqual(rest, [MAX_INSERT + 2, SMILE]);
    const doc = 'xyz';
    assert.equal(apply(apply(doc, first), rest), apply(doc, op));
  });

  test('a pair at the last unit of room inside a longer insert goes to the rest whole', () => {
    // one insert string: 4,999 letters, then the emoji straddling the limit, then more
    const op = [2, `${'b'.repeat(MAX_INSERT - 1)}${SMILE}c`, { d: 1 }];
    const [first, rest] = splitOp(op);
    assert.deepEqual(first, [2, 'b'.repeat(MAX_INSERT - 1)]);
    assert.deepEqual(rest, [MAX_INSERT + 1, `${SMILE}c`, { d: 1 }]);
    assert.equal(apply(apply('12345', first), rest), apply('12345', op));
  });

  test('on seeded random ops over a draft with emoji the parts compose back to the op and each fits', () => {
    const rnd = seeded(99);
    for (let i = 0; i < 300; i += 1) {
      const doc = randomText(rnd, rnd.int(0, 8), ['a', 'b', SMILE]);
      const cuts = boundaries(doc);
      const op = [];
      let at = 0;
      while (at < cuts.length - 1) {
        const to = rnd.int(at + 1, cuts.length - 1);
        op.push(rnd.chance(0.5) ? cuts[to] - cuts[at] : { d: cuts[to] - cuts[at] });
        // letters only here; inserts with emoji at the cut: 'splitOp with emoji at the limit' below
        op.push(randomText(rnd, rnd.int(1, 6), ['x', 'y', 'z']));
        at = to;
      }
      const max = rnd.int(3, 8);
      let text = doc;
      let rest = op;
      for (let guard = 0; rest && guard < 50; guard += 1) {
        const [first, more] = splitOp(rest, max);
        assert.ok(insertedLength(first) <= max, JSON.stringify({ doc, op, max, first }));
        text = apply(text, first);
        rest = more;
      }
      assert.equal(rest, null);
      assert.equal(text, apply(doc, op), JSON.stringify({ doc, op, max }));
    }
  });
});

/** Splits op with splitOp until nothing is left; checks each part and returns the parts. */
function splitAll(op, max, context) {
  const parts = [];
  let rest = op;
  for (let guard = 0; rest; guard += 1) {
    assert.ok(guard < 10_000, `no progress: ${context()}`);
    const [first, more] = splitOp(rest, max);
    assert.ok(insertedLength(first) <= max, `part inserts ${insertedLength(first)} > ${max}: ${context()}`);
    assert.ok(more === null || insertedLength(first) > 0, `part inserts nothing: ${context()}`);
    assert.ok(more === null || insertedLength(more) > 0, `rest inserts nothing: ${context()}`);
    for (const c of first) {
      if (typeof c !== 'string') continue;
      assert.ok(!isHigh(c.charCodeAt(c.length - 1)), `part ends inside a pair: ${context()}`);
      assert.ok(!isLow(c.charCodeAt(0)), `part starts inside a pair: ${context()}`);
    }
    parts.push(first);
    rest = more;
  }
  return parts;
}

function isHigh(code) {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code) {
  return code >= 0xdc00 && code <= 0xdfff;
}

describe('splitOp with emoji at the limit (seeded)', () => {
  // Inserts of letters and emoji, with skips and deletes in between, split under small limits so
  // that cuts keep landing on a pair, on the last unit of room and right after earlier inserts.
  test('every part fits, no part cuts a pair, and the parts compose back to the op', () => {
    const rnd = seeded(2024);
    let pairAtLastUnit = 0; // parts that stopped with one unit of room left before a pair
    for (let i = 0; i < 2000; i += 1) {
      const doc = randomText(rnd, rnd.int(0, 10), ['a', 'b', SMILE]);
      const alphabet = rnd.chance(0.5) ? ['x', SMILE] : ['x', 'y', SMILE, SMILE];
      const op = randomOp(rnd, doc, alphabet);
      // a long insert somewhere in most ops, so several parts are needed
      if (rnd.chance(0.7)) op.push(randomText(rnd, rnd.int(1, 12), alphabet));
      const max = rnd.int(2, 9);
      const context = () => JSON.stringify({ doc, op, max });
      const parts = splitAll(normalize(op), max, context);
      for (const part of parts.slice(0, -1)) if (insertedLength(part) === max - 1) pairAtLastUnit += 1;
      assert.equal(parts.reduce(apply, doc), apply(doc, op), context());
      assert.equal(apply(doc, parts.reduce(compose)), apply(doc, op), context());
    }
    assert.ok(pairAtLastUnit > 100, `only ${pairAtLastUnit} parts stopped before a pair at the last unit`);
  });

  test('at the server limit: a paste of emoji after inserts that leave one, two or a few units', () => {
    const rnd = seeded(5000);
    for (let i = 0; i < 60; i += 1) {
      const doc = randomText(rnd, rnd.int(0, 20), ['a', SMILE]);
      const cuts = boundaries(doc);
      const lead = MAX_INSERT - rnd.pick([1, 1, 2, 3, rnd.int(1, 50)]); // units inserted before the paste
      const op = [];
      let at = 0; // index into cuts
      let used = 0;
      while (used < lead) {
        const n = Math.min(lead - used, rnd.int(1, 3000));
        op.push('l'.repeat(n));
        used += n;
        if (at < cuts.length - 1 && rnd.chance(0.5)) {
          // a skip or delete of one or two characters of the doc between the inserts
          const to = rnd.int(at + 1, Math.min(cuts.length - 1, at + 2));
          op.push(rnd.chance(0.5) ? cuts[to] - cuts[at] : { d: cuts[to] - cuts[at] });
          at = to;
        }
      }
      op.push(randomText(rnd, rnd.int(1, 3000), [SMILE, SMILE, 'z']));
      const context = () => JSON.stringify({ doc, lead, shape: op.map((c) => (typeof c === 'string' ? c.length : c)) });
      const parts = splitAll(op, MAX_INSERT, context);
      assert.ok(parts.length >= 2, context());
      assert.equal(parts.reduce(apply, doc), apply(doc, op), context());
    }
  });

  test('a DraftClient never hands out an edit over the limit, whatever was typed', () => {
    const rnd = seeded(77);
    for (let i = 0; i < 40; i += 1) {
      const client = clientAt('abc', 0);
      // typed at the start, then pasted at the end: the buffer is [letters, 3, paste]
      client.local(['q'.repeat(MAX_INSERT - rnd.int(1, 3))]);
      client.local([client.text.length, randomText(rnd, rnd.int(1, 4000), [SMILE, 'w'])]);
      let text = 'abc';
      let seq = 0;
      for (let n = 1; client.pending; n += 1) {
        const message = client.next(`c${n}`);
        assert.ok(insertedLength(message.op) <= MAX_INSERT, `edit ${n} inserts ${insertedLength(message.op)}`);
        assert.ok(!isNoop(message.op), `edit ${n} is empty`);
        text = apply(text, message.op);
        seq += 1;
        client.event(edited(seq, 'ana', message.id, message.op));
      }
      assert.equal(text, client.text);
    }
  });
});

describe('cursorBefore', () => {
  test('maps a position after an op back to the text before it', () => {
    const op = [2, { d: 3 }, 'XYZ', 1];
    // before "abcdefgh" → after "abXYZfgh" ("cde" deleted, "XYZ" inserted)
    assert.equal(cursorBefore(op, 0), 0);
    assert.equal(cursorBefore(op, 2), 2); // just before the insert
    assert.equal(cursorBefore(op, 4), 5); // inside inserted text: its start, after the deletion
    assert.equal(cursorBefore(op, 5), 5); // end of the insert
    assert.equal(cursorBefore(op, 6), 6); // after the kept "f"
    assert.equal(cursorBefore(op, 8), 8); // past the op: carried over the untouched tail
  });

  test('the end of inserted text maps to its start even when a deletion follows it', () => {
    assert.equal(cursorBefore([2, 'XY', { d: 3 }], 4), 2);
  });
});

describe('DraftClient: one edit in flight', () => {
  test('a local edit changes the text and waits in the buffer until next()', () => {
    const client = clientAt('hello', 3);
    client.local([5, '!']);
    assert.equal(client.text, 'hello!');
    assert.equal(client.base, 'hello');
    assert.equal(client.pending, true);
    assert.deepEqual(client.next('c1'), { id: 'c1', seq: 3, op: [5, '!'] });
  });

  test('next() hands out nothing while an edit is in flight, and nothing when idle', () => {
    const client = clientAt('', 0);
    assert.equal(client.next('c0'), null);
    client.local(['a']);
    client.next('c1');
    client.local([1, 'b']);
    assert.equal(client.next('c2'), null);
    assert.equal(client.inflight.id, 'c1');
  });

  test('later local edits are composed into one buffered op sent after the ack', () => {
    const client = clientAt('', 0);
    client.local(['a']);
    client.next('c1');
    client.local([1, 'b']);
    client.local([2, 'c']);
    client.local([1, { d: 1 }, 1]);
    assert.equal(client.text, 'ac');
    client.event(edited(1, 'ana', 'c1', ['a']));
    assert.equal(client.inflight, null);
    assert.deepEqual(client.next('c2'), { id: 'c2', seq: 1, op: [1, 'c'] });
  });

  test('an empty local op is ignored', () => {
    const client = clientAt('x', 1);
    client.local([]);
    assert.equal(client.pending, false);
  });

  test('a long buffer goes out in parts under the insert limit, one after the other', () => {
    const client = clientAt('', 0);
    const paste = 'p'.repeat(2 * MAX_INSERT + 7);
    client.local([paste]);
    const sent = [];
    for (let seq = 1; client.pending; seq += 1) {
      const message = client.next(`c${seq}`);
      assert.ok(message, 'something to send while pending');
      assert.ok(insertedLength(message.op) <= MAX_INSERT);
      assert.equal(message.seq, seq - 1);
      sent.push(message);
      client.event(edited(seq, 'ana', message.id, normalize(message.op)));
    }
    assert.equal(sent.length, 3);
    assert.equal(client.base, paste);
    assert.equal(client.text, paste);
  });
});

describe('DraftClient: own edits and remote edits', () => {
  test('its own edit coming back (same by and cid) completes the edit in flight without changing the text', () => {
    const client = clientAt('ab', 4);
    client.local([2, 'c']);
    client.next('c1');
    const op = client.event(edited(5, 'ana', 'c1', [2, 'c']));
    assert.equal(op, null);
    assert.equal(client.inflight, null);
    assert.equal(client.pending, false);
    assert.equal(client.text, 'abc');
    assert.equal(client.base, 'abc');
    assert.equal(client.seq, 5);
  });

  test('an edit with its cid from another member is a remote edit', () => {
    const client = clientAt('ab', 4);
    client.local([2, 'c']);
    client.next('c1');
    const op = client.event(edited(5, 'bob', 'c1', ['X']));
    assert.deepEqual(op, ['X']);
    assert.equal(client.text, 'Xabc');
    assert.equal(client.inflight.id, 'c1');
  });

  test('an edit by the same member with another cid (another tab) is a remote edit', () => {
    const client = clientAt('ab', 4);
    client.local([2, 'c']);
    client.next('c1');
    client.event(edited(5, 'ana', 'other-tab-7', ['X']));
    assert.equal(client.text, 'Xabc');
    assert.notEqual(client.inflight, null);
  });

  test('a remote edit with nothing pending is applied as it is', () => {
    const client = clientAt('hello', 1);
    const op = client.event(edited(2, 'bob', 'b1', [5, ' you']));
    assert.deepEqual(op, [5, ' you']);
    assert.equal(client.text, 'hello you');
    assert.equal(client.base, 'hello you');
  });

  test('a remote edit is transformed over the edit in flight and the buffer', () => {
    const client = clientAt('abc', 1);
    client.local([1, 'X']); // aXbc
    client.next('c1');
    client.local([4, 'Y']); // aXbcY
    const op = client.event(edited(2, 'bob', 'b1', [{ d: 1 }, 2, 'Z'])); // server: "bcZ"
    assert.equal(client.base, 'bcZ');
    // Y and Z were both typed after "c": the local one, sent later, goes first (server: op on the left)
    assert.equal(client.text, 'XbcYZ');
    assert.equal(apply('aXbcY', op), 'XbcYZ', 'the returned op applies to the text shown before');
    // what is still to be sent now applies on top of the new base
    assert.equal(apply(client.base, client.inflight.op), 'XbcZ');
    assert.equal(apply(apply(client.base, client.inflight.op), client.buffer), 'XbcYZ');
  });

  test('at a tie the local insert stays before the remote one, as the server orders them', () => {
    const client = clientAt('ab', 1);
    client.local([1, 'L']);
    client.next('c1');
    client.event(edited(2, 'bob', 'b1', [1, 'R']));
    assert.equal(client.text, 'aLRb');
    // the server transforms the late edit with its op on the left: the same text
    assert.equal(apply('aRb', transform([1, 'L'], [1, 'R'], 'left')), client.text);
  });

  test('events of other types move seq without touching the text', () => {
    const client = clientAt('t', 1);
    client.local([1, 'u']);
    assert.equal(client.event(renamed(2)), null);
    assert.equal(client.seq, 2);
    assert.equal(client.text, 'tu');
    assert.deepEqual(client.next('c1'), { id: 'c1', seq: 2, op: [1, 'u'] });
  });

  test('resendable is the command exactly as first sent, even after remote edits moved it', () => {
    const client = clientAt('abc', 1);
    client.local([3, '!']);
    client.next('c1');
    client.event(edited(2, 'bob', 'b1', ['>>']));
    assert.deepEqual(client.inflight.op, [5, '!']);
    assert.deepEqual(client.resendable, { id: 'c1', seq: 1, op: [3, '!'] });
  });
});

describe('DraftClient: acks', () => {
  test('an ack after its event is ignored', () => {
    const client = clientAt('', 0);
    client.local(['a']);
    client.next('c1');
    client.event(edited(1, 'ana', 'c1', ['a']));
    assert.equal(client.acked('c1', 1), false);
    assert.equal(client.text, 'a');
  });

  test('an ack that overtakes its event waits for its seq', () => {
    const client = clientAt('x', 1);
    client.local([1, 'a']);
    client.next('c1');
    client.local([2, 'b']);
    assert.equal(client.acked('c1', 3), false);
    assert.notEqual(client.inflight, null, 'still in flight: its event is yet to come');
    assert.equal(client.next('c2'), null);

    // an earlier remote edit still transforms against it
    client.event(edited(2, 'bob', 'b1', ['>']));
    assert.equal(client.text, '>xab');
    assert.notEqual(client.inflight, null);

    client.event(edited(3, 'ana', 'c1', [2, 'a']));
    assert.equal(client.inflight, null);
    assert.equal(client.base, '>xa');
    assert.deepEqual(client.next('c2'), { id: 'c2', seq: 3, op: [3, 'b'] });
  });

  test('an ack for a seq the board has reached without the event means the edit came to nothing', () => {
    const client = clientAt('abc', 1);
    client.local([1, { d: 1 }]);
    client.next('c1');
    client.event(edited(2, 'bob', 'b1', [1, { d: 1 }])); // bob deleted the same letter
    assert.deepEqual(normalize(client.inflight.op), []);
    assert.equal(client.acked('c1', 2), true);
    assert.equal(client.inflight, null);
    assert.equal(client.text, 'ac');
  });

  test('an overtaking ack of an edit that came to nothing clears once the board reaches its seq', () => {
    const client = clientAt('abc', 1);
    client.local([1, { d: 1 }]);
    client.next('c1');
    assert.equal(client.acked('c1', 3), false);
    client.event(edited(2, 'bob', 'b1', [1, { d: 1 }]));
    assert.notEqual(client.inflight, null, 'seq 2 is before the ack');
    client.event(renamed(3));
    assert.equal(client.inflight, null);
    assert.equal(client.pending, false);
  });

  test('an ack for another command id changes nothing', () => {
    const client = clientAt('', 0);
    client.local(['a']);
    client.next('c1');
    assert.equal(client.acked('zz', 0), false);
    assert.equal(client.inflight.id, 'c1');
  });

  test('a refusal drops the edit in flight and the buffer and returns what was shown', () => {
    const client = clientAt('base', 2);
    client.local([4, '1']);
    client.next('c1');
    client.local([5, '2']);
    assert.equal(client.refused('other'), null);
    assert.deepEqual(client.refused('c1'), { text: 'base', lost: 'base12' });
    assert.equal(client.text, 'base');
    assert.equal(client.pending, false);
  });
});

describe('DraftClient: snapshots', () => {
  test('with nothing pending a snapshot replaces the text and loses nothing', () => {
    const client = clientAt('old', 1);
    assert.equal(client.reset('new', 9), null);
    assert.equal(client.text, 'new');
    assert.equal(client.base, 'new');
    assert.equal(client.seq, 9);
  });

  test('a snapshot showing the draft as this board knew it keeps the pending edits', () => {
    const client = clientAt('abc', 1);
    client.local([3, 'd']);
    client.next('c1');
    client.local([4, 'e']);
    assert.equal(client.reset('abc', 5), null);
    assert.equal(client.text, 'abcde');
    assert.equal(client.seq, 5);
    assert.deepEqual(client.resendable, { id: 'c1', seq: 1, op: [3, 'd'] });
  });

  test('a snapshot that already has the edit in flight keeps the buffer and drops the flight', () => {
    const client = clientAt('abc', 1);
    client.local([3, 'd']);
    client.next('c1');
    client.local([4, 'e']);
    assert.equal(client.reset('abcd', 2), null);
    assert.equal(client.inflight, null);
    assert.equal(client.base, 'abcd');
    assert.equal(client.text, 'abcde');
    assert.deepEqual(client.next('c2'), { id: 'c2', seq: 2, op: [4, 'e'] });
  });

  test('a snapshot that moved on otherwise drops the pending edits and returns the local text', () => {
    const client = clientAt('abc', 1);
    client.local([3, 'd']);
    client.next('c1');
    assert.equal(client.reset('xyz', 4), 'abcd');
    assert.equal(client.text, 'xyz');
    assert.equal(client.pending, false);
  });

  test('dropped pending edits whose text the snapshot shows anyway are not reported lost', () => {
    const client = clientAt('abc', 1);
    client.local([3, 'd']); // buffered, never sent; someone else typed the same "d"
    assert.equal(client.reset('abcd', 2), null);
    assert.equal(client.pending, false);
    assert.equal(client.text, 'abcd');
  });

  test('an ack older than the snapshot that did not show its edit means the draft diverged', () => {
    const client = clientAt('abc', 1);
    client.local([3, 'd']);
    client.next('c1');
    client.reset('abc', 6); // the edit landed at 2 and was undone by 6, or never landed
    assert.throws(() => client.acked('c1', 2), (err) => err instanceof DraftDiverged && err.text === 'abcd');
  });

  test('the re-sent edit landing after the snapshot completes normally', () => {
    const client = clientAt('abc', 1);
    client.local([3, 'd']);
    client.next('c1');
    client.reset('abc', 6);
    assert.equal(client.acked('c1', 7), false);
    client.event(edited(7, 'ana', 'c1', [3, 'd']));
    assert.equal(client.pending, false);
    assert.equal(client.base, 'abcd');
  });
});

describe('DraftClient: carets', () => {
  test('toServer maps a local position through the buffer and the edit in flight', () => {
    const client = clientAt('hello world', 1);
    client.local([5, ',']); // hello, world
    client.next('c1');
    client.local([{ d: 1 }, 'J']); // Jello, world
    assert.equal(client.text, 'Jello, world');
    assert.equal(client.toServer(12), 11); // end of text
    assert.equal(client.toServer(7), 6); // before "w"
    assert.equal(client.toServer(6), 5); // the pending comma maps to where it goes
  });

  test('toServer undoes the buffer before the edit in flight', () => {
    const client = clientAt('abcd', 1);
    client.local([2, 'INFL']); // abINFLcd
    client.next('c1');
    client.local([8, '!']); // abINFLcd!
    assert.equal(client.toServer(9), 4, 'the end of the local text is the end of the server\'s draft');
    assert.equal(client.toServer(7), 3, 'between c and d');
  });

  test('fromServer maps a server position onto the local text', () => {
    const client = clientAt('hello world', 1);
    client.local([5, ',']);
    client.next('c1');
    client.local(['>> ']);
    assert.equal(client.text, '>> hello, world');
    assert.equal(client.fromServer(6), 10); // "w" in the server's draft
    assert.equal(client.fromServer(0), 0); // before the local insert at 0 stays before it
    assert.equal(client.fromServer(11), 15);
  });

  test('without pending edits positions are the same on both sides', () => {
    const client = clientAt('abc', 1);
    assert.equal(client.toServer(2), 2);
    assert.equal(client.fromServer(2), 2);
    assert.equal(client.fromServer(10), 3, 'clamped to the text');
  });
});

// A small model of the server's purpose.edit rule (PurposeRules#edit): the submitted op is
// transformed over every edit since its seq with the op on the left; an op that comes to nothing
// makes no event and is acked at the current seq. Acks and events travel separately, so an ack
// may overtake its event.
describe('DraftClient against a model server', () => {
  function simulate(seed) {
    const rnd = seeded(seed);
    const server = { text: 'shared', seq: 1, log: [] };
    const names = ['ana', 'bob', 'cy'];
    const boards = names.map((me) => {
      const client = new DraftClient(me);
      client.reset(server.text, server.seq);
      return { me, client, events: [], acks: [], nextId: 1 };
    });
    const commands = [];
    const seen = { concurrent: 0, empty: 0, overtaking: 0 };

    function commit(board, message) {
      let op = message.op;
      const since = server.log.filter((entry) => entry.seq > message.seq);
      if (since.length) seen.concurrent += 1;
      for (const entry of since) op = transform(op, entry.op, 'left');
      server.text = apply(server.text, op);
      if (isNoop(op)) {
        seen.empty += 1;
        board.acks.push({ id: message.id, seq: server.seq });
        return;
      }
      server.seq += 1;
      const frame = edited(server.seq, board.me, message.id, normalize(op));
      server.log.push({ seq: server.seq, op: normalize(op) });
      for (const b of boards) b.events.push(frame);
      board.acks.push({ id: message.id, seq: server.seq });
    }

    function send(board) {
      const message = board.client.next(`${board.me}-${board.nextId}`);
      if (message) {
        board.nextId += 1;
        commands.push({ board, message });
      }
    }

    for (let step = 0; step < 500; step += 1) {
      const board = rnd.pick(boards);
      const r = rnd.next();
      if (r < 0.35) {
        const { text } = board.client;
        const from = rnd.int(0, text.length);
        const to = rnd.chance(0.4) ? rnd.int(from, Math.min(text.length, from + 3)) : from;
        const insert = rnd.chance(0.7) ? randomText(rnd, rnd.int(1, 3), ['a', 'b']) : '';
        const op = [];
        if (from > 0) op.push(from);
        if (to > from) op.push({ d: to - from });
        if (insert) op.push(insert);
        if (op.length && (to > from || insert)) board.client.local(op);
        send(board);
      } else if (r < 0.55 && commands.length) {
        const { board: author, message } = commands.shift();
        commit(author, message);
      } else if (r < 0.62) {
        server.seq += 1; // someone renames the room
        for (const b of boards) b.events.push(renamed(server.seq));
      } else if (r < 0.85 && board.events.length) {
        board.client.event(board.events.shift());
        send(board);
      } else if (board.acks.length) {
        const ack = board.acks.shift();
        if (ack.seq > board.client.seq) seen.overtaking += 1;
        board.client.acked(ack.id, ack.seq);
        send(board);
      }
    }
    // let everything settle
    for (let round = 0; round < 1000; round += 1) {
      while (commands.length) {
        const { board, message } = commands.shift();
        commit(board, message);
      }
      let moved = false;
      for (const board of boards) {
        if (board.acks.length && rnd.chance(0.5)) {
          const ack = board.acks.shift();
          board.client.acked(ack.id, ack.seq);
          moved = true;
        } else if (board.events.length) {
          board.client.event(board.events.shift());
          moved = true;
        } else if (board.acks.length) {
          const ack = board.acks.shift();
          board.client.acked(ack.id, ack.seq);
          moved = true;
        }
        send(board);
      }
      if (!moved && !commands.length) break;
    }
    return { server, boards, seen };
  }

  const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
  const runs = new Map(SEEDS.map((seed) => [seed, simulate(seed)]));

  for (const seed of SEEDS) {
    test(`every board converges on the server's draft (seed ${seed})`, () => {
      const { server, boards } = runs.get(seed);
      assert.ok(server.log.length >= 8, `only ${server.log.length} edits were committed`);
      for (const { me, client } of boards) {
        assert.equal(client.pending, false, `${me} still has edits pending`);
        assert.equal(client.seq, server.seq, `${me} seq`);
        assert.equal(client.base, server.text, `${me} base`);
        assert.equal(client.text, server.text, `${me} text`);
      }
    });
  }

  test('the model runs include concurrent edits, overtaking acks and edits that came to nothing', () => {
    const total = { concurrent: 0, empty: 0, overtaking: 0 };
    for (const { seen } of runs.values()) for (const key of Object.keys(total)) total[key] += seen[key];
    assert.ok(total.concurrent > 50, JSON.stringify(total));
    assert.ok(total.overtaking > 50, JSON.stringify(total));
    assert.ok(total.empty > 0, JSON.stringify(total));
  });
});
