// One commitment on the board: what, its owner, for/with whom, due (with the due-soon / overdue
// marker), check-in, target, status and its reason or blocker, the hand-over, its history, and
// the owner's and facilitators' controls (status with its inline reason/blocker form, edit, hand over).

import { h, uid } from '../../dom.js';
import { hueOf } from '../../membership/colors.js';
import { isCurrent } from '../../membership/selectors.js';
import { day, timeAgo } from '../../time.js';
import { NOTE_MAX } from '../../commitment/commands.js';
import {
  NOTE_FOR, STATUSES, STATUS_LABELS, canChange, dueState, dueWords, isOpen, partyName,
} from '../../commitment/selectors.js';

export function avatar(memberId, name) {
  const initials = (name || '?').trim().split(/\s+/).slice(0, 2).map((w) => w[0]).join('').toUpperCase();
  return h('span', { class: `avatar avatar-s hue-${hueOf(memberId)}`, 'aria-hidden': 'true' }, initials);
}

const CHANGE_WORDS = {
  made: 'made it', claimed: 'claimed it', edited: 'edited it', status: 'set the status',
  handover_offered: 'offered it to', handover_withdrawn: 'withdrew the hand-over', handover_accepted: 'took it on',
  handover_declined: 'declined the hand-over', reviewed: 'reviewed it',
};

export function statusTag(status) {
  return h('span', { class: `tag cm-status cm-status-${status}`, 'data-testid': 'commitment-status', 'data-status': status, text: STATUS_LABELS[status] ?? status });
}

function partiesLine(label, parties, members) {
  if (!parties?.length) return null;
  return h('p', { class: 'cm-line' }, h('span', { class: 'cm-line-label', text: `${label} ` }),
    parties.map((p, i) => [i ? ', ' : null, h('span', { class: p.memberId ? 'cm-party-member' : 'cm-party-outside', text: partyName(p, members) })]));
}

/** The inline status form: the status, then the reason or blocker it needs (or an optional note). */
export function statusForm({ commitment, onSubmit, onCancel, submitLabel = 'Save status', testid = 'status-form' }) {
  const selectId = uid('cm-status');
  const noteId = uid('cm-note');
  const select = h('select', { class: 'select select-small', id: selectId, 'data-testid': 'status-select' },
    STATUSES.map((s) => h('option', { value: s, selected: s === commitment.status, text: STATUS_LABELS[s] })));
  const noteLabel = h('label', { class: 'label', for: noteId });
  const note = h('input', { class: 'input', id: noteId, maxlength: NOTE_MAX, 'data-testid': 'status-note' });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'status-error' });
  const sync = () => {
    const need = NOTE_FOR[select.value];
    noteLabel.textContent = need ? need.label : 'Note (optional)';
    note.required = !!need;
    note.placeholder = need ? (select.value === 'blocked' ? 'e.g. waiting for the permit' : 'e.g. someone else took it on') : '';
  };
  select.addEventListener('change', () => {
    error.textContent = '';
    sync();
  });
  sync();
  const form = h('form', { class: 'cm-inline-form', 'data-testid': testid, 'aria-label': `Status of: ${commitment.what}`, novalidate: true },
    h('div', { class: 'field' }, h('label', { class: 'label', for: selectId, text: 'Status' }), select),
    h('div', { class: 'field' }, noteLabel, note),
    error,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'status-save' }, submitLabel),
      onCancel ? h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'status-cancel', onclick: onCancel }, 'Cancel') : null));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const need = NOTE_FOR[select.value];
    if (need && !note.value.trim()) {
      error.textContent = select.value === 'blocked' ? 'Say what blocks it.' : 'Say in a few words why you release it.';
      note.focus();
      return;
    }
    error.textContent = '';
    const message = await onSubmit(select.value, note.value.trim());
    if (typeof message === 'string') error.textContent = message;
  });
  form.focusFirst = () => select.focus();
  return form;
}

function handoverForm({ commitment, members, onSubmit, onCancel }) {
  const id = uid('cm-handover');
  const options = members.filter((m) => isCurrent(m) && m.role !== 'observer' && m.id !== commitment.ownerId);
  const select = h('select', { class: 'select select-small', id, 'data-testid': 'handover-select' },
    options.map((m) => h('option', { value: m.id, text: m.name })));
  const form = h('form', { class: 'cm-inline-form', 'data-testid': 'handover-form', 'aria-label': `Hand over: ${commitment.what}` },
    h('div', { class: 'field' }, h('label', { class: 'label', for: id, text: 'Hand it over to' }), select),
    h('p', { class: 'hint', text: 'It stays yours until they accept.' }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'handover-offer', disabled: !options.length }, 'Offer'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: onCancel }, 'Cancel')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (select.value) onSubmit(select.value);
  });
  form.focusFirst = () => select.focus();
  return form;
}

/**
 * A commitment card. ctx: { state, me (member), members (map), targets, now, busy, forms (Map of
 * open inline forms by key), open(key, makeForm), close(key), act(what, fn), actions }.
 */
