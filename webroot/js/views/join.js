// The join card: shown when this browser holds no membership for the room. Resolves with the new
// membership once the server accepted the join.

import { describeRoom, joinRoom } from '../api.js';
import { sentence } from '../dom.js';
import { icon } from '../icons.js';
import * as memberships from '../memberships.js';

const byId = (id) => document.getElementById(id);

/** notice: optional sentence shown above the form (why the person must join again). */
export function showJoin({ roomId, invite, joinKey, notice }) {
  const view = byId('join-view');
  const form = byId('join-form');
  const heading = byId('join-heading');
  const meta = byId('join-meta');
  const error = byId('join-error');
  const noticeEl = byId('join-notice');
  view.hidden = false;
  document.title = 'Join a room · Cairn';

  for (const el of view.querySelectorAll('[data-icon]')) el.replaceChildren(icon(el.dataset.icon, 'icon-s'));
  if (notice) {
    noticeEl.textContent = notice;
    noticeEl.hidden = false;
  }
  byId('join-invite-note').hidden = !invite;
  byId('join-observer-row').hidden = Boolean(invite);
  form.elements.name.value = memberships.lastName();

  let title = null;
  const described = roomId ? describeRoom(roomId) : Promise.reject(Object.assign(new Error('no such room'), { code: 'not_found' }));
  described.then((room) => {
    title = room.title;
    heading.textContent = room.title;
    document.title = `Join ${room.title} · Cairn`;
    const n = room.members;
    meta.textContent = `${n} member${n === 1 ? '' : 's'} so far.`;
    // The facilitator link needs no passcode; the room link does when a facilitator set one.
    askPasscode(room.passcode && !invite);
    form.hidden = false;
    form.elements.name.focus();
  }, (err) => {
    if (err.code === 'not_found') {
      byId('join-eyebrow').textContent = 'Room not found';
      heading.textContent = 'We couldn\u2019t find this room';
      meta.textContent = 'Check the link you were given. Rooms are reached only through their exact link.';
      byId('join-missing').hidden = false;
      heading.focus();
    } else {
      // The room may still exist; let the person try to join anyway.
      heading.textContent = 'Join this room';
      meta.textContent = sentence(err.message);
      form.hidden = false;
    }
  });

  function askPasscode(ask) {
    byId('join-passcode-row').hidden = !ask;
    form.elements.passcode.required = ask;
  }

  return new Promise((resolve) => {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      const name = form.elements.name.value.trim();
      if (!name) {
        error.textContent = 'Tell others your name.';
        form.elements.name.focus();
        return;
      }
      const observer = !invite && form.elements.observer.checked;
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      try {
        const passcode = form.elements.passcode.value.trim() || undefined;
        const joined = await joinRoom(roomId, { name, observer, invite, key: joinKey, passcode });
        memberships.rememberName(name);
        const membership = memberships.save({
          roomId: joined.roomId, memberId: joined.memberId, role: joined.role, token: joined.token,
          expiresAt: joined.expiresAt, roomPath: joined.roomPath, title, name,
          facilitatorPath: invite ? `${joined.roomPath}#invite=${invite}` : undefined,
        });
        view.hidden = true;
        resolve(membership);
      } catch (err) {
        if (err.code === 'passcode_required' || err.code === 'wrong_passcode') {
          askPasscode(true);
          error.textContent = err.code === 'wrong_passcode'
            ? 'That is not this room\u2019s passcode. Check it with a facilitator.'
            : 'This room asks for its passcode. A facilitator can tell you.';
          form.elements.passcode.focus();
          return;
        }
        if (err.code === 'forbidden' && invite) {
          error.textContent = 'This facilitator link is not valid for this room. Ask for a new link, or join with the room link.';
        } else if (err.code === 'forbidden') {
          error.textContent = 'This room link is no longer valid: a facilitator made a new one. Ask them for the current link.';
        } else {
          error.textContent = sentence(err.message);
        }
        form.elements.name.focus();
      } finally {
        button.disabled = false;
        button.setAttribute('aria-busy', 'false');
      }
    });
  });
}
