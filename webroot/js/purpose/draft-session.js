// Ties the OT client to the room: follows the store's applied events and snapshots, sends the
// edit in flight (at most one, paced so typing never trips the server's rate limit), re-sends it
// unchanged after retryable refusals, and tells the editor what to show. No DOM here.

import { CommandError } from '../connection.js';
import { DraftClient, DraftDiverged } from './ot-client.js';
import { RecentEdits } from './recent-edits.js';

/** At most one edit every this many ms: keystrokes in between are composed into one. */
const MIN_SEND_GAP_MS = 90;
/** Refusals after which the very same command may simply be sent again later. */
const RETRYABLE = new Set(['rate_limited', 'unavailable', 'internal']);
const MAX_INTERNAL_RETRIES = 3;
/** Refusals that mean this board's copy of the draft may be wrong: reload it from a snapshot. */
const RELOAD_ON = new Set(['invalid', 'conflict', 'internal']);

/**
 * Listeners (all optional, set with on(name, fn)):
 *   remote(op)           a remote edit was applied to text (op is against the previous text)
 *   reset({text, lost})  text was replaced (snapshot or refusal); lost: the text shown before, if
 *                        it held edits that did not reach the draft
 *   refused(err)         the edit in flight was refused ({code, message})
 *   status()             pending/reloading changed
 *   applied()            this board's edit in flight landed (its caret has new coordinates)
 */
export function createDraftSession({ store, connection }) {
  const client = new DraftClient(store.getState().me);
  const recent = new RecentEdits();
  const listeners = { remote: new Set(), reset: new Set(), refused: new Set(), status: new Set(), applied: new Set() };
  let lastSentAt = 0;
  let sendTimer = null;
  let retryTimer = null;
  let retries = 0;
  let reloading = false;
  let started = false;
  let lastStatus = '';
  let refusal = null; // {code, message} of the last refused edit, until one of ours lands again

  function emit(name, value) {
    for (const fn of [...listeners[name]]) fn(value);
  }

  function statusChanged() {
    const now = status();
    if (now !== lastStatus) {
      lastStatus = now;
      emit('status');
    }
  }

  function status() {
    if (reloading) return 'reloading';
    if (client.pending) return connection.live ? 'saving' : 'offline';
    // Never "All changes saved" while an edit of ours was refused and nothing of ours landed since.
    return refusal ? 'refused' : 'saved';
  }

  function flush() {
    if (reloading || client.inflight || !client.buffer) return;
    const wait = lastSentAt + MIN_SEND_GAP_MS - Date.now();
    if (wait > 0) {
      if (!sendTimer) sendTimer = setTimeout(() => {
        sendTimer = null;
        flush();
      }, wait);
      return;
    }
    const message = client.next(connection.nextId());
    if (!message) return;
    retries = 0;
    transmit(message);
  }

  function transmit({ id, seq, op }) {
    lastSentAt = Date.now();
    connection.send('purpose.edit', { seq, op }, { id }).then(
      (ackSeq) => {
        try {
          if (client.acked(id, ackSeq)) afterCommit();
        } catch (err) {
          if (!(err instanceof DraftDiverged)) throw err;
          reload(err.text);
        }
      },
      (err) => refusedWith(id, err),
    );
    statusChanged();
  }

  /** After a batch of events or an ack: ownLanded says this board's edit in flight completed. */
  function afterCommit(ownLanded = true) {
    if (ownLanded) refusal = null;
    statusChanged();
    if (ownLanded) emit('applied');
    flush();
  }

  function refusedWith(id, err) {
    const code = err instanceof CommandError ? err.code : 'internal';
    if (code === 'closed' || code === 'replaced') return;
    const again = client.resendable;
    if (!again || again.id !== id) return;
    const retryable = RETRYABLE.has(code) && (code !== 'internal' || retries < MAX_INTERNAL_RETRIES);
    if (retryable) {
      // Nothing was applied: send the very same command again (same id and seq), a little later.
      retries += 1;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (client.resendable?.id === id) transmit(again);
      }, Math.min(8000, 400 * 2 ** retries));
      return;
    }
    const result = client.refused(id);
    if (!result) return;
    refusal = { code, message: err.message || code };
    emit('refused', refusal);
    if (RELOAD_ON.has(code)) {
      reloading = true;
      connection.resync();
    }
    emit('reset', { text: result.text, lost: result.lost !== result.text ? result.lost : null });
    statusChanged();
  }

  /** Drops every pending edit and takes the server's draft afresh; lost is shown to the person. */
  function reload(lost) {
    client.drop();
    reloading = true;
    connection.resync();
    emit('reset', { text: client.text, lost });
    statusChanged();
  }

  store.onApplied((steps, state) => {
    client.me = state.me;
    let touched = false;
    let ownLanded = false;
    for (const step of steps) {
      if (step.type === 'snapshot') {
        const text = step.room.purpose?.text ?? '';
        const lost = client.reset(text, step.seq);
        recent.reset(step.seq);
        reloading = false;
        emit('reset', { text: client.text, lost });
        touched = true;
        continue;
      }
      const { frame } = step;
      recent.event(frame);
      const hadInflight = client.inflight;
      const op = client.event(frame);
      if (op) emit('remote', op);
      if (hadInflight && !client.inflight) ownLanded = true;
      if (frame.event?.type === 'purpose.edited') touched = true;
    }
    if (state.room?.purpose?.desync && !reloading) {
      reloading = true;
      connection.resync();
    }
    if (touched || ownLanded) afterCommit(ownLanded);
  });

  connection.onStatus(() => {
    if (started) statusChanged();
  });
  started = true;

  // Closing the tab with edits still on their way would lose them: ask first.
  window.addEventListener('beforeunload', (e) => {
    if (client.pending) e.preventDefault();
  });

  return {
    /** The text this board shows (the draft plus local edits not yet committed). */
    get text() {
      return client.text;
    },
    /** The room event seq the draft is known at. */
    get seq() {
      return client.seq;
    },
    get pending() {
      return client.pending;
    },
    /** 'saved' | 'saving' | 'offline' | 'reloading' | 'refused' (an edit was refused: not saved) */
    get status() {
      return status();
    },
    /** The last refusal ({code, message}) while the status is 'refused', else null. */
    get refusal() {
      return refusal;
    },
    /** The person has seen what was not saved (dismissed the notice). */
    clearRefusal() {
      refusal = null;
      statusChanged();
    },
    /** A local edit against text. */
    local(op) {
      if (op.length === 0) return;
      client.local(op);
      statusChanged();
      flush();
    },
    /** A position in text as a position in the draft at seq (for sending a caret). */
    toServer: (pos) => client.toServer(pos),
    /** A position in the draft as of room event seq, moved to this board's text now; null if unknown. */
    fromRemote(pos, seq) {
      const now = recent.forward(pos, seq);
      return now === null ? null : client.fromServer(now);
    },
    on(name, fn) {
      listeners[name].add(fn);
      return () => listeners[name].delete(fn);
    },
  };
}
