// The Speaking queue panel: who has the floor (with the turn's countdown), raising and lowering
// your hand, the queue with each entry's reason, the facilitator's tools, and the speaking-time
// balance of the meeting. Time shown is the server's (connection.serverNow()); nothing ticks on
// the server, the board redraws the clock once a second.

import { initials } from '../../membership/initials.js';
import { h, keepFocus, replaceChildren, sentence, uid } from '../../dom.js';
import { icon } from '../../icons.js';
import { hueOf } from '../../membership/colors.js';
import { canEdit, isFacilitator } from '../../membership/selectors.js';
import * as q from '../../queue/commands.js';
import {
  RAISABLE, clock, currentMeeting, figures, kindInfo, mine, ordinal, presentMembers, queueOf, reasonFor,
} from '../../queue/selectors.js';
import { commandFailed, toast } from '../toast.js';

const LIMITS = [0, 60, 120, 180, 300, 600];

export function mountQueue({ store, connection, panel, slot }) {
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-testid': 'queue-announcer' });
  const current = h('section', { class: 'queue-current', 'aria-label': 'Now speaking', 'data-testid': 'queue-current' });
  const mineBox = h('div', { class: 'queue-mine', 'data-testid': 'queue-mine' });
  const listHead = h('div', { class: 'section-head' });
  const list = h('ol', { class: 'queue-list', 'data-testid': 'queue-list', 'aria-label': 'Waiting to speak' });
  const tools = h('div', { class: 'queue-tools', 'data-testid': 'queue-tools' });
  const balanceBox = h('section', { class: 'queue-balance', 'aria-labelledby': 'queue-balance-title', 'data-testid': 'queue-balance',
    dataset: { expanded: 'false' } });
  // On a phone the speaking-time bars fold behind "Show" (the balance figure stays), so the purpose
  // below the queue is within the first screen; elsewhere the toggle is not shown.
  const balanceToggleLabel = h('span', { text: 'Show' });
  const balanceToggle = h('button', {
    type: 'button', class: 'btn btn-quiet btn-small queue-balance-toggle', 'aria-expanded': 'false',
    'data-testid': 'queue-balance-toggle',
    onclick: () => {
      const expanded = balanceBox.dataset.expanded !== 'true';
      balanceBox.dataset.expanded = String(expanded);
      balanceToggle.setAttribute('aria-expanded', String(expanded));
      balanceToggleLabel.textContent = expanded ? 'Hide' : 'Show';
    },
  }, balanceToggleLabel, h('span', { class: 'visually-hidden', text: ' everyone\u2019s speaking time' }));
  const settingsTag = h('span', { class: 'panel-actions' });
  panel.querySelector('.panel-header').append(settingsTag);
  slot.replaceChildren(h('div', { class: 'queue-layout' }, announcer, current, mineBox,
    h('section', { class: 'queue-waiting', 'aria-label': 'Queue' }, listHead, list), tools, balanceBox));

  let busy = false;
  let lastSpeaker;
  let overAnnounced = null;
  const run = async (what, promise) => {
    busy = true;
    renderAll();
    try {
      return await promise();
    } catch (err) {
      if (err?.code === 'conflict') toast(err.message ? sentence(err.message) : `Could not ${what}: the queue changed meanwhile.`, { kind: 'error' });
      else commandFailed(what, err);
      return null;
    } finally {
      busy = false;
      renderAll();
    }
  };

  const state = () => store.getState();
  const nameOf = (id) => state().room?.members?.[id]?.name;
  const entryName = (e) => (e.memberId && nameOf(e.memberId)) || e.name;

  function avatar(memberId, name) {
    return h('span', { class: `avatar avatar-s ${memberId ? `hue-${hueOf(memberId)}` : 'avatar-guest'}`, 'aria-hidden': 'true' }, initials(name));
  }

  // ---- who has the floor ---------------------------------------------------------------------

  function renderCurrent(s) {
    const queue = queueOf(s.room);
    const turn = queue.current;
    const facilitator = isFacilitator(s);
    const nextButton = facilitator ? h('button', {
      type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'queue-next', disabled: busy || (!turn && !queue.entries.length),
      onclick: () => run('call the next speaker', () => q.next(connection, turn?.turnId)),
    }, icon('arrowRight', 'icon-s'), 'Next speaker') : null;
    if (nextButton && !queue.entries.length) nextButton.hidden = true;
    if (!turn) {
      current.dataset.state = 'idle';
      replaceChildren(current, h('div', { class: 'queue-current-main' },
        h('p', { class: 'queue-nobody', 'data-testid': 'queue-speaker', 'data-member-id': '', text: 'Nobody has the floor.' })),
      h('div', { class: 'queue-current-actions' }, nextButton));
      return;
    }
    const name = entryName(turn);
    const isMe = turn.memberId && turn.memberId === s.me;
    current.dataset.state = isMe ? 'me' : 'speaking';
    const done = (isMe || facilitator) ? h('button', {
      type: 'button', class: `btn btn-small${isMe ? ' btn-primary' : ''}`, 'data-testid': 'queue-end-turn', disabled: busy,
      onclick: () => run('end the turn', () => q.endTurn(connection, turn.turnId)),
    }, icon('check', 'icon-s'), isMe ? "I'm done" : 'End turn') : null;
    replaceChildren(current,
      h('div', { class: 'queue-current-main' }, avatar(turn.memberId, name),
        h('div', { class: 'queue-current-text' },
          h('p', { class: 'queue-speaker', 'data-testid': 'queue-speaker', 'data-member-id': turn.memberId ?? '', 'data-turn-id': turn.turnId },
            h('span', { class: 'queue-speaker-name', 'data-testid': 'queue-speaker-name', text: name }),
            isMe ? h('span', { class: 'member-you', text: 'you' }) : null),
          h('p', { class: 'queue-current-meta' }, h('span', { class: `tag kind-${turn.kind}`, text: kindInfo(turn.kind).short }),
            h('span', { class: 'queue-clock', 'data-testid': 'queue-turn-clock', 'aria-label': 'Time in this turn' })))),
      h('div', { class: 'queue-current-actions' }, done, nextButton));
    renderClock(s);
  }

  function renderClock(s) {
    const turn = queueOf(s.room).current;
    const el = current.querySelector('[data-testid="queue-turn-clock"]');
    if (!turn || !el) return;
    const spent = Math.max(0, connection.serverNow() - turn.startedAt);
    if (turn.limitSeconds > 0) {
      const left = turn.limitSeconds * 1000 - spent;
      el.dataset.over = String(left < 0);
      if (left < 0 && overAnnounced !== turn.turnId) {
        overAnnounced = turn.turnId;
        // Only when it happens while this board watches, not for a turn already over when it loaded.
        if (left > -2000) announcer.textContent = turn.memberId === s.me ? 'Your time is up.' : `${entryName(turn)}'s time is up.`;
      }
      el.textContent = left >= 0 ? `${clock(left + 999)} left of ${clock(turn.limitSeconds * 1000)}` : `${clock(-left)} over the limit`;
    } else {
      el.dataset.over = 'false';
      el.textContent = `speaking for ${clock(spent)}`;
    }
  }

  // ---- my hand -------------------------------------------------------------------------------

  function renderMine(s) {
    const queue = queueOf(s.room);
    if (!canEdit(s)) {
      replaceChildren(mineBox, h('p', { class: 'hint', text: 'Observers follow the queue; they do not raise hands.' }));
      return;
    }
    const { hand, round } = mine(s);
    const parts = [];
    if (round) {
      parts.push(h('div', { class: 'queue-my-row', 'data-testid': 'queue-my-round' },
        h('p', { class: 'queue-my-place', text: `Your turn in the round is ${ordinal(round.place)} in the queue.` }),
        h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'queue-pass', disabled: busy,
          onclick: () => run('pass', () => q.pass(connection, round.entry.entryId)) }, 'Pass')));
    }
    if (hand) {
      const kindSelect = h('select', { class: 'select select-small', 'data-testid': 'queue-my-kind', 'aria-label': 'Kind of your hand', disabled: busy,
        onchange: (e) => run('change your hand', () => q.changeKind(connection, hand.entry.entryId, e.target.value)) },
      RAISABLE.map((k) => h('option', { value: k.kind, selected: k.kind === hand.entry.kind }, k.label)));
      parts.push(h('div', { class: 'queue-my-row' },
        h('p', { class: 'queue-my-place', 'data-testid': 'queue-my-place', 'data-place': hand.place },
          h('strong', { text: `You are ${ordinal(hand.place)} in the queue` }), ` · ${reasonFor(s, hand.entry)}`),
        h('div', { class: 'queue-my-actions' }, kindSelect,
          h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'queue-lower', disabled: busy,
            onclick: () => run('lower your hand', () => q.lower(connection, hand.entry.entryId)) }, 'Lower hand'))));
    } else if (queue.locked && !isFacilitator(s)) {
      parts.push(h('p', { class: 'pill-note pill-warn', 'data-testid': 'queue-locked-note' }, icon('lock', 'icon-s'),
        'The facilitator has locked the queue.'));
    } else {
      parts.push(h('div', { class: 'queue-raise', role: 'group', 'aria-label': 'Raise your hand' },
        h('span', { class: 'queue-raise-label', text: 'Raise your hand:' }),
        RAISABLE.map((k) => h('button', {
          type: 'button', class: `btn btn-small queue-raise-btn kind-btn-${k.kind}`, 'data-testid': `queue-raise-${k.kind}`, disabled: busy,
          title: k.why, onclick: () => run('raise your hand', () => q.raise(connection, k.kind)),
        }, k.label))));
    }
    replaceChildren(mineBox, ...parts);
  }

  // ---- the queue -----------------------------------------------------------------------------

  function renderList(s) {
    const queue = queueOf(s.room);
    const facilitator = isFacilitator(s);
    const roundNote = queue.round ? h('span', { class: 'tag', 'data-testid': 'queue-round-tag',
      text: `Round · ${queue.round.order.length - queue.entries.filter((e) => e.roundId === queue.round.roundId).length} of ${queue.round.order.length} done` }) : null;
    replaceChildren(listHead, h('h3', { class: 'section-title', id: 'queue-list-title' }, 'Waiting',
      h('span', { class: 'queue-count', 'data-testid': 'queue-count', text: ` (${queue.entries.length})` })), roundNote);
    if (!queue.entries.length) {
      replaceChildren(list, h('li', { class: 'empty-note queue-empty', 'data-testid': 'queue-empty', text: 'Nobody is waiting. Raise your hand to speak.' }));
      return;
    }
    const turn = queue.current;
    replaceChildren(list, ...queue.entries.map((e, i) => {
      const name = entryName(e);
      const isMe = e.memberId && e.memberId === s.me;
      const controls = facilitator ? h('div', { class: 'queue-entry-actions' },
        h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'queue-call', disabled: busy, title: `Give ${name} the floor now`,
          onclick: () => run('give the floor', () => q.call(connection, e.entryId, turn?.turnId)) }, 'Call'),
        h('button', { type: 'button', class: 'btn btn-small btn-quiet btn-icon', 'data-testid': 'queue-up', disabled: busy || i === 0,
          'aria-label': `Move ${name} up`, onclick: () => run('move the entry', () => q.move(connection, e.entryId, i - 1)) }, '↑'),
        h('button', { type: 'button', class: 'btn btn-small btn-quiet btn-icon', 'data-testid': 'queue-down', disabled: busy || i === queue.entries.length - 1,
          'aria-label': `Move ${name} down`, onclick: () => run('move the entry', () => q.move(connection, e.entryId, i + 1)) }, '↓'),
        h('button', { type: 'button', class: 'btn btn-small btn-quiet btn-icon', 'data-testid': 'queue-remove', disabled: busy,
          'aria-label': `Take ${name} off the queue`, onclick: () => run('take the entry off', () => q.remove(connection, e.entryId)) }, icon('x', 'icon-s')))
        : null;
      return h('li', { class: 'queue-entry', 'data-testid': 'queue-entry', 'data-id': e.entryId, 'data-entry-id': e.entryId,
        'data-member-id': e.memberId ?? '', 'data-kind': e.kind, 'data-me': String(Boolean(isMe)) },
      h('span', { class: 'queue-place', 'aria-hidden': 'true', text: String(i + 1) }),
      avatar(e.memberId, name),
      h('div', { class: 'queue-entry-text' },
        h('p', { class: 'queue-entry-name' }, h('span', { 'data-testid': 'queue-entry-name', text: name }),
          isMe ? h('span', { class: 'member-you', text: 'you' }) : null,
          e.memberId ? null : h('span', { class: 'hint', text: ' (no device)' })),
        h('p', { class: 'queue-entry-reason' }, h('span', { class: `tag kind-${e.kind}`, text: kindInfo(e.kind).short }),
          h('span', { 'data-testid': 'queue-entry-reason', text: reasonFor(s, e) }))),
      controls);
    }));
  }

  // ---- the facilitator's tools ---------------------------------------------------------------

  const addName = h('input', { class: 'input input-small', id: uid('queue-add'), type: 'text', maxlength: q.NAME_MAX,
    placeholder: 'Name', 'data-testid': 'queue-add-name', autocomplete: 'off' });
  const addKind = h('select', { class: 'select select-small', 'aria-label': 'Kind', 'data-testid': 'queue-add-kind' },
    RAISABLE.map((k) => h('option', { value: k.kind, selected: k.kind === 'new' }, k.label)));
  const addForm = h('form', { class: 'queue-add', 'data-testid': 'queue-add',
    onsubmit: async (ev) => {
      ev.preventDefault();
      if (!addName.value.trim()) return;
      const ok = await run('add them to the queue', () => q.addByName(connection, addName.value, addKind.value));
      if (ok !== null) addName.value = '';
      addName.focus();
    } },
  h('label', { class: 'label', for: addName.id, text: 'Add someone without a device' }),
  h('div', { class: 'queue-add-row' }, addName, addKind,
    h('button', { type: 'submit', class: 'btn btn-small', 'data-testid': 'queue-add-submit' }, 'Add')));
  const shuffle = h('input', { type: 'checkbox', 'data-testid': 'queue-round-shuffle' });
  // Kept across renders, so the settings stay open while the queue changes.
  const moreSettings = h('div', { class: 'queue-more-settings' });
  const moreBody = h('div', { class: 'queue-more-body' }, addForm, moreSettings);
  const more = h('details', { class: 'queue-more', 'data-testid': 'queue-settings' },
    h('summary', { class: 'queue-more-summary', 'data-testid': 'queue-settings-toggle', text: 'Add by name, turn limit, progressive stack' }), moreBody);

  const toolRow = h('div', { class: 'queue-tool-row' });
  tools.append(h('h3', { class: 'section-title', text: 'Facilitate' }), toolRow, more);

  function renderTools(s) {
    if (!isFacilitator(s)) {
      tools.hidden = true;
      return;
    }
    tools.hidden = false;
    const queue = queueOf(s.room);
    const limit = h('select', { class: 'select select-small', 'data-testid': 'queue-turn-limit', 'aria-label': 'Time limit per turn', disabled: busy,
      onchange: (e) => run('set the turn limit', () => q.configure(connection, { turnLimitSeconds: Number(e.target.value) })) },
    [...new Set([...LIMITS, queue.turnLimitSeconds])].sort((a, b) => a - b).map((v) => h('option', { value: v, selected: v === queue.turnLimitSeconds },
      v === 0 ? 'No limit per turn' : `${clock(v * 1000)} per turn`)));
    const progressive = h('label', { class: 'check queue-check' },
      h('input', { type: 'checkbox', 'data-testid': 'queue-progressive', checked: queue.progressive, disabled: busy,
        onchange: (e) => run('change the progressive stack', () => q.configure(connection, { progressive: e.target.checked })) }),
      h('span', { class: 'check-text' }, h('span', { class: 'label', text: 'Progressive stack' }),
        h('span', { class: 'hint', text: 'Among new points, whoever has spoken least in this meeting goes first.' })));
    const roundButton = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'queue-round-start', disabled: busy || Boolean(queue.round),
      title: queue.round ? 'A round is under way' : 'Queue everyone present once',
      onclick: () => {
        const s2 = state();
        const ids = currentMeeting(s2.room) ? null : presentMembers(s2)
          .sort((a, b) => (s2.room.members[a].joinedAt - s2.room.members[b].joinedAt) || a.localeCompare(b));
        run('start a round', () => q.startRound(connection, shuffle.checked, ids));
      } }, 'Start a round');
    replaceChildren(toolRow, roundButton,
        h('label', { class: 'queue-inline-check' }, shuffle, ' shuffled'),
        h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'queue-lock-toggle', 'aria-pressed': String(queue.locked), disabled: busy,
          onclick: () => run(queue.locked ? 'unlock the queue' : 'lock the queue', () => q.lock(connection, !queue.locked)) },
        icon(queue.locked ? 'unlock' : 'lock', 'icon-s'), queue.locked ? 'Unlock queue' : 'Lock queue'),
        h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'queue-clear', disabled: busy || (!queue.entries.length && !queue.round),
          onclick: () => run('clear the queue', () => q.clear(connection)) }, 'Clear queue'));
    replaceChildren(moreSettings, h('div', { class: 'queue-tool-row' }, limit), progressive);
  }

  // ---- speaking-time balance -----------------------------------------------------------------

  /** "Ana 2:10, Ben 0:40": each name in a bdi, so a right-to-left name keeps its time beside it, not across it. */
  function timesOf(rows) {
    return rows.flatMap((r, i) => [i ? ', ' : '', h('bdi', { text: r.name }), ` ${clock(r.millis)}`]);
  }

  function shareRow(r, testid) {
    return h('li', { class: 'queue-share', 'data-testid': testid, 'data-member-id': r.id, 'data-present': String(r.present), 'data-millis': Math.round(r.millis), 'data-live': String(r.live) },
      h('span', { class: 'queue-share-name', text: r.name }),
      h('span', { class: 'queue-share-bar', 'aria-hidden': 'true' }, fill(r.share)),
      h('span', { class: 'queue-share-figure',
        text: `${r.present ? `${Math.round(r.share * 100)} %` : 'not present'} · ${clock(r.millis)} · ${r.turns} ${r.turns === 1 ? 'turn' : 'turns'}` }));
  }

  /** The bar's fill; its width is set through the CSSOM, since the page's CSP forbids inline style attributes. */
  function fill(share) {
    const el = h('span', { class: 'queue-share-fill' });
    el.style.width = `${(share * 100).toFixed(1)}%`;
    return el;
  }

  function renderBalance(s) {
    const f = figures(s, connection.serverNow());
    const value = f.balance == null ? '—' : f.balance.toFixed(2);
    const facilitators = f.facilitatorShare == null ? '—' : `${Math.round(f.facilitatorShare * 100)} %`;
    const toggleFocused = document.activeElement === balanceToggle;
    replaceChildren(balanceBox,
      h('div', { class: 'section-head' }, h('h3', { class: 'section-title', id: 'queue-balance-title', text: 'Speaking time' }),
        h('p', { class: 'queue-balance-figure', title: '1 − Gini over the participants present: 1 is perfectly even, 1/n is one voice alone' },
          'Balance ', h('strong', { 'data-testid': 'queue-balance-value', 'data-value': f.balance == null ? '' : f.balance.toFixed(4), text: value })),
        balanceToggle),
      f.participants.length ? h('ul', { class: 'queue-shares', 'aria-label': 'Participants\' share of speaking time' },
        f.participants.map((r) => shareRow(r, 'queue-share'))) : h('p', { class: 'empty-note', text: 'Nobody present has spoken yet.' }),
      h('p', { class: 'queue-facilitator-share', 'data-testid': 'queue-facilitator-share' },
        `Facilitators: ${facilitators} of all speaking time`,
        f.facilitators.length ? [' (', timesOf(f.facilitators), ')'] : ''),
      f.guests.length ? h('p', { class: 'hint' }, 'Without a device: ', timesOf(f.guests)) : null);
    if (toggleFocused) balanceToggle.focus();
  }

  // ---- header and announcements ----------------------------------------------------------------

  function renderHeader(s) {
    const queue = queueOf(s.room);
    replaceChildren(settingsTag, 
      queue.locked ? h('span', { class: 'tag', 'data-testid': 'queue-locked', text: 'Locked' }) : null,
      queue.progressive ? h('span', { class: 'tag', 'data-testid': 'queue-progressive-tag', text: 'Progressive stack' }) : null);
  }

  function announce(s) {
    const turn = queueOf(s.room).current;
    const key = turn?.turnId ?? null;
    if (lastSpeaker === undefined) {
      lastSpeaker = key;
      return;
    }
    if (key === lastSpeaker) return;
    lastSpeaker = key;
    if (!turn) return;
    announcer.textContent = turn.memberId === s.me ? 'You have the floor.' : `${entryName(turn)} has the floor.`;
  }

  function renderAll() {
    const s = state();
    keepFocus(slot, () => {
      renderCurrent(s);
      renderMine(s);
      renderList(s);
      renderTools(s);
      renderBalance(s);
      renderHeader(s);
    });
  }

  store.subscribe((s, prev) => {
    if (s.room?.queue === prev.room?.queue && s.room?.members === prev.room?.members && s.me === prev.me
      && s.online === prev.online && s.room?.meeting === prev.room?.meeting) return;
    announce(s);
    renderAll();
  });
  renderAll();

  // The turn's clock and the live share: redrawn every second, from the server's time.
  setInterval(() => {
    const s = state();
    if (!queueOf(s.room).current) return;
    renderClock(s);
    renderBalance(s);
  }, 1000);

  return {};
}

