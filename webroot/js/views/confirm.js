// An inline confirmation of a risky action: a question with the risky "yes" and the safe "no".
// It opens with focus on the safe choice (a stray Enter or Space must not remove anything), and
// Escape answers "no", like the member list's questions. Used by every panel that asks before
// removing something (targets, agenda segments, …).

import { h } from '../dom.js';

/**
 * Returns the question's element. testid: `<testid>-confirm` on yes, `<testid>-cancel` on no,
 * `<testid>-confirmation` on the group. onNo is called for "no" and for Escape; it should put the
 * row back and focus the control that asked. The safe choice takes focus as soon as the element
 * is in the page (or call element.focusSafe() yourself).
 */
export function inlineConfirm({ testid, label, question, yes, yesClass = 'btn-danger', no = 'Cancel', onYes, onNo, before = null }) {
  const yesButton = h('button', { type: 'button', class: `btn btn-small ${yesClass}`, 'data-testid': `${testid}-confirm` }, yes);
  const noButton = h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': `${testid}-cancel`, onclick: () => onNo() },
    no);
  let answered = false;
  yesButton.addEventListener('click', async () => {
    if (answered) return;
    answered = true;
    yesButton.setAttribute('aria-busy', 'true');
    try {
      await onYes();
    } finally {
      answered = false;
      yesButton.removeAttribute('aria-busy');
    }
  });
  const box = h('div', { class: 'confirm inline-confirm', role: 'group', 'aria-label': label, 'data-testid': `${testid}-confirmation` },
    before, h('p', { class: 'hint', text: question }), h('div', { class: 'confirm-buttons' }, yesButton, noButton));
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onNo();
    }
  });
  box.focusSafe = () => noButton.focus();
  queueMicrotask(() => {
    if (box.isConnected && !box.contains(document.activeElement)) noButton.focus();
  });
  return box;
}
