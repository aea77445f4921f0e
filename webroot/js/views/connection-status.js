// Shows the connection at a glance (the pill in the top bar) and explains it when it is not live
// (the banner under the bar, with what the person can do). State changes are announced politely.

import { h } from '../dom.js';
import { icon } from '../icons.js';

const LABELS = {
  connecting: 'Connecting…',
  live: 'Live',
  'not-saving': 'Not saving',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const ANNOUNCEMENTS = {
  live: 'Connected: the board is live.',
  'not-saving': 'Changes are not being saved: the server cannot reach its storage.',
  reconnecting: 'Connection lost. Reconnecting.',
  offline: 'Offline.',
};

/** A reconnect that succeeds this fast is not worth a banner. */
const BANNER_AFTER_MS = 1500;

function seconds(ms) {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * store: the room store (reads state.connection); connection: for retryNow() and pending;
 * pill, banner, announcer: elements; onRejoin(): called when the membership is no longer valid.
 * Returns { storage(status) } for the server's `storage` frames ("up" / "down"): while the socket is
 * live but the server cannot save, the pill says "Not saving" and the banner says why.
 */
export function mountConnectionStatus({ store, connection, pill, banner, announcer, onRejoin }) {
  const dot = h('span', { class: 'conn-dot', 'aria-hidden': 'true' });
  const label = h('span', { class: 'conn-label', 'data-testid': 'connection-label' });
  const badge = h('div', { class: 'conn', 'data-testid': 'connection-state' },
    dot, h('span', { class: 'visually-hidden', text: 'Connection: ' }), label);
  pill.replaceChildren(badge);

  let shown = null; // the status the view last rendered
  let tick = null;
  let bannerTimer = null;
  let everLive = false;
  let storageDown = false;

  /** The socket's status, as "not saving" while it is live but the server cannot reach its storage. */
  function effective(status) {
    return status.state === 'live' && storageDown ? { ...status, state: 'not-saving' } : status;
  }

  function render(raw) {
    const status = effective(raw);
    const changedState = !shown || shown.state !== status.state || shown.reason !== status.reason;
    shown = status;
    badge.dataset.state = status.state;
    badge.dataset.attempt = String(status.attempt ?? 0);
    if (status.reason) badge.dataset.reason = status.reason;
    else delete badge.dataset.reason;
    label.textContent = LABELS[status.state] ?? status.state;
    badge.title = describe(status);

    if (changedState) {
      if (status.state === 'live') everLive = true;
      if (status.state !== 'connecting' && (status.state !== 'live' || everLive)) {
        announcer.textContent = status.reason === 'unauthorized' || status.reason === 'not_found'
          ? headline(status) : ANNOUNCEMENTS[status.state] ?? '';
      }
    }
    clearInterval(tick);
    tick = null;
    if (status.retryAt) tick = setInterval(() => renderBanner(shown), 1000);

    clearTimeout(bannerTimer);
    if (status.state === 'reconnecting' && status.attempt <= 1 && banner.hidden) {
      bannerTimer = setTimeout(() => renderBanner(shown), BANNER_AFTER_MS);
    } else {
      renderBanner(status);
    }
  }

  function headline(status) {
    if (status.state === 'not-saving') return 'Changes are not being saved.';
    if (status.reason === 'unauthorized') return 'Your link is no longer valid.';
    if (status.reason === 'not_found') return 'This room or your membership no longer exists.';
    if (status.state === 'offline') return 'You are offline.';
    return 'Connection lost. Reconnecting…';
  }

  function describe(status) {
    if (status.state === 'live') return 'Connected: changes appear for everyone as they happen.';
    if (status.state === 'not-saving') {
      return 'Connected, but the server cannot reach its storage: changes made now are refused, not saved. '
        + 'This clears by itself when it can save again.';
    }
    if (status.state === 'connecting') return 'Connecting to the room…';
    if (status.reason === 'unauthorized') return 'Your membership token was refused or has expired. Join the room again to continue.';
    if (status.reason === 'not_found') return 'The server no longer knows this room or your membership.';
    const parts = [];
    if (status.attempt) parts.push(`Attempt ${status.attempt}`);
    if (status.retryAt) {
      const wait = status.retryAt - Date.now();
      parts.push(wait > 400 ? `next try in ${seconds(wait)} s` : 'trying now…');
    }
    const pending = connection.pending;
    if (pending) parts.push(`${pending} unsent change${pending === 1 ? '' : 's'} will be sent when you're back`);
    return parts.join(' · ');
  }

  function renderBanner(status) {
    if (status.state === 'live' || status.state === 'connecting') {
      banner.hidden = true;
      banner.replaceChildren();
      return;
    }
    const final = status.reason === 'unauthorized' || status.reason === 'not_found';
    banner.dataset.tone = final ? 'danger' : 'warn';
    banner.dataset.state = status.state;
    const text = h('p', { class: 'banner-text' },
      icon(status.state === 'offline' ? (final ? 'alert' : 'offline') : status.state === 'not-saving' ? 'alert' : 'refresh'),
      h('span', {}, h('strong', { text: headline(status) }), ' ',
        h('span', { class: 'banner-detail', 'data-testid': 'connection-detail', text: describe(status) })));
    if (status.state === 'not-saving') {
      banner.replaceChildren(text);
      banner.hidden = false;
      return;
    }
    const actions = final
      ? [h('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-testid': 'rejoin', onclick: onRejoin },
        'Join again'), h('a', { class: 'btn btn-small btn-quiet', href: '/' }, 'Start page')]
      : [h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'retry-now', onclick: () => connection.retryNow() },
        'Retry now')];
    // Keep a focused button focused across the per-second refresh.
    const focusedTestId = banner.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
    banner.replaceChildren(text, ...actions);
    banner.hidden = false;
    if (focusedTestId) banner.querySelector(`[data-testid="${focusedTestId}"]`)?.focus();
  }

  let last = null;
  store.subscribe((state) => {
    if (state.connection !== last) {
      // A new socket starts out assuming the server can save; it says so after welcome if not.
      if (last && state.connection.state !== 'live') storageDown = false;
      last = state.connection;
      render(last);
    }
  });
  last = store.getState().connection;
  render(last);

  return {
    storage(status) {
      const down = status === 'down';
      if (down === storageDown) return;
      storageDown = down;
      render(last);
      if (!down && last.state === 'live') announcer.textContent = 'Saving again: changes are stored.';
    },
  };
}
