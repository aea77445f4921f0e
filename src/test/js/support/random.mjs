// A seeded PRNG (mulberry32), so property-style tests pick the same cases on every run.

export function seeded(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** A whole number in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** A string of n "characters" from alphabet (whole entries, so emoji stay whole). */
export function randomText(rnd, n, alphabet = ['a', 'b', 'c']) {
  let s = '';
  for (let i = 0; i < n; i += 1) s += rnd.pick(alphabet);
  return s;
}

/** Positions in s that do not fall inside a surrogate pair. */
export function boundaries(s) {
  const out = [0];
  for (let i = 0; i < s.length; i += 1) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) i += 1;
    out.push(i + 1);
  }
  return out;
}

/** A random valid op against doc: skips, deletes and inserts on whole characters. */
export function randomOp(rnd, doc, alphabet = ['x', 'y', 'z']) {
  const cuts = boundaries(doc);
  const op = [];
  let at = 0; // index into cuts
  while (at < cuts.length - 1 || rnd.chance(0.3)) {
    const r = rnd.next();
    if (r < 0.35 && at < cuts.length - 1) {
      const to = rnd.int(at + 1, cuts.length - 1);
      op.push(cuts[to] - cuts[at]);
      at = to;
    } else if (r < 0.6 && at < cuts.length - 1) {
      const to = rnd.int(at + 1, Math.min(cuts.length - 1, at + 3));
      op.push({ d: cuts[to] - cuts[at] });
      at = to;
    } else {
      op.push(randomText(rnd, rnd.int(1, 3), alphabet));
      if (at >= cuts.length - 1) break;
    }
  }
  return op;
}
