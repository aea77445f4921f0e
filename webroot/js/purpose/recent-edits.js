// The purpose edits of the last little while, by room seq, so a caret sent "as of seq 41" can be
// moved through every edit after 41 to where it belongs in the draft now.

import { transformCursor } from './ot-text.js';

const KEEP = 1000;

export class RecentEdits {
  #ops = new Map(); // seq → op (as committed)
  #knownFrom = 0; // every edit after this seq is in #ops
  #seq = 0;

  /** Forget everything: the board now has the room as of seq (a snapshot). */
  reset(seq) {
    this.#ops.clear();
    this.#knownFrom = seq;
    this.#seq = seq;
  }

  /** Records one applied event (of any type). */
  event(frame) {
    this.#seq = frame.seq;
    if (frame.event?.type !== 'purpose.edited') return;
    this.#ops.set(frame.seq, frame.event.op);
    if (this.#ops.size > KEEP) {
      const oldest = this.#ops.keys().next().value;
      this.#ops.delete(oldest);
      this.#knownFrom = oldest;
    }
  }

  get seq() {
    return this.#seq;
  }

  /**
   * Moves a position in the draft as of seq to the draft now (someone else's caret: it stays
   * before text inserted right at it). Returns null when seq is too old or not reached yet.
   */
  forward(pos, seq) {
    if (seq < this.#knownFrom || seq > this.#seq) return null;
    let p = pos;
    for (const [at, op] of this.#ops) if (at > seq) p = transformCursor(p, op, false);
    return p;
  }
}
