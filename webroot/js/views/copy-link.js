// A labelled, read-only link with Copy (and Share, where the browser has a share sheet): how rooms
// are shared. The link wraps instead of scrolling, so the whole of it is readable on a phone.

import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { copyText } from '../clipboard.js';

/** Whether this browser offers the system share sheet for a link (phones, some desktops). */
function canShare(url) {
  if (typeof navigator.share !== 'function') return false;
  try {
    return typeof navigator.canShare !== 'function' || navigator.canShare({ url });
  } catch {
    return false;
  }
}

/**
 * label: visible label; url: the link; note: optional hint under it; tag: optional element shown
 * beside the label; testid: data-testid of the link field; shareTitle: what the share sheet calls it.
 */
export function copyLink({ label, url, note, tag, testid, shareTitle }) {
  const inputId = uid('link');
  const noteId = note ? uid('note') : null;
  const input = h('textarea', {
    id: inputId, class: 'input input-mono link-text', readonly: true, rows: 2,
    'aria-describedby': noteId, 'data-testid': testid, spellcheck: 'false',
  });
  input.value = url;
  input.addEventListener('focus', () => input.select());
  const buttonText = h('span', { text: 'Copy' });
  const announce = h('span', { class: 'visually-hidden', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'btn', 'data-testid': testid ? `${testid}-copy` : null },
    icon('copy', 'icon-s'), buttonText, h('span', { class: 'visually-hidden', text: ` ${label.toLowerCase()}` }));
  let reset = null;

  async function copy() {
    const ok = await copyText(url, input);
    buttonText.textContent = ok ? 'Copied' : 'Press Ctrl+C';
    announce.textContent = ok ? `${label} copied to the clipboard` : 'Selected: press Control+C to copy';
    button.replaceChild(icon(ok ? 'check' : 'copy', 'icon-s'), button.firstChild);
    clearTimeout(reset);
    reset = setTimeout(() => {
      buttonText.textContent = 'Copy';
      button.replaceChild(icon('copy', 'icon-s'), button.firstChild);
      announce.textContent = '';
    }, 2000);
  }
  button.addEventListener('click', copy);

  let share = null;
  if (canShare(url)) {
    share = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': testid ? `${testid}-share` : null },
      icon('share', 'icon-s'), h('span', { text: 'Share' }), h('span', { class: 'visually-hidden', text: ` ${label.toLowerCase()}` }));
    share.addEventListener('click', async () => {
      try {
        await navigator.share({ title: shareTitle ?? label, url });
      } catch (err) {
        // Closing the share sheet is a choice, not a failure; anything else falls back to copying.
        if (err?.name !== 'AbortError') await copy();
      }
    });
  }

  return h('div', { class: 'link-block field' },
    h('label', { class: 'label', for: inputId }, label, tag),
    h('div', { class: 'copy-row' }, input, h('div', { class: 'copy-actions' }, share, button), announce),
    note ? h('p', { id: noteId, class: 'hint', text: note }) : null);
}

export function privateTag() {
  return h('span', { class: 'tag tag-private' }, icon('lock', 'icon-s'), 'Private');
}
