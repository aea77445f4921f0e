// The adopted purpose, kept apart from the working draft: its text, revision, when and by whom.
// Facilitators adopt the current draft once the group consents; the view says when the draft
// has moved on since.

import { h, keepFocus } from '../../dom.js';
import { icon } from '../../icons.js';
import { isFacilitator } from '../../membership/selectors.js';
import { adopt } from '../../purpose/commands.js';
import { proposeAdoption } from '../../decision/commands.js';
import { canEdit } from '../../membership/selectors.js';
import { adoption, purpose } from '../../purpose/selectors.js';
import { timeAgo } from '../../time.js';
import { commandFailed, toast } from '../toast.js';
import { inlineConfirm } from '../confirm.js';

export function mountAdoption({ store, connection, session }) {
  const body = h('div', { class: 'adopted-body' });
  const actions = h('div', { class: 'adopt-actions' });
  const element = h('section', { class: 'adoption', 'aria-labelledby': 'adoption-title', 'data-testid': 'adoption' },
    h('div', { class: 'section-head' },
      h('h3', { class: 'section-title', id: 'adoption-title' }, icon('flag', 'icon-s'), 'Adopted purpose')),
    body, actions);

  // The confirmation shows the exact text of the revision it was opened on, and adopts that
  // revision: when someone edits meanwhile, the server refuses it (conflict) instead of adopting
  // a text the facilitator did not read.
  let confirming = null; // {rev, text, box, changed} while the question is open
  let busy = false;

  function render(state) {
    const { adopted, diverged } = adoption(state);
    const p = purpose(state);
    if (adopted) {
      body.replaceChildren(
        h('blockquote', { class: 'adopted-text', 'data-testid': 'adopted-text', tabindex: '-1', text: adopted.text }),
        h('p', { class: 'adopted-meta', 'data-testid': 'adopted-meta' },
          `Revision ${adopted.rev} · adopted ${adopted.how} · `,
          timeAgo(h, adopted.at)),
        diverged
          ? h('p', { class: 'pill-note pill-warn', 'data-testid': 'draft-diverged' },
            `The working draft has changed since (now revision ${p.rev}).`)
          : h('p', { class: 'pill-note pill-ok', 'data-testid': 'draft-matches' }, icon('check', 'icon-s'), 'The working draft matches it.'));
    } else {
      body.replaceChildren(h('p', { class: 'empty-note', 'data-testid': 'adopted-none',
        text: 'Nothing adopted yet. When the group consents to a draft, a facilitator adopts it here.' }));
    }
    renderActions(state, adopted, diverged);
  }

  /** Anyone who may edit asks the group to adopt this exact revision by consent (a proposal in the Decisions panel). */
  function consentButton(p, nothing, same) {
    return h('button', {
      type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'adopt-by-consent', disabled: nothing || same,
      onclick: async () => {
        try {
          await proposeAdoption(connection, p.rev);
          toast(`Revision ${p.rev} is put to the group for consent (see Decisions).`, { kind: 'ok' });
        } catch (err) {
          commandFailed('ask the group to adopt the draft', err);
        }
      },
    }, 'Ask the group to consent');
  }

  function closeConfirm() {
    confirming = null;
    render(store.getState());
    actions.querySelector('[data-testid="adopt-button"]')?.focus();
  }

  /** The question, built once per opening so focus and the text read stay put while the draft moves on. */
  function confirmBox(rev, text) {
    const changed = h('p', { class: 'pill-note pill-warn', 'data-testid': 'adopt-changed', role: 'status', hidden: true });
    const box = inlineConfirm({
      testid: 'adopt', label: 'Confirm adoption', yesClass: 'btn-primary',
      question: `Adopt revision ${rev} as the group's purpose, exactly as it reads here? This is logged as a facilitator decision; to let the group decide, ask for consent instead.`,
      before: null,
      yes: `Adopt revision ${rev}`, no: 'Cancel',
      onYes: () => doAdopt(rev),
      onNo: closeConfirm,
    });
    box.querySelector('.hint').after(h('blockquote', { class: 'adopted-text', 'data-testid': 'adopt-exact-text', text }), changed);
    return { rev, text, box, changed };
  }

  function renderActions(state, adopted, diverged) {
    const p = purpose(state);
    const nothing = !p.text.trim();
    const same = adopted && !diverged;
    if (!isFacilitator(state)) {
      confirming = null;
      actions.replaceChildren(canEdit(state) ? consentButton(p, nothing, same) : '');
      return;
    }
    if (confirming && adopted?.rev === confirming.rev) confirming = null; // adopted (here or elsewhere)
    if (confirming) {
      const moved = p.rev !== confirming.rev;
      confirming.changed.hidden = !moved;
      confirming.changed.textContent = moved
        ? `The draft has changed since (now revision ${p.rev}): adopting revision ${confirming.rev} will be refused. Cancel and read the new text first.`
        : '';
      if (actions.firstChild !== confirming.box) actions.replaceChildren(confirming.box);
      return;
    }
    const button = h('button', {
      type: 'button', class: 'btn btn-small', 'data-testid': 'adopt-button', disabled: nothing || same,
      title: nothing ? 'Write a draft first' : same ? 'This revision is the adopted one' : null,
      onclick: () => {
        const now = purpose(store.getState());
        confirming = confirmBox(now.rev, now.text);
        render(store.getState());
        confirming?.box.focusSafe();
      },
    }, icon('flag', 'icon-s'), adopted ? 'Adopt the current draft' : 'Adopt this draft');
    actions.replaceChildren(button, consentButton(p, nothing, same));
  }

  async function doAdopt(rev) {
    if (session.pending) {
      toast('Your latest edits are still being saved. Adopt again in a moment.', { kind: 'info' });
      return;
    }
    if (busy) return;
    busy = true;
    let done = false;
    try {
      await adopt(connection, rev);
      done = true;
      toast(`Revision ${rev} is now the group's adopted purpose.`, { kind: 'ok' });
    } catch (err) {
      if (err?.code === 'conflict') {
        toast(`The draft changed after you opened the question, so revision ${rev} was not adopted. Read the new version, then adopt again.`,
          { kind: 'error', timeout: 10000 });
      } else {
        commandFailed('adopt the draft', err);
      }
    } finally {
      busy = false;
      confirming = null;
      render(store.getState());
      // Focus goes to the result: the adopted text, or back to the button after a refusal.
      const target = done ? body.querySelector('[data-testid="adopted-text"]') : actions.querySelector('[data-testid="adopt-button"]');
      target?.focus();
    }
  }

  store.subscribe((state, prev) => {
    const a = state.room?.purpose;
    const b = prev.room?.purpose;
    if (a?.adopted !== b?.adopted || a?.rev !== b?.rev || state.room?.members !== prev.room?.members
      || state.me !== prev.me) keepFocus(element, () => render(state));
  });
  render(store.getState());
  return { element };
}
