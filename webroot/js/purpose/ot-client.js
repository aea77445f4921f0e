// The board's side of purpose co-editing: the classic OT client state machine, as pure logic (no
// DOM, no socket, no timers), so it can be reasoned about and tested on its own.
//
//   text   = what this board shows: base, then the edit in flight, then the buffer
//   base   = the draft as the server has it at room event `seq`
//   inflight = the one purpose.edit sent and not yet seen back: {id, seq, sent, op}
//              (seq and sent are the command exactly as sent, for a re-send with the same id;
//               op is that edit transformed over every remote edit since, so it applies to base)
//   buffer = later local edits, composed into one op that applies after inflight
//
// The author recognises its own purpose.edited event by `by` and `cid`; every other edit is
// transformed against inflight and buffer (theirs on the right, ours on the left) and applied.

import {
  apply, compose, normalize, transform, transformCursor,
} from './ot-text.js';

/** The server refuses an edit that inserts more than this; longer local edits go out in parts. */
export const MAX_INSERT = 5000;

function insertedLength(op) {
  let n = 0;
  for (const c of op) if (typeof c === 'string') n += c.length;
  return n;
}

function isHighSurrogate(code) {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Splits op into [first, rest] with compose(first, rest) == op and first inserting at most
 * maxInsert UTF-16 units without cutting a surrogate pair; rest is null when op already fits.
 * Both parts come back normalized, and rest always inserts something. (Only with maxInsert = 1,
 * where no pair can ever fit, does a first part take a pair whole, to get anywhere at all.)
 */
export function splitOp(op, maxInsert = MAX_INSERT) {
  if (insertedLength(op) <= maxInsert) return [op, null];
  const first = [];
  const rest = [];
  let budget = maxInsert;
  let written = 0; // characters of first's output so far (skipped + inserted)
  let i = 0;
  for (; i < op.length && budget > 0; i += 1) {
    const c = op[i];
    if (typeof c === 'string') {
      if (c.length <= budget) {
        first.push(c);
        budget -= c.length;
        written += c.length;
        continue;
      }
      let cut = budget;
      if (isHighSurrogate(c.charCodeAt(cut - 1))) {
        // The last unit of room is the first half of a pair: stop before the pair, even when
        // that leaves nothing of this string in first (earlier inserts used the rest of the
        // budget). Only a first part that has inserted nothing yet takes the pair whole.
        cut = cut > 1 || budget < maxInsert ? cut - 1 : cut + 1;
      }
      if (cut > 0) {
        first.push(c.slice(0, cut));
        written += cut;
      }
      if (cut < c.length) rest.push(c.slice(cut));
      budget = 0;
      continue;
    }
    first.push(typeof c === 'number' ? c : { d: c.d });
    if (typeof c === 'number') written += c;
  }
  for (; i < op.length; i += 1) rest.push(op[i]);
  const restOp = written > 0 ? [written, ...rest] : rest;
  return [normalize(first), normalize(restOp)];
}

/** Maps a position in the text after op back to the text before it (inserted text maps to its start). */
export function cursorBefore(op, pos) {
  let before = 0;
  let after = 0;
  for (const c of op) {
    if (typeof c === 'number') {
      if (pos <= after + c) return before + (pos - after);
      before += c;
      after += c;
    } else if (typeof c === 'string') {
      if (pos <= after + c.length) return before;
      after += c.length;
    } else {
      before += c.d;
    }
  }
  return before + Math.max(0, pos - after);
}

/** This board's text can no longer be reconciled with the server's: reload, keeping `text` to show. */
export class DraftDiverged extends Error {
  constructor(text) {
    super('the draft must be reloaded');
    this.text = text;
  }
}

export class DraftClient {
  /** me: this board's member id (to recognise its own edits). */
  constructor(me = null) {
    this.me = me;
    this.base = '';
    this.text = '';
    this.seq = 0;
    this.inflight = null;
    this.buffer = null;
  }

  /** Whether any local edit has not been committed yet. */
  get pending() {
    return this.inflight !== null || this.buffer !== null;
  }

  /**
   * Starts over from a snapshot (the draft at room event seq). Pending edits survive when the
   * snapshot shows the draft as this board knew it (the edit in flight not applied yet) or with
   * just the edit in flight applied. Otherwise they are dropped, and the local text as it was is
   * returned for the caller to show, so nothing typed is silently lost; else null.
   */
  reset(text, seq) {
    if (this.pending) {
      if (text === this.base) {
        // Nothing changed meanwhile: the edit in flight (re-sent with its id) comes back after seq.
        this.seq = seq;
        if (this.inflight) this.inflight.after = seq;
        return null;
      }
      if (this.inflight && text === apply(this.base, this.inflight.op)) {
        // Our edit landed before the snapshot and nothing else did; its ack or event is moot.
        this.base = text;
        this.seq = seq;
        this.inflight = null;
        return null;
      }
    }
    const lost = this.pending && this.text !== text ? this.text : null;
    this.base = text;
    this.text = text;
    this.seq = seq;
    this.inflight = null;
    this.buffer = null;
    return lost;
  }

  /** A local edit, made against this.text. */
  local(op) {
    if (op.length === 0) return;
    this.text = apply(this.text, op);
    this.buffer = this.buffer ? compose(this.buffer, op) : op;
  }

  /**
   * The next purpose.edit to send, as {id, seq, op}, or null when one is in flight or nothing is
   * waiting. id is the command id the caller will send it with.
   */
  next(id) {
    if (this.inflight || !this.buffer) return null;
    const [first, rest] = splitOp(this.buffer);
    this.buffer = rest;
    this.inflight = { id, seq: this.seq, sent: first, op: first, ackSeq: null };
    return { id, seq: this.seq, op: first };
  }

  /**
   * Takes a room event frame the store has just applied (any type: every event moves seq).
   * Returns the op to apply to this.text for a remote edit (already applied here), else null.
   */
  event(frame) {
    this.seq = frame.seq;
    const event = frame.event;
    let local = null;
    if (event?.type === 'purpose.edited') {
      this.base = apply(this.base, event.op);
      if (this.inflight && frame.by === this.me && event.cid === this.inflight.id) {
        this.inflight = null; // our own edit came back: text already has it
      } else {
        local = this.#transformRemote(event.op);
        this.text = apply(this.text, local);
      }
    }
    // An ack that overtook its event: once the board is past it, the edit was empty.
    if (this.inflight && this.inflight.ackSeq !== null && this.inflight.ackSeq <= this.seq) this.inflight = null;
    return local;
  }

  #transformRemote(remote) {
    let theirs = remote;
    if (this.inflight) {
      const mine = this.inflight.op;
      this.inflight.op = transform(mine, theirs, 'left');
      theirs = transform(theirs, mine, 'right');
    }
    if (this.buffer) {
      const mine = this.buffer;
      this.buffer = transform(mine, theirs, 'left');
      theirs = transform(theirs, mine, 'right');
    }
    return theirs;
  }

  /**
   * The server acknowledged command id at room seq ackSeq. The edit's own event comes first; an
   * ack for the edit in flight once this board has reached ackSeq without that event means the
   * edit became empty. (An ack that overtakes its event waits for the board to reach ackSeq.)
   */
  acked(id, ackSeq) {
    if (!this.inflight || this.inflight.id !== id) return false;
    if (this.inflight.after !== undefined && ackSeq < this.inflight.after) {
      // It had been applied before a snapshot that does not show it (later undone by others):
      // this board's text holds it twice over. Only a reload can tell.
      throw new DraftDiverged(this.text);
    }
    if (!Number.isInteger(ackSeq) || ackSeq <= this.seq) {
      this.inflight = null;
      return true;
    }
    this.inflight.ackSeq = ackSeq;
    return false;
  }

  /**
   * The server refused the edit in flight: nothing of it was applied. Drops it and the buffer
   * and shows the server's draft again. Returns {text, lost} (the text shown before), or null if
   * id is not the edit in flight.
   */
  refused(id) {
    if (!this.inflight || this.inflight.id !== id) return null;
    const lost = this.text;
    this.drop();
    return { text: this.text, lost };
  }

  /** Forgets every pending edit: the text is the server's draft again. */
  drop() {
    this.inflight = null;
    this.buffer = null;
    this.text = this.base;
  }

  /** The in-flight command exactly as first sent (for a re-send with the same id), or null. */
  get resendable() {
    return this.inflight ? { id: this.inflight.id, seq: this.inflight.seq, op: this.inflight.sent } : null;
  }

  /** A position in this board's text, as a position in the server's draft at this.seq. */
  toServer(pos) {
    let p = pos;
    if (this.buffer) p = cursorBefore(this.buffer, p);
    if (this.inflight) p = cursorBefore(this.inflight.op, p);
    return p;
  }

  /** A position in the server's draft at this.seq, as a position in this board's text. */
  fromServer(pos) {
    let p = pos;
    if (this.inflight) p = transformCursor(p, this.inflight.op, false);
    if (this.buffer) p = transformCursor(p, this.buffer, false);
    return Math.min(p, this.text.length);
  }
}
