// Entry point of the board (/r/<roomId>): join if this browser is not a member yet, then open
// one connection, feed the store from it, and mount the views that render from the store.

import { Connection, socketUrl } from './connection.js';
import { createStore } from './store.js';
import { inviteFromHash, joinKeyFromHash, roomIdFromPath } from './links.js';
import * as memberships from './memberships.js';
import { membershipEvents } from './membership/events.js';
import { purposeEvents } from './purpose/events.js';
import { meetingEvents } from './meeting/events.js';
import { queueEvents } from './queue/events.js';
import { me } from './membership/selectors.js';
import { mountConnectionStatus } from './views/connection-status.js';
import { mountMembers } from './views/members.js';
import { mountPanels, slot } from './views/panels.js';
import { mountPurpose } from './views/purpose/panel.js';
import { mountMeeting } from './views/meeting/panel.js';
import { mountQueue } from './views/queue/panel.js';
import { decisionEvents } from './decision/events.js';
import { mountDecisions } from './views/decision/panel.js';
import { acknowledgementEvents } from './acknowledgement/events.js';
import { mountAcknowledgements } from './views/acknowledgement/panel.js';
import { checkinEvents } from './checkin/events.js';
import { mountCheckin } from './views/checkin/panel.js';
import { mountRecordLink } from './views/record-link.js';
import { accessEvents } from './access/events.js';
import { commitmentEvents } from './commitment/events.js';
import { mountCommitments } from './views/commitment/panel.js';
import { mountRoomTitle } from './views/room-title.js';
import { mountShare } from './views/share.js';
import { mountAnnouncer } from './views/announcer.js';
import { showJoin } from './views/join.js';
import { toast } from './views/toast.js';
import { sentence } from './dom.js';

/** Session errors the connection status already explains. */
const SILENT_ERRORS = new Set(['unauthorized', 'not_found', 'unavailable']);

/** Every feature's event reducers; a new feature adds its map here. */
const REDUCERS = { ...membershipEvents, ...purposeEvents, ...meetingEvents, ...queueEvents, ...decisionEvents,
  ...acknowledgementEvents, ...checkinEvents, ...accessEvents, ...commitmentEvents };

/** Handlers of server frames that are not room events (a feature's transient frames), by type. */
const FRAME_HANDLERS = {};

const byId = (id) => document.getElementById(id);

async function main() {
  const roomId = roomIdFromPath(window.location.pathname);
  const invite = inviteFromHash(window.location.hash);
  const joinKey = joinKeyFromHash(window.location.hash);
  if (window.location.hash) {
    // The invite key is a secret: keep it out of the address bar, history and screenshots.
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  if (!roomId) {
    showJoin({ roomId: null });
    return;
  }

  let membership = memberships.load(roomId);
  let notice = null;
  if (membership && memberships.isExpired(membership)) {
    memberships.remove(roomId);
    membership = null;
    notice = 'Your membership in this room has expired. Join again to continue.';
  }
  if (membership && invite && membership.role !== 'facilitator') {
    toast(`You opened a facilitator link, but you are already in this room as ${membership.role}. `
      + 'Ask a facilitator to change your role.', { timeout: 12000 });
  }
  if (!membership) membership = await showJoin({ roomId, invite, joinKey, notice });
  openBoard(membership);
}

function openBoard(membership) {
  const store = createStore(REDUCERS);
  const connection = new Connection({
    url: socketUrl(),
    token: membership.token,
    lastSeq: () => store.getState().room?.seq ?? null,
    onFrames(frames) {
      const { gap, errors, other } = store.receive(frames);
      for (const frame of other) FRAME_HANDLERS[frame.type]?.(frame);
      // Errors that answer no command of ours; the connection banner already covers those that end or drop the socket.
      for (const error of errors) {
        if (!SILENT_ERRORS.has(error.code)) toast(sentence(error.message || error.code), { kind: 'error' });
      }
      if (gap) connection.resync();
    },
  });
  connection.onStatus((status) => store.setConnection(status));

  byId('room-heading').hidden = false;
  byId('topbar-actions').hidden = false;
  byId('board-layout').hidden = false;

  mountPanels(byId('board'));
  mountAnnouncer({ store, region: byId('announcer') });
  const purpose = mountPurpose({ store, connection, membership, panel: byId('panel-purpose'), slot: slot(byId('board'), 'purpose') });
  FRAME_HANDLERS.caret = purpose.onCaret;
  FRAME_HANDLERS.editing = purpose.onEditing;
  mountMeeting({ store, connection, slot: slot(byId('board'), 'agenda') });
  mountQueue({ store, connection, panel: byId('panel-queue'), slot: slot(byId('board'), 'queue') });
  mountDecisions({ store, connection, slot: slot(byId('board'), 'decisions') });
  mountAcknowledgements({ store, connection, slot: slot(byId('board'), 'acknowledgements') });
  mountCheckin({ store, connection, slot: slot(byId('board'), 'checkin') });
  mountRecordLink(byId('record-link'), membership.roomId);
  mountCommitments({ store, connection, slot: slot(byId('board'), 'commitments') });
  mountRoomTitle({ store, connection, container: byId('room-heading'), fallbackTitle: membership.title });
  mountMembers({
    store, connection, list: byId('member-list'), count: byId('members-count'),
    panel: byId('members-panel'), toggle: byId('members-toggle'), avatars: byId('member-avatars'),
  });
  const connectionStatus = mountConnectionStatus({
    store,
    connection,
    pill: byId('connection-pill'),
    banner: byId('connection-banner'),
    announcer: byId('connection-announcer'),
    onRejoin() {
      connection.stop();
      memberships.remove(membership.roomId);
      window.location.reload();
    },
  });
  FRAME_HANDLERS.storage = (frame) => connectionStatus.storage(frame.status);
  mountShare({
    store,
    connection,
    membership,
    button: byId('share-button'),
    dialog: byId('share-dialog'),
    body: byId('share-links'),
    closeButton: byId('share-close'),
  });

  // Keep what this browser remembers about the room current (the landing page lists it).
  store.subscribe((state, prev) => {
    if (state.room === prev.room && state.me === prev.me) return;
    const self = me(state);
    const patch = {};
    if (state.room?.title) patch.title = state.room.title;
    if (self) {
      patch.role = self.role;
      patch.name = self.name;
    }
    memberships.update(membership.roomId, patch);
  });

  window.cairn = { store, connection }; // for debugging from the console
  // Leave at once so others see us go offline; a page restored from the back/forward cache starts afresh.
  window.addEventListener('pagehide', () => connection.stop());
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) window.location.reload();
  });
  connection.start();
}

main();
