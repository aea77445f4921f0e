// Small, non-blocking notices in a corner; read out by screen readers through a polite live region.

import { h } from '../dom.js';
import { icon } from '../icons.js';

const SHOW_FOR_MS = 6000;
const MAX_VISIBLE = 4;

function region() {
  let el = document.getElementById('toasts');
  if (!el) {
    el = h('div', { id: 'toasts', class: 'toasts', role: 'region', 'aria-label': 'Notifications', 'aria-live': 'polite', 'aria-relevant': 'additions', 'data-testid': 'toasts' });
    document.body.append(el);
  }
  return el;
}

/** Shows a notice; kind is 'error', 'ok' or 'info'. Returns a function that dismisses it. */
export function toast(message, { kind = 'info', timeout = SHOW_FOR_MS } = {}) {
  const container = region();
  let timer = null;
  const dismiss = () => {
    clearTimeout(timer);
    el.remove();
  };
  const text = h('p', { class: 'toast-text', text: message });
  const close = h('button', { type: 'button', class: 'btn btn-quiet btn-icon', 'aria-label': 'Dismiss', onclick: dismiss },
    icon('x', 'icon-s'));
  const el = h('div', { class: `toast toast-${kind}`, 'data-testid': 'toast', dataset: { kind } }, text, close);
  const arm = () => {
    clearTimeout(timer);
    if (timeout > 0) timer = setTimeout(dismiss, timeout);
  };
  // Hold the notice while someone is reading or about to press its button.
  el.addEventListener('mouseenter', () => clearTimeout(timer));
  el.addEventListener('mouseleave', arm);
  el.addEventListener('focusin', () => clearTimeout(timer));
  el.addEventListener('focusout', arm);
  container.append(el);
  while (container.children.length > MAX_VISIBLE) container.firstElementChild.remove();
  arm();
  return dismiss;
}

/** Codes after which the connection banner already tells the story. */
const QUIET_CODES = new Set(['closed']);

/** Tells the person a command failed: "Couldn't rename the room: only facilitators may …". */
export function commandFailed(what, err) {
  if (QUIET_CODES.has(err?.code)) return;
  const reason = String(err?.message ?? 'something went wrong').trim().replace(/[.]$/, '');
  toast(`Couldn't ${what}: ${reason}.`, { kind: 'error' });
}
