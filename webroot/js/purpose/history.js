// The draft's permanent history: every purpose.edited event, oldest first (entry i is revision
// i + 1). Rebuilds the text at any revision by replaying ops from "", keeping for every character
// who inserted it and in which revision (runs of {by, rev, len}), and groups the revisions into
// readable stretches of work (groupRevisions): split by pauses and by time, several authors per
// group, ending at an adopted revision, starting afresh when a meeting began.

import { apply } from './ot-text.js';

const CHECKPOINT_EVERY = 250;
/** A new group starts after this long without an edit… */
export const PAUSE_MS = 30_000;
/** …or once a group has gone on this long, so an hour of steady typing is not one line. */
export const SPAN_MS = 5 * 60_000;

/** Characters inserted and deleted by an op. */
function sizes(op) {
  let inserted = 0;
  let deleted = 0;
  for (const c of op) {
    if (typeof c === 'string') inserted += c.length;
    else if (typeof c === 'object') deleted += c.d;
  }
  return { inserted, deleted };
}

/**
 * Groups revisions (purpose.edited frames, oldest first: entry i is revision i + 1) into stretches
 * of work, newest first. A group ends after a pause of more than pauseMs, when it has gone on for
 * spanMs, at a revision that was adopted, and before the first edit after a meeting started.
 * marks: [{kind: 'adopted', rev, at?, by?} | {kind: 'meeting', at, by?}].
 * Each group: {from, to, startAt, endAt, edits, inserted, deleted, authors: [{by, edits, inserted,
 * deleted}] (most edits first), adopted: [marks of revisions in it], meeting: the meeting mark that
 * started just before it, or null}.
 */
export function groupRevisions(entries, marks = [], { pauseMs = PAUSE_MS, spanMs = SPAN_MS } = {}) {
  const adoptedAt = new Map();
  for (const m of marks) if (m.kind === 'adopted' && Number.isInteger(m.rev)) adoptedAt.set(m.rev, m);
  const meetings = marks.filter((m) => m.kind === 'meeting' && Number.isFinite(m.at)).sort((a, b) => a.at - b.at);
  const groups = [];
  let current = null;
  let prevAt = -Infinity;
  let m = 0; // the next meeting mark not yet placed
  entries.forEach((frame, index) => {
    const rev = index + 1;
    const at = frame.at;
    // A meeting that started between the previous edit and this one.
    let meeting = null;
    while (m < meetings.length && meetings[m].at <= at) {
      if (meetings[m].at > prevAt) meeting = meetings[m];
      m += 1;
    }
    const fresh = !current || meeting || current.closed || at - current.endAt > pauseMs || at - current.startAt > spanMs;
    if (fresh) {
      current = { from: rev, to: rev, startAt: at, endAt: at, edits: 0, inserted: 0, deleted: 0, authors: [], adopted: [], meeting, closed: false };
      groups.push(current);
    }
    const { inserted, deleted } = sizes(frame.event.op);
    current.to = rev;
    current.endAt = at;
    current.edits += 1;
    current.inserted += inserted;
    current.deleted += deleted;
    let author = current.authors.find((a) => a.by === frame.by);
    if (!author) {
      author = { by: frame.by, edits: 0, inserted: 0, deleted: 0 };
      current.authors.push(author);
    }
    author.edits += 1;
    author.inserted += inserted;
    author.deleted += deleted;
    if (adoptedAt.has(rev)) {
      current.adopted.push(adoptedAt.get(rev));
      current.closed = true; // the adopted text is where a group ends
    }
    prevAt = at;
  });
  for (const g of groups) {
    g.authors.sort((a, b) => b.edits - a.edits);
    delete g.closed;
  }
  return groups.reverse();
}

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

  /** The revisions grouped for reading (see groupRevisions), newest first. */
  groups(marks = [], options = {}) {
    return groupRevisions(this.#entries, marks, options);
  }

  /**
   * What revisions from..to added that is still there at `to`: the inserted text, pieces joined
   * with " … " (for a group's one-line summary).
   */
  addedIn(from, to) {
    const { text, runs } = this.at(to);
    const parts = [];
    let run = null; // the stretch of added text being collected
    for (const piece of piecesOf(text, runs)) {
      if (piece.rev >= from && piece.rev <= to) {
        run = (run ?? '') + piece.text;
      } else if (run !== null) {
        parts.push(run);
        run = null;
      }
    }
    if (run !== null) parts.push(run);
    return parts.filter((part) => part.trim()).join(' … ');
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
