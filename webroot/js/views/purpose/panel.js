// The Purpose panel, the heart of the board: the adopted purpose, the live working draft with
// everyone's carets, the measurable targets, and beside them the three tests. Its header holds
// the draft's history and, for facilitators, the lock.

import { h } from '../../dom.js';
import { icon } from '../../icons.js';
import { isFacilitator } from '../../membership/selectors.js';
import { lock } from '../../purpose/commands.js';
import { createDraftSession } from '../../purpose/draft-session.js';
import { purpose } from '../../purpose/selectors.js';
import { startRelativeClock } from '../../time.js';
import { commandFailed } from '../toast.js';
import { EditingPresence } from '../../editing.js';
import { mountAdoption } from './adoption.js';
import { mountCarets } from './carets.js';
import { mountDraftEditor } from './editor.js';
import { mountHistory } from './history.js';
import { mountRatings } from './ratings.js';
import { mountTargets } from './targets.js';

/**
 * panel: the #panel-purpose section; slot: its [data-slot] body. Returns {onCaret(frame),
 * onEditing(frame)} for the board to route caret and editing frames to.
 */
export function mountPurpose({ store, connection, membership, panel, slot }) {
  startRelativeClock();
  const session = createDraftSession({ store, connection });
  const editor = mountDraftEditor({ store, session, connection });
  const carets = mountCarets({ store, connection, session, textarea: editor.textarea, frame: editor.frame, editors: editor.editors });
  const adoption = mountAdoption({ store, connection, session });
  // Who has which target open ("Ben is editing"), from the relayed editing frames.
  const presence = new EditingPresence();
  const targets = mountTargets({ store, connection, presence });
  setInterval(() => {
    if (presence.expire(Date.now())) targets.refresh();
  }, 5000);
  const ratings = mountRatings({ store, connection });

  const historyButton = h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'purpose-history-open' },
    icon('history', 'icon-s'), h('span', { class: 'btn-text', text: 'History' }));
  const lockButton = h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'purpose-lock-toggle' });
  const rev = h('span', { class: 'tag purpose-rev', 'data-testid': 'purpose-rev' });
  const header = panel.querySelector('.panel-header');
  header.append(h('div', { class: 'panel-actions' }, rev, historyButton, lockButton));
  mountHistory({ store, membership, editor, button: historyButton });

  adoption.element.classList.add('area-adoption');
  editor.element.classList.add('area-draft');
  targets.element.classList.add('area-targets');
  ratings.element.classList.add('area-ratings');
  slot.replaceChildren(h('div', { class: 'purpose-layout' }, adoption.element, editor.element, ratings.element, targets.element));

  // Lock: whoever is typing is warned and gets the server's grace; meanwhile the facilitator may
  // lock at once or cancel. The buttons stay enabled (aria-disabled while a command is on its way)
  // so focus never falls to the page body.
  const lockNow = h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'purpose-lock-now', hidden: true },
    icon('lock', 'icon-s'), h('span', { class: 'btn-text', text: 'Lock now' }));
  lockButton.before(lockNow);
  let locking = false;
  async function sendLock(wanted, graceSeconds, what) {
    if (locking) return;
    locking = true;
    renderHeader(store.getState());
    try {
      await lock(connection, wanted, graceSeconds);
    } catch (err) {
      commandFailed(what, err);
    } finally {
      locking = false;
      renderHeader(store.getState());
      if (document.activeElement === document.body) lockButton.focus();
    }
  }
  lockButton.addEventListener('click', () => {
    const p = purpose(store.getState());
    const wanted = !(p.locked || p.lockAt);
    sendLock(wanted, undefined, wanted ? 'lock the draft' : p.locked ? 'unlock the draft' : 'cancel the lock');
  });
  lockNow.addEventListener('click', () => sendLock(true, 0, 'lock the draft'));

  function renderHeader(state) {
    const p = purpose(state);
    const pending = Boolean(p.lockAt) && !p.locked;
    lockButton.hidden = !isFacilitator(state);
    lockNow.hidden = !isFacilitator(state) || !pending;
    for (const button of [lockButton, lockNow]) {
      if (locking) button.setAttribute('aria-disabled', 'true');
      else button.removeAttribute('aria-disabled');
    }
    lockButton.setAttribute('aria-pressed', String(p.locked || pending));
    const label = p.locked ? 'Unlock editing' : pending ? 'Cancel the lock' : 'Lock editing';
    lockButton.replaceChildren(icon(p.locked ? 'unlock' : pending ? 'x' : 'lock', 'icon-s'), h('span', { class: 'btn-text', text: label }));
    lockButton.title = p.locked ? 'Let everyone edit the draft again'
      : pending ? 'Stop the lock: everyone keeps editing'
        : 'Stop all editing of the draft, for example while the group decides (whoever is typing gets a few seconds to finish)';
    rev.textContent = state.room ? `Revision ${p.rev}` : '';
    rev.hidden = !state.room;
    panel.dataset.locked = String(p.locked);
    panel.dataset.locking = String(pending);
  }

  store.subscribe((state, prev) => {
    if (state.room?.purpose?.locked !== prev.room?.purpose?.locked || state.room?.purpose?.lockAt !== prev.room?.purpose?.lockAt
      || state.room?.purpose?.rev !== prev.room?.purpose?.rev
      || state.room?.members !== prev.room?.members || state.me !== prev.me) renderHeader(state);
  });
  renderHeader(store.getState());

  return {
    onCaret: (frame) => carets.receive(frame),
    onEditing: (frame) => {
      if (presence.receive(frame, Date.now())) targets.refresh();
    },
  };
}
