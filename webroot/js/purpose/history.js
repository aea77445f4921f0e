// The draft's permanent history: every purpose.edited event, oldest first (entry i is revision
// i + 1). Rebuilds the text at any revision by replaying ops from "", keeping for every character
// who inserted it and in which revision (runs of {by, rev, len}), and groups the revisions into
// readable bursts of one author.

import { apply } from './ot-text.js';

const CHECKPOINT_EVERY = 250;
const GROUP_GAP_MS = 60_000;

/** Runs after op: skipped characters keep their author, inserted ones get (by, rev), deleted go. */
function applyToRuns(runs, op, by, rev) {
  const out = [];
  const push = (run) => {
    if (run.len <= 0) return;
    const last = out[out.length - 1];
    if (last && last.by === run.by && last.rev === run.rev) last.len += run.len;
    else out.push({ ...run });
  };
  let i = 0;
  let offset = 0; // characters of runs[i] already consumed
  const take = (n, keep) => {
    while (n > 0 && i < runs.length) {
      const run = runs[i];
      const here = Math.min(n, run.len - offset);
      if (keep) push({ by: run.by, rev: run.rev, len: here });
      offset += here;
      n -= here;
      if (offset === run.len) {
        i += 1;
        offset = 0;
      }
    }
  };
  for (const c of op) {
    if (typeof c === 'number') take(c, true);
    else if (typeof c === 'string') push({ by, rev, len: c.length });
    else take(c.d, false);
  }
  if (i < runs.length) {
    if (offset > 0) push({ ...runs[i], len: runs[i].len - offset });
    else push(runs[i]);
    for (let j = i + 1; j < runs.length; j += 1) push(runs[j]);
  }
  return out;
}

export class DraftHistory {
  #entries = [];
  #checkpoints = new Map([[0, { text: '', runs: [] }]]);

  /** entries: purpose.edited event frames, oldest first. */
  constructor(entries = []) {
    for (const entry of entries) this.add(entry);
  }

  /** The latest revision known. */
  get rev() {
    return this.#entries.length;
  }

  /** Appends the next revision's event frame; ignores one it already has. Returns whether it was added. */
  add(frame) {
    const rev = frame?.event?.rev;
    if (rev !== this.#entries.length + 1) return false;
    this.#entries.push(frame);
    return true;
  }

  entry(rev) {
    return this.#entries[rev - 1] ?? null;
  }

  /** {text, runs} at revision rev (0 = empty). */
  at(rev) {
    const target = Math.max(0, Math.min(rev, this.#entries.length));
    let from = target - (target % CHECKPOINT_EVERY);
    while (!this.#checkpoints.has(from)) from -= CHECKPOINT_EVERY;
    let { text, runs } = this.#checkpoints.get(from);
    for (let r = from + 1; r <= target; r += 1) {
      const frame = this.#entries[r - 1];
      text = apply(text, frame.event.op);
      runs = applyToRuns(runs, frame.event.op, frame.by, r);
      if (r % CHECKPOINT_EVERY === 0) this.#checkpoints.set(r, { text, runs });
    }
    return { text, runs };
  }

  /**
   * Bursts of revisions by one author with less than a minute between them, newest first:
   * {by, from, to, startAt, endAt, inserted, deleted}.
   */
  groups() {
    const groups = [];
    let current = null;
    this.#entries.forEach((frame, index) => {
      const rev = index + 1;
      let inserted = 0;
      let deleted = 0;
      for (const c of frame.event.op) {
        if (typeof c === 'string') inserted += c.length;
        else if (typeof c === 'object') deleted += c.d;
      }
      if (current && current.by === frame.by && frame.at - current.endAt <= GROUP_GAP_MS) {
        current.to = rev;
        current.endAt = frame.at;
        current.inserted += inserted;
        current.deleted += deleted;
      } else {
        current = { by: frame.by, from: rev, to: rev, startAt: frame.at, endAt: frame.at, inserted, deleted };
        groups.push(current);
      }
    });
    return groups.reverse();
  }
}

/** Splits text into pieces along runs: [{text, by, rev}]. */
export function piecesOf(text, runs) {
  const pieces = [];
  let pos = 0;
  for (const run of runs) {
    pieces.push({ text: text.slice(pos, pos + run.len), by: run.by, rev: run.rev });
    pos += run.len;
  }
  if (pos < text.length) pieces.push({ text: text.slice(pos), by: null, rev: 0 });
  return pieces;
}
