// The working draft: a textarea co-edited live. Each input becomes one op (diffed against what the
// textarea showed) for the draft session; each remote edit is applied to the textarea with the
// local selection moved through it. While an input method composes, remote edits wait and are
// transformed against the composed text when it is committed, so neither side loses a character.

import { h } from '../../dom.js';
import { icon } from '../../icons.js';
import { copyText } from '../../clipboard.js';
import { canEdit, isFacilitator } from '../../membership/selectors.js';
import { compose, transform, transformCursor } from '../../purpose/ot-text.js';
import { diffOp } from '../../purpose/text-diff.js';
import { MAX_TEXT } from '../../purpose/commands.js';
import { purpose } from '../../purpose/selectors.js';
import { toast } from '../toast.js';

const STATUS_TEXT = {
  saved: 'All changes saved',
  saving: 'Saving…',
  offline: 'Offline: your edits will be sent when the connection is back',
  reloading: 'Reloading the draft…',
};
const WARN_AT = MAX_TEXT - 1000;
const numbers = new Intl.NumberFormat();

/** Builds the editor; returns its element, the parts the carets view draws over, and text()/replaceText(). */
export function mountDraftEditor({ store, session, connection }) {
  const textarea = h('textarea', {
    id: 'purpose-draft', class: 'draft-text', 'data-testid': 'purpose-draft', rows: 6, maxlength: MAX_TEXT,
    spellcheck: 'true', autocomplete: 'off', placeholder: 'What do we want to achieve together, for whom, and by when?',
    'aria-describedby': 'purpose-draft-count purpose-draft-note',
  });
  const frame = h('div', { class: 'draft-frame' }, textarea);
  const saveState = h('span', { class: 'draft-status', 'data-testid': 'purpose-save-state', 'aria-live': 'polite' });
  const lockedNote = h('p', { class: 'draft-note', id: 'purpose-draft-note', 'data-testid': 'purpose-locked', hidden: true });
  // "Ana is locking the draft in 8 s": everyone sees the countdown of a scheduled lock.
  const lockWarning = h('p', { class: 'draft-lock-warning', 'data-testid': 'purpose-lock-warning', role: 'alert', hidden: true });
  const count = h('span', { class: 'draft-count', id: 'purpose-draft-count', 'data-testid': 'purpose-char-count' });
  const editors = h('ul', { class: 'draft-editors', 'aria-label': 'In the draft now', 'data-testid': 'draft-editors' });
  const unsent = h('div', { class: 'unsent', 'data-testid': 'unsent-notice', role: 'alert', hidden: true });

  const element = h('section', { class: 'draft', 'aria-labelledby': 'purpose-draft-label' },
    h('div', { class: 'draft-head' },
      h('label', { class: 'section-title', id: 'purpose-draft-label', for: 'purpose-draft', text: 'Working draft' }),
      saveState),
    lockedNote,
    lockWarning,
    frame,
    h('div', { class: 'draft-foot' }, editors, count),
    unsent);

  let shown = session.text; // what the textarea holds as far as the session knows
  let lag = null; // remote edits not yet in the textarea (while an input method composes)
  let composing = false;
  textarea.value = shown;

  /** Puts the session's text in the textarea, moving the selection through op (if given). */
  function show(op) {
    const { selectionStart, selectionEnd, selectionDirection } = textarea;
    const text = session.text;
    let start = selectionStart;
    let end = selectionEnd;
    if (op) {
      start = transformCursor(start, op, false);
      end = transformCursor(end, op, false);
    }
    const scroll = textarea.scrollTop;
    textarea.value = text;
    shown = text;
    textarea.setSelectionRange(Math.min(start, text.length), Math.min(end, text.length), selectionDirection);
    textarea.scrollTop = scroll;
    renderCount();
  }

  /** Turns what the person just did in the textarea into an op for the session. */
  function sync() {
    const now = textarea.value;
    if (now === shown && !lag) return;
    let op = diffOp(shown, now, textarea.selectionEnd);
    let theirs = null;
    if (lag) {
      // Both the person and others changed `shown`: mine goes after theirs, theirs into the textarea.
      theirs = transform(lag, op, 'right');
      op = transform(op, lag, 'left');
      lag = null;
    }
    try {
      session.local(op);
    } catch {
      // Not a valid edit (a lone surrogate half): put the draft back as it was.
      show(null);
      return;
    }
    shown = now;
    if (theirs && theirs.length) show(theirs);
    if (shown !== session.text) show(null);
    renderCount();
  }

  textarea.addEventListener('input', (e) => {
    if (e.isComposing || composing) return;
    sync();
  });
  textarea.addEventListener('compositionstart', () => {
    composing = true;
  });
  textarea.addEventListener('compositionend', () => {
    composing = false;
    sync();
  });

  session.on('remote', (op) => {
    if (composing) {
      lag = lag ? compose(lag, op) : op;
      return;
    }
    show(op);
  });

  session.on('reset', ({ lost }) => {
    lag = null;
    composing = false;
    show(null);
    if (lost) showUnsent(lost);
  });

  session.on('refused', (err) => {
    const reason = String(err.message ?? err.code).trim().replace(/[.]$/, '');
    toast(`Your last edit was not applied: ${reason}.`, { kind: 'error', timeout: 10000 });
  });

  session.on('status', () => renderStatus(store.getState()));

  function showUnsent(text) {
    const copyButton = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'unsent-copy' },
      icon('copy', 'icon-s'), 'Copy my text');
    const box = h('textarea', { class: 'input unsent-text', readonly: true, rows: 4, 'aria-label': 'Your text as you had it' });
    box.value = text;
    copyButton.addEventListener('click', async () => {
      const ok = await copyText(text, box);
      copyButton.lastChild.textContent = ok ? 'Copied' : 'Press Ctrl+C';
    });
    const dismiss = h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'unsent-dismiss',
      onclick: () => { unsent.hidden = true; session.clearRefusal(); textarea.focus(); } }, 'Dismiss');
    unsent.replaceChildren(
      h('p', { class: 'unsent-title' }, icon('alert', 'icon-s'), h('strong', { text: 'Some of your typing did not reach the draft.' })),
      h('p', { class: 'hint', text: 'The draft was reloaded from the server. Here is your text as you had it: copy back what you need.' }),
      box,
      h('div', { class: 'unsent-actions' }, copyButton, dismiss));
    unsent.hidden = false;
  }

  function renderCount() {
    const n = textarea.value.length;
    count.textContent = `${numbers.format(n)} / ${numbers.format(MAX_TEXT)}`;
    count.title = `${numbers.format(n)} of at most ${numbers.format(MAX_TEXT)} characters`;
    count.dataset.level = n >= MAX_TEXT ? 'full' : n >= WARN_AT ? 'near' : 'ok';
  }

  function renderStatus(state) {
    const p = purpose(state);
    const editor = canEdit(state);
    const facilitator = isFacilitator(state);
    const status = session.status;
    // Facilitators may still tidy a locked draft; nobody else types into it.
    const readOnly = !state.room || !editor || (p.locked && !facilitator) || status === 'reloading';
    textarea.readOnly = readOnly;
    frame.dataset.readonly = String(readOnly);
    let note = '';
    if (p.locked) {
      note = facilitator
        ? 'Locked: only facilitators can edit the draft now (to tidy it) until it is unlocked.'
        : 'Locked by the facilitator: nobody can edit the draft until it is unlocked.';
    } else if (state.room && !editor) note = 'You are observing: the draft is read-only for you.';
    if (lockedNote.textContent !== note) {
      lockedNote.replaceChildren(...(note ? [icon(p.locked ? 'lock' : 'eye', 'icon-s'), h('span', { text: note })] : []));
    }
    lockedNote.hidden = !note;
    lockedNote.dataset.kind = p.locked ? 'locked' : 'observer';
    // An observer saves nothing: "All changes saved" would claim work they cannot do.
    const viewOnly = state.room && !editor && status === 'saved';
    let text = !state.room ? 'Loading…' : viewOnly ? 'View only' : STATUS_TEXT[status];
    if (status === 'refused') {
      const reason = p.locked || p.lockAt ? 'the draft is locked' : String(session.refusal?.message ?? 'refused').replace(/[.]$/, '');
      text = `Not saved: ${reason}`;
    }
    if (saveState.textContent !== text) saveState.textContent = text;
    saveState.dataset.state = viewOnly ? 'view-only' : status;
    renderLockWarning(state);
  }

  let lockTimer = null;
  /** The countdown of a scheduled lock, redrawn every 250 ms on the server's clock until it takes effect. */
  function renderLockWarning(state) {
    const p = purpose(state);
    const pending = Boolean(state.room && p.lockAt && !p.locked);
    lockWarning.hidden = !pending;
    if (!pending) {
      clearInterval(lockTimer);
      lockTimer = null;
      lockWarning.replaceChildren();
      delete lockWarning.dataset.message;
      return;
    }
    const seconds = Math.max(0, Math.ceil((p.lockAt - connection.serverNow()) / 1000));
    const who = p.lockBy === state.me ? 'You are' : `${state.room.members?.[p.lockBy]?.name ?? 'A facilitator'} is`;
    // Announced once; the ticking seconds are for the eyes only (aria-hidden), not read out every second.
    const message = `${who} locking the draft`;
    if (lockWarning.dataset.message !== message) {
      lockWarning.dataset.message = message;
      lockWarning.replaceChildren(icon('lock', 'icon-s'), h('span', {}, message,
        h('span', { class: 'lock-countdown', 'aria-hidden': 'true' }),
        '. Finish your sentence: edits after that are not saved.'));
    }
    const countdown = lockWarning.querySelector('.lock-countdown');
    const left = seconds > 0 ? ` in ${seconds} s` : ' now';
    if (countdown.textContent !== left) countdown.textContent = left;
    lockWarning.dataset.seconds = String(seconds);
    if (!lockTimer) lockTimer = setInterval(() => renderLockWarning(store.getState()), 250);
  }

  store.subscribe((state, prev) => {
    if (state.room?.purpose?.locked !== prev.room?.purpose?.locked || state.room?.purpose?.lockAt !== prev.room?.purpose?.lockAt
      || state.room?.members !== prev.room?.members
      || state.me !== prev.me || (state.room === null) !== (prev.room === null)) renderStatus(state);
  });
  renderStatus(store.getState());
  renderCount();

  return {
    element, textarea, frame, editors,
    /** The text this board shows. */
    text: () => session.text,
    /** Replaces the whole draft as one local edit (history's "copy into the draft"); false if not allowed now. */
    replaceText(text) {
      if (textarea.readOnly || composing) return false;
      textarea.value = text;
      textarea.setSelectionRange(text.length, text.length);
      sync();
      return true;
    },
  };
}
