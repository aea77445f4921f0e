// Entry point of the printable meeting record (/record.html?room=<id>[&meeting=<id> | &span=room]):
// reads this browser's membership of the room, fetches the record's blocks with the member token,
// renders them as text, and offers the Markdown and JSON downloads (fetched with the token, then
// saved from a Blob: the endpoints need the Bearer header, so a plain link would not do).

import * as memberships from '../memberships.js';
import { isRoomId } from '../links.js';
import { h, replaceChildren } from '../dom.js';
import { fileNameFrom, meetingLabel, renderRecord } from './render.js';

const byId = (id) => document.getElementById(id);
const ROOM_SPAN = 'room';

const MESSAGES = {
  unauthorized: 'This browser is not a member of the room any more. Open the room to join again.',
  forbidden: 'You are no longer a member of this room, so its record is not yours to read.',
  not_found: 'This room has no such meeting.',
};

function recordPath(roomId, meetingId, suffix = '') {
  const base = `/api/rooms/${encodeURIComponent(roomId)}/record${suffix}`;
  return meetingId ? `${base}?meeting=${encodeURIComponent(meetingId)}` : base;
}

async function fetchWithToken(path, token) {
  let response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw Object.assign(new Error('Cairn could not reach the server. Check your connection and try again.'), { code: 'network' });
  }
  if (!response.ok) {
    let body = null;
    try {
      body = await response.json();
    } catch {
      // answered below
    }
    const code = body?.code ?? `http_${response.status}`;
    throw Object.assign(new Error(MESSAGES[code] ?? body?.message ?? `The server answered with status ${response.status}.`), { code });
  }
  return response;
}

function showProblem(sheet, message, roomId) {
  sheet.dataset.state = 'error';
  replaceChildren(sheet, h('div', { class: 'record-problem', role: 'alert', 'data-testid': 'record-problem' },
    h('p', { text: message }),
    roomId ? h('a', { class: 'btn', href: `/r/${encodeURIComponent(roomId)}` }, 'Open the room') : null));
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function main() {
  const params = new URLSearchParams(window.location.search);
  const roomId = params.get('room');
  const sheet = byId('record');
  if (!isRoomId(roomId)) {
    showProblem(sheet, 'This link names no room. Open the record from a room\'s board.', null);
    return;
  }
  byId('record-back').href = `/r/${encodeURIComponent(roomId)}`;
  const membership = memberships.load(roomId);
  if (!membership || memberships.isExpired(membership)) {
    showProblem(sheet, 'Join the room on this browser first: the record is for its members.', roomId);
    return;
  }

  const picker = byId('record-meeting');
  const status = byId('record-status');
  const actions = ['record-print', 'record-download-md', 'record-download-json'].map(byId);
  let meetingId = params.get('span') === ROOM_SPAN ? null : params.get('meeting');
  let pickLatest = !meetingId && params.get('span') !== ROOM_SPAN;

  async function load() {
    sheet.dataset.state = 'loading';
    sheet.setAttribute('aria-busy', 'true');
    actions.forEach((b) => { b.disabled = true; });
    try {
      let record = await (await fetchWithToken(recordPath(roomId, meetingId, '/blocks'), membership.token)).json();
      if (pickLatest && record.meetings.length > 0) {
        // Opened from the board: the latest meeting, unless the room asked for the whole room.
        pickLatest = false;
        meetingId = record.meetings[record.meetings.length - 1].id;
        record = await (await fetchWithToken(recordPath(roomId, meetingId, '/blocks'), membership.token)).json();
      }
      pickLatest = false;
      renderPicker(record);
      renderRecord(sheet, record);
      document.title = `${record.heading} · Cairn`;
      sheet.dataset.state = 'ready';
      sheet.dataset.span = record.span;
      actions.forEach((b) => { b.disabled = false; });
    } catch (err) {
      showProblem(sheet, err.message, roomId);
    } finally {
      sheet.removeAttribute('aria-busy');
    }
  }

  function renderPicker(record) {
    const options = [h('option', { value: '', text: 'The whole room' })];
    for (const m of record.meetings) options.push(h('option', { value: m.id, text: meetingLabel(m) }));
    replaceChildren(picker, options);
    picker.value = record.meeting ? record.meeting.id : '';
    picker.disabled = false;
  }

  picker.addEventListener('change', () => {
    meetingId = picker.value || null;
    const next = new URLSearchParams({ room: roomId });
    if (meetingId) next.set('meeting', meetingId);
    else next.set('span', ROOM_SPAN);
    window.history.replaceState(null, '', `${window.location.pathname}?${next}`);
    load();
  });

  byId('record-print').addEventListener('click', () => window.print());

  async function download(suffix, type, fallback) {
    status.textContent = 'Preparing the download…';
    try {
      const response = await fetchWithToken(recordPath(roomId, meetingId, suffix), membership.token);
      const name = fileNameFrom(response.headers.get('content-disposition'), fallback);
      const text = await response.text();
      save(new Blob([text], { type }), name);
      status.textContent = `Downloaded ${name}.`;
      status.dataset.downloaded = name;
    } catch (err) {
      status.textContent = err.message;
    }
  }

  byId('record-download-md').addEventListener('click', () => download('.md', 'text/markdown;charset=utf-8',
    `record-${roomId}-${meetingId ?? 'room'}.md`));
  byId('record-download-json').addEventListener('click', () => download('', 'application/json;charset=utf-8',
    `record-${roomId}-${meetingId ?? 'room'}.json`));

  await load();
}

main();
