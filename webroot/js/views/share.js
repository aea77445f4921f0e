// The Invite dialog: the room link for everyone, and the private facilitator link when this
// browser holds it (the room's creator, or someone who joined by that link).

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { roomUrl } from '../links.js';
import { isFacilitator } from '../membership/selectors.js';
import { copyLink, privateTag } from './copy-link.js';

export function mountShare({ store, button, dialog, body, closeButton, membership }) {
  button.querySelector('.share-icon')?.replaceWith(icon('share', 'icon-s'));
  closeButton.replaceChildren(icon('x'));

  button.addEventListener('click', () => {
    const facilitator = isFacilitator(store.getState());
    const blocks = [copyLink({
      label: 'Room link', url: roomUrl(`/r/${membership.roomId}`), testid: 'share-room-link',
      note: 'Anyone with this link can join as a participant, or as an observer (read-only).',
    })];
    if (facilitator && membership.facilitatorPath) {
      blocks.push(copyLink({
        label: 'Facilitator link', url: roomUrl(membership.facilitatorPath), testid: 'share-facilitator-link',
        tag: privateTag(), note: 'Private: gives facilitator rights. Share it only with co-facilitators.',
      }));
    } else if (facilitator) {
      blocks.push(h('p', { class: 'hint share-hint' },
        'To make someone a co-facilitator, change their role in the member list once they have joined.'));
    }
    body.replaceChildren(...blocks);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    body.querySelector('button')?.focus();
  });
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close(); // a click on the backdrop
  });
  dialog.addEventListener('close', () => button.focus());
}
