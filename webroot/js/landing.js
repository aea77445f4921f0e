// Entry point of the landing page: start a room, join one from a pasted link, list known rooms.

import { createRoom } from './api.js';
import { h, sentence } from './dom.js';
import { icon } from './icons.js';
import { isLoopbackUrl, parsePastedLink, roomUrl } from './links.js';
import * as memberships from './memberships.js';
import { copyLink, privateTag } from './views/copy-link.js';
import { loopbackWarning } from './views/share.js';
import { roleBadge } from './views/role-badge.js';

const byId = (id) => document.getElementById(id);

function setBusy(button, busy) {
  button.disabled = busy;
  button.setAttribute('aria-busy', String(busy));
}

function setupCreate() {
  const form = byId('create-form');
  const error = byId('create-error');
  const nameInput = byId('creator-name');
  nameInput.value = memberships.lastName();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const title = form.elements.title.value.trim();
    const name = form.elements.name.value.trim();
    if (!title || !name) {
      error.textContent = !title ? 'Give the room a title.' : 'Tell others your name.';
      (!title ? form.elements.title : form.elements.name).focus();
      return;
    }
    const button = form.querySelector('button[type=submit]');
    setBusy(button, true);
    try {
      const room = await createRoom({ title, name });
      memberships.rememberName(name);
      memberships.save({
        roomId: room.roomId, memberId: room.memberId, role: room.role, token: room.token,
        expiresAt: room.expiresAt, roomPath: room.roomPath, facilitatorPath: room.facilitatorPath,
        title: room.title, name,
      });
      showCreated(room);
    } catch (err) {
      error.textContent = sentence(err.message);
    } finally {
      setBusy(button, false);
    }
  });

  byId('create-another').addEventListener('click', () => {
    form.reset();
    nameInput.value = memberships.lastName();
    byId('created-step').hidden = true;
    byId('create-step').hidden = false;
    form.elements.title.focus();
    renderRecent();
  });
}

function showCreated(room) {
  byId('create-step').hidden = true;
  const done = byId('created-step');
  done.hidden = false;
  const lead = byId('created-lead');
  lead.replaceChildren('Share the room link with everyone who should take part in ', h('strong', { text: room.title }), '.');
  // The server builds the links from its public address; an older answer has paths only.
  const roomLink = room.roomUrl ?? roomUrl(room.roomPath);
  byId('created-links').replaceChildren(
    isLoopbackUrl(roomLink) ? loopbackWarning() : '',
    copyLink({
      label: 'Room link', url: roomLink, testid: 'room-link', shareTitle: `Join ${room.title} on Cairn`,
      note: 'Anyone with this link can join as a participant, or as an observer.',
    }),
    copyLink({
      label: 'Facilitator link', url: room.facilitatorUrl ?? roomUrl(room.facilitatorPath), testid: 'facilitator-link',
      tag: privateTag(), shareTitle: `Co-facilitate ${room.title} on Cairn`,
      note: 'Private: gives facilitator rights. Share it only with people who will co-facilitate.',
    }));
  byId('open-board').href = room.roomPath;
  byId('created-title').focus();
  renderRecent();
}

function setupJoin() {
  const form = byId('join-form');
  const error = byId('join-error');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const target = parsePastedLink(form.elements.link.value);
    if (!target) {
      error.textContent = 'That does not look like a Cairn room link. It looks like https://…/r/AbCd2345EfGh.';
      form.elements.link.focus();
      return;
    }
    error.textContent = '';
    window.location.assign(target);
  });
}

function renderRecent() {
  const rooms = memberships.list().filter((m) => !memberships.isExpired(m));
  const section = byId('recent');
  section.hidden = rooms.length === 0;
  byId('recent-list').replaceChildren(...rooms.slice(0, 8).map((m) => h('li', {},
    h('a', { class: 'recent-link', href: m.roomPath || `/r/${m.roomId}`, dataset: { roomId: m.roomId } },
      h('span', { class: 'recent-title', text: m.title || 'Untitled room' }),
      roleBadge(m.role),
      icon('arrowRight', 'icon-s')))));
}

setupCreate();
setupJoin();
renderRecent();
