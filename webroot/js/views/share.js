// The Invite dialog: the room's current links, fetched from the server when it opens (so a link a
// facilitator replaced never shows here): the room link for everyone, the private facilitator link
// for facilitators (also those promoted after joining). Facilitators can make a new link of either
// kind; the old one stops working at once.

import { roomLinks } from '../api.js';
import { h, sentence } from '../dom.js';
import { icon } from '../icons.js';
import { LOOPBACK_WARNING, isLoopbackUrl, roomUrl } from '../links.js';
import { isFacilitator } from '../membership/selectors.js';
import { passcodeOf } from '../access/events.js';
import { copyLink, privateTag } from './copy-link.js';

const QUESTIONS = {
  room: 'Make a new room link? The current one stops working at once: people who have it can no longer join '
    + '(members already in the room stay).',
  facilitator: 'Make a new facilitator link? The current one stops working at once.',
};

/** Said above a link that only works on this machine. */
export function loopbackWarning() {
  return h('p', { class: 'note note-warn', 'data-testid': 'loopback-warning' },
    h('span', { class: 'note-icon' }, icon('alert', 'icon-s')), h('span', { text: LOOPBACK_WARNING }));
}

export function mountShare({ store, connection, button, dialog, body, closeButton, membership }) {
  button.querySelector('.share-icon')?.replaceWith(icon('share', 'icon-s'));
  closeButton.replaceChildren(icon('x'));

  async function rotate(link) {
    if (!window.confirm(QUESTIONS[link])) return;
    try {
      await connection.send('access.rotate', { link });
      await render(`A new ${link} link is ready; the old one no longer works.`);
    } catch (err) {
      await render(null, sentence(err.message || err.code));
    }
  }

  async function setPasscode(passcode) {
    try {
      await connection.send('access.passcode', { passcode });
      await render(passcode ? 'Joining by the room link now asks for this passcode.' : 'The room link alone lets people join again.');
    } catch (err) {
      await render(null, sentence(err.message || err.code));
    }
  }

  /** Facilitators set or clear the passcode; everyone else is told when there is one. */
  function passcodeBlock(facilitator, links) {
    // The room's state says only whether there is one; facilitators get the passcode with the links.
    const current = facilitator && typeof links.passcode === 'string' && links.passcode ? links.passcode
      : passcodeOf(store.getState().room);
    if (!facilitator) {
      return current === null ? null : h('p', { class: 'hint', 'data-testid': 'share-passcode-note',
        text: 'Joining by this link also asks for the room\u2019s passcode: a facilitator can tell people.' });
    }
    const input = h('input', { class: 'input', id: 'share-passcode', type: 'text', maxlength: 40, autocomplete: 'off',
      'aria-describedby': 'share-passcode-hint', 'data-testid': 'share-passcode-input' });
    input.value = current ?? '';
    const form = h('form', { class: 'share-passcode', 'data-testid': 'share-passcode' },
      h('label', { class: 'label', for: 'share-passcode', text: 'Room passcode (optional)' }),
      input,
      h('p', { class: 'hint', id: 'share-passcode-hint', text: current
        ? 'People joining by the room link must type it; say it in the room or send it apart from the link. The facilitator link needs none.'
        : 'Ask people who join by the room link for a passcode too (6 to 40 characters), so a link that leaked is not enough.' }),
      h('div', { class: 'share-actions' },
        h('button', { type: 'submit', class: 'btn btn-small', 'data-testid': 'share-passcode-save', text: current ? 'Change passcode' : 'Set passcode' }),
        current ? h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'share-passcode-clear',
          onclick: () => setPasscode(''), text: 'Remove passcode' }) : null));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      setPasscode(input.value.trim());
    });
    return form;
  }

  function rotateButton(link) {
    return h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': `share-rotate-${link}`,
      onclick: () => rotate(link) }, icon('refresh', 'icon-s'), link === 'room' ? 'Make a new room link' : 'Make a new facilitator link');
  }

  async function render(status, problem) {
    const facilitator = isFacilitator(store.getState());
    let links;
    try {
      links = await roomLinks(membership.roomId, membership.token);
    } catch (err) {
      // Offline or refused: show what this browser knows, and say so.
      links = { roomPath: membership.roomPath ?? `/r/${membership.roomId}`, facilitatorPath: membership.facilitatorPath };
      problem = problem ?? `Could not check for newer links: ${sentence(err.message || err.code)}`;
    }
    // The server builds the links from its public address; an older answer has paths only.
    const roomLink = links.roomUrl ?? roomUrl(links.roomPath);
    const title = store.getState().room?.title ?? membership.title ?? 'a room';
    const blocks = [];
    if (isLoopbackUrl(roomLink)) blocks.push(loopbackWarning());
    blocks.push(copyLink({
      label: 'Room link', url: roomLink, testid: 'share-room-link', shareTitle: `Join ${title} on Cairn`,
      note: 'Anyone with this link can join as a participant, or as an observer (read-only).',
    }));
    if (facilitator) blocks.push(h('div', { class: 'share-actions' }, rotateButton('room')));
    const passcode = passcodeBlock(facilitator, links);
    if (passcode) blocks.push(passcode);
    if (facilitator && links.facilitatorPath) {
      blocks.push(copyLink({
        label: 'Facilitator link', url: links.facilitatorUrl ?? roomUrl(links.facilitatorPath), testid: 'share-facilitator-link',
        shareTitle: `Co-facilitate ${title} on Cairn`,
        tag: privateTag(), note: 'Private: gives facilitator rights. Share it only with co-facilitators.',
      }));
      blocks.push(h('div', { class: 'share-actions' }, rotateButton('facilitator')));
    }
    if (status) blocks.push(h('p', { class: 'hint', role: 'status', 'data-testid': 'share-status', text: status }));
    if (problem) blocks.push(h('p', { class: 'form-error', role: 'alert', text: problem }));
    body.replaceChildren(...blocks);
  }

  button.addEventListener('click', async () => {
    body.replaceChildren(h('p', { class: 'hint', text: 'Loading the room\u2019s links…' }));
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    await render();
    body.querySelector('button')?.focus();
  });
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close(); // a click on the backdrop
  });
  dialog.addEventListener('close', () => button.focus());
}