export function commitmentCard(ctx, c) {
  const { members, now } = ctx;
  const owner = members[c.ownerId];
  const ownerName = owner?.name ?? 'a former member';
  const due = dueState(c, now);
  const mine = c.ownerId === ctx.me?.id;
  const changeable = canChange(c, ctx.me);
  const target = c.targetId ? ctx.targets.find((t) => t.id === c.targetId) : null;
  const key = (what) => `${c.commitmentId}:${what}`;

  const dueTag = c.due || isOpen(c) ? h('span', {
    class: `tag cm-due cm-due-${due.state}`, 'data-testid': 'commitment-due', 'data-due-state': due.state,
    title: c.due ? day(c.due) : null,
  }, dueWords(c, now, day)) : null;

  const head = h('div', { class: 'cm-card-head' },
    h('p', { class: 'cm-what', 'data-testid': 'commitment-what', text: c.what }),
    h('div', { class: 'cm-tags' }, statusTag(c.status), dueTag));

  const ownerLine = h('p', { class: 'cm-owner', 'data-testid': 'commitment-owner', 'data-member-id': c.ownerId },
    avatar(c.ownerId, ownerName), h('span', { class: 'cm-line-label', text: 'Owner ' }),
    h('span', { class: 'cm-owner-name', 'data-testid': 'commitment-owner-name', text: ownerName }),
    mine ? h('span', { class: 'member-you', text: ' (you)' }) : null);

  const details = [
    partiesLine('For', c.forWhom, members),
    partiesLine('With', c.withWhom, members),
    c.checkIn ? h('p', { class: 'cm-line' }, h('span', { class: 'cm-line-label', text: 'Check-in ' }), day(c.checkIn)) : null,
    target ? h('p', { class: 'cm-line' }, h('span', { class: 'cm-line-label', text: 'Serves ' }), h('span', { text: target.what })) : null,
    c.note ? h('p', { class: `cm-note cm-note-${c.status}`, 'data-testid': 'commitment-note' },
      h('span', { class: 'cm-line-label', text: c.status === 'blocked' ? 'Blocked by ' : 'Released because ' }), h('span', { text: c.note })) : null,
    c.needId ? h('p', { class: 'cm-line cm-from-need', text: 'Claimed from a need' }) : null,
  ];

  // The hand-over: who it waits for, and the answer buttons on the receiver's board.
  let handover = null;
  if (c.handover) {
    const to = members[c.handover.toMemberId]?.name ?? 'someone';
    if (c.handover.toMemberId === ctx.me?.id) {
      handover = h('div', { class: 'cm-handover cm-handover-mine', 'data-testid': 'handover-offer-to-me', role: 'group', 'aria-label': 'Hand-over offered to you' },
        h('p', { text: `${ownerName} offers to hand this over to you.` }),
        h('div', { class: 'form-actions' },
          h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'handover-accept', disabled: ctx.busy,
            onclick: () => ctx.act('accept the hand-over', (cmd) => cmd.answerHandover(c.commitmentId, true)) }, 'Accept'),
          h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'handover-decline', disabled: ctx.busy,
            onclick: () => ctx.act('decline the hand-over', (cmd) => cmd.answerHandover(c.commitmentId, false)) }, 'Decline')));
    } else {
      handover = h('div', { class: 'cm-handover', 'data-testid': 'handover-pending' },
        h('p', { text: `Offered to ${to}; waiting for them to accept.` }),
        mine ? h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'handover-withdraw', disabled: ctx.busy,
          onclick: () => ctx.act('withdraw the hand-over', (cmd) => cmd.handOver(c.commitmentId, null)) }, 'Withdraw') : null);
    }
  }

  const actions = [];
  if (changeable) {
    actions.push(h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'status-change', 'aria-expanded': String(ctx.forms.has(key('status'))),
      disabled: ctx.busy, onclick: () => ctx.open(key('status'), () => statusForm({
        commitment: c,
        onCancel: () => ctx.close(key('status')),
        onSubmit: (status, note) => ctx.act('change the status', (cmd) => cmd.setStatus(c.commitmentId, status, note), key('status')),
      })) }, 'Change status'));
    actions.push(h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'commitment-edit', 'aria-expanded': String(ctx.forms.has(key('edit'))),
      disabled: ctx.busy, onclick: () => ctx.open(key('edit'), () => ctx.editForm(c, () => ctx.close(key('edit')))) }, 'Edit'));
  }
  if (mine && isOpen(c) && !c.handover && ctx.me.role !== 'observer') {
    actions.push(h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'handover-open', 'aria-expanded': String(ctx.forms.has(key('handover'))),
      disabled: ctx.busy, onclick: () => ctx.open(key('handover'), () => handoverForm({
        commitment: c,
        members: Object.values(members),
        onCancel: () => ctx.close(key('handover')),
        onSubmit: (to) => ctx.act('hand it over', (cmd) => cmd.handOver(c.commitmentId, to), key('handover')),
      })) }, 'Hand over'));
  }

  const forms = ['status', 'edit', 'handover'].map((k) => ctx.forms.get(key(k))).filter(Boolean);

  const history = h('details', { class: 'cm-history', 'data-testid': 'commitment-history' },
    h('summary', { text: `History (${c.history?.length ?? 0})` }),
    h('ol', { class: 'cm-history-list' }, (c.history ?? []).slice().reverse().map((e) => h('li', { 'data-testid': 'commitment-history-entry' },
      h('span', { class: 'cm-history-who', text: members[e.by]?.name ?? (e.by === 'system' ? 'Cairn' : 'Someone') }), ' ',
      CHANGE_WORDS[e.change] ?? e.change,
      e.memberId && e.change === 'handover_offered' ? ` ${members[e.memberId]?.name ?? 'someone'}` : '',
      e.change === 'status' ? `: ${STATUS_LABELS[e.status] ?? e.status}` : '',
      e.note ? h('span', { class: 'cm-history-note', text: ` — ${e.note}` }) : null,
      ' · ', timeAgo(h, e.at)))));

  return h('li', {
    class: `cm-card cm-card-${c.status}${due.state === 'overdue' ? ' cm-card-overdue' : ''}`,
    'data-testid': 'commitment', 'data-id': c.commitmentId, 'data-owner-id': c.ownerId, 'data-status': c.status,
    'data-due-state': due.state, 'data-mine': String(mine),
  }, head, ownerLine, details, handover,
  actions.length ? h('div', { class: 'cm-actions' }, actions) : null, forms, history);
}
