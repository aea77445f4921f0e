// A labelled, read-only link with a Copy button: how rooms are shared.

import { h, uid } from '../dom.js';
import { icon } from '../icons.js';
import { copyText } from '../clipboard.js';

/**
 * label: visible label; url: the link; note: optional hint under it; tag: optional element shown
 * beside the label; testid: data-testid of the input.
 */
export function copyLink({ label, url, note, tag, testid }) {
  const inputId = uid('link');
  const noteId = note ? uid('note') : null;
  const input = h('input', {
    id: inputId, class: 'input input-mono', type: 'text', readonly: true, value: url,
    'aria-describedby': noteId, 'data-testid': testid, spellcheck: 'false',
  });
  input.addEventListener('focus', () => input.select());
  const buttonText = h('span', { text: 'Copy' });
  const announce = h('span', { class: 'visually-hidden', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'btn', 'data-testid': testid ? `${testid}-copy` : null },
    icon('copy', 'icon-s'), buttonText, h('span', { class: 'visually-hidden', text: ` ${label.toLowerCase()}` }));
  let reset = null;
  button.addEventListener('click', async () => {
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
  });
  return h('div', { class: 'link-block field' },
    h('label', { class: 'label', for: inputId }, label, tag),
    h('div', { class: 'copy-row' }, input, button, announce),
    note ? h('p', { id: noteId, class: 'hint', text: note }) : null);
}

export function privateTag() {
  return h('span', { class: 'tag tag-private' }, icon('lock', 'icon-s'), 'Private');
}
