// The agenda: segments in order with their kind, planned minutes, owner and how they went in this
// meeting (under way, done in n of m minutes, skipped). Facilitators add, edit in place, reorder,
// remove and move to a segment, live, also during the meeting; everyone else may propose a
// segment, which facilitators accept or decline. Rows are kept by id so open forms survive updates.

import { h, keepFocus, replaceChildren, uid } from '../../dom.js';
import { icon } from '../../icons.js';
import { canEdit, isFacilitator } from '../../membership/selectors.js';
import * as cmd from '../../meeting/commands.js';
import { meetingPart } from '../../meeting/events.js';
import { toast } from '../toast.js';
import { act, autoTimer, memberName } from './util.js';
import { inlineConfirm } from '../confirm.js';

/** Whole minutes, or "<1" for less than one (a segment moved on from at once). */
const minutesOf = (ms) => (ms < 30_000 ? '<1' : String(Math.round(ms / 60_000)));

export function mountAgenda({ store, connection }) {
  const list = h('ol', { class: 'segment-list', 'data-testid': 'segment-list', 'aria-labelledby': 'agenda-title' });
  const empty = h('p', { class: 'empty-note', 'data-testid': 'agenda-empty' });
  const total = h('span', { class: 'section-count', 'data-testid': 'agenda-total' });
  const addSlot = h('div', { class: 'segment-add' });
  const proposals = h('div', { class: 'proposals', 'data-testid': 'proposals' });
  // A plain block: the panel around it is already the region called "Agenda" (two would be one landmark too many).
  // On a phone the list folds behind "Show all" (the current segment is above it), so the queue and
  // the purpose are within the first screen; elsewhere the toggle is not shown and the list always is.
  const body = h('div', { class: 'agenda-body', id: 'agenda-body' }, list, addSlot, proposals);
  const toggleLabel = h('span', { text: 'Show all' });
  const toggle = h('button', {
    type: 'button', class: 'btn btn-quiet btn-small agenda-toggle', 'aria-expanded': 'false', 'aria-controls': 'agenda-body',
    'data-testid': 'agenda-toggle', onclick: () => setExpanded(element.dataset.expanded !== 'true'),
  }, toggleLabel, h('span', { class: 'visually-hidden', text: ' the agenda' }));
  const element = h('div', { class: 'agenda', 'data-testid': 'agenda', dataset: { expanded: 'false' } },
    h('div', { class: 'section-head' }, h('h3', { class: 'section-title', id: 'agenda-title', text: 'Agenda' }), total, toggle),
    empty, body);

  function setExpanded(expanded) {
    element.dataset.expanded = String(expanded);
    toggle.setAttribute('aria-expanded', String(expanded));
    toggleLabel.textContent = expanded ? 'Hide' : 'Show all';
  }

  const rows = new Map(); // id → {li, sig, mode: 'view' | 'edit' | 'remove'}
  let adding = null; // the open add or propose form

  function rowFor(state, segment, index, count) {
    const existing = rows.get(segment.id);
    const row = existing ?? { li: h('li', { class: 'segment', 'data-testid': 'segment', dataset: { id: segment.id } }), sig: null, mode: 'view' };
    rows.set(segment.id, row);
    const m = meetingPart(state.room).meeting;
    const run = m?.runs?.[segment.id] ?? null;
    const status = run?.status ?? (m ? 'pending' : 'planned');
    row.li.dataset.status = status;
    if (row.mode === 'edit') return row;
    const facilitator = isFacilitator(state);
    // an owner who has since left the room is not named
    const owner = segment.ownerId && state.room?.members?.[segment.ownerId] ? memberName(state, segment.ownerId) : null;
    const sig = JSON.stringify([segment, index === 0, index === count - 1, facilitator, row.mode, run, Boolean(m), owner]);
    if (sig === row.sig) return row;
    row.sig = sig;
    replaceChildren(row.li, ...(row.mode === 'remove' ? removeConfirm(segment) : view(segment, index, count, facilitator, run, Boolean(m), owner)));
    return row;
  }

  function view(segment, index, count, facilitator, run, inMeeting, owner) {
    let statusText = null;
    if (run?.status === 'active') statusText = h('span', { class: 'tag tag-now', 'data-testid': 'segment-status', text: 'Now' });
    else if (run?.status === 'done') {
      statusText = h('span', { class: 'tag tag-done', 'data-testid': 'segment-status',
        text: `Done · ${minutesOf(run.actualMs)} of ${run.plannedMinutes} min` });
    } else if (run?.status === 'skipped') statusText = h('span', { class: 'tag tag-skipped', 'data-testid': 'segment-status', text: 'Skipped' });
    const main = h('div', { class: 'segment-main' },
      h('p', { class: 'segment-line' },
        h('span', { class: 'segment-index', 'aria-hidden': 'true', text: `${index + 1}` }),
        h('span', { class: 'segment-title', 'data-testid': 'segment-title', text: segment.title }),
        statusText),
      h('p', { class: 'segment-meta' },
        h('span', { class: `kind kind-${segment.kind}`, text: cmd.kindLabel(segment.kind) }),
        h('span', { 'aria-hidden': 'true', text: ' · ' }),
        h('span', { 'data-testid': 'segment-minutes', text: `${segment.minutes} min` }),
        owner ? [h('span', { 'aria-hidden': 'true', text: ' · ' }), h('span', { text: `led by ${owner}` })] : null),
      segment.notes ? h('p', { class: 'segment-notes', text: segment.notes }) : null);
    if (!facilitator) return [main];
    const name = `“${segment.title}”`;
    const button = (testid, label, iconName, onclick, disabled = false) => h('button', {
      type: 'button', class: 'btn btn-quiet btn-icon', 'data-testid': testid, 'aria-label': `${label} ${name}`,
      title: label, disabled, onclick,
    }, icon(iconName, 'icon-s'));
    const actions = h('div', { class: 'segment-actions' },
      inMeeting && run?.status !== 'active' ? h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'segment-goto',
        'aria-label': `Go to ${name}`, onclick: () => act('move to the segment', cmd.goTo(connection, segment.id, autoTimer())) }, 'Go') : null,
      button('segment-up', 'Move up', 'up', () => act('move the segment', cmd.moveSegment(connection, segment.id, index - 1)), index === 0),
      button('segment-down', 'Move down', 'down', () => act('move the segment', cmd.moveSegment(connection, segment.id, index + 1)), index === count - 1),
      button('segment-edit', 'Edit', 'pencil', () => openEdit(segment)),
      button('segment-remove', 'Remove', 'trash', () => setMode(segment.id, 'remove', 'segment-remove-cancel'), run?.status === 'active'));
    return [main, actions];
  }

  /** "Remove this segment?": opens on Cancel; Escape or Cancel keeps it and goes back to its Remove button. */
  function removeConfirm(segment) {
    return [inlineConfirm({
      testid: 'segment-remove', label: `Confirm removing “${segment.title}”`,
      before: h('p', { class: 'segment-title', text: segment.title }),
      question: 'Remove this segment from the agenda for everyone?', yes: 'Remove', no: 'Cancel',
      onYes: () => act('remove the segment', cmd.removeSegment(connection, segment.id)).then(() => setMode(segment.id, 'view')),
      onNo: () => setMode(segment.id, 'view', 'segment-remove'),
    })];
  }

  function setMode(id, mode, focusTestId) {
    const row = rows.get(id);
    if (!row) return;
    row.mode = mode;
    row.sig = null;
    render(store.getState());
    if (focusTestId) row.li.querySelector(`[data-testid="${focusTestId}"]`)?.focus();
  }

  function openEdit(segment) {
    const row = rows.get(segment.id);
    if (!row) return;
    row.mode = 'edit';
    row.sig = null;
    const form = segmentForm({
      state: store.getState(), title: 'Edit segment', initial: segment, submitLabel: 'Save', withOwner: true,
      onSubmit: async (fields) => {
        await cmd.updateSegment(connection, segment.id, fields);
        setMode(segment.id, 'view', 'segment-edit');
      },
      onCancel: () => setMode(segment.id, 'view', 'segment-edit'),
      failure: 'save the segment',
    });
    replaceChildren(row.li, form);
    form.querySelector('input').focus();
  }

  function openAdd(proposing) {
    if (adding) {
      adding.querySelector('input')?.focus();
      return;
    }
    adding = segmentForm({
      state: store.getState(), title: proposing ? 'Propose a segment' : 'New segment',
      submitLabel: proposing ? 'Propose' : 'Add segment', withOwner: !proposing,
      onSubmit: async (fields) => {
        await (proposing ? cmd.propose(connection, fields) : cmd.addSegment(connection, fields));
        if (proposing) toast('Proposed. A facilitator will accept or decline it.', { kind: 'ok' });
        closeAdd();
      },
      onCancel: closeAdd,
      failure: proposing ? 'propose the segment' : 'add the segment',
    });
    replaceChildren(addSlot, adding);
    adding.querySelector('input').focus();
  }

  function closeAdd() {
    adding = null;
    render(store.getState());
    addSlot.querySelector('button')?.focus();
  }

  function renderProposals(state) {
    const part = meetingPart(state.room);
    const facilitator = isFacilitator(state);
    const visible = facilitator ? part.proposals : part.proposals.filter((p) => p.by === state.me);
    proposals.hidden = visible.length === 0;
    if (!visible.length) {
      replaceChildren(proposals);
      return;
    }
    replaceChildren(proposals,
      h('h4', { class: 'proposals-title', text: facilitator ? 'Proposed segments' : 'Your proposals, waiting' }),
      h('ul', { class: 'proposal-list' }, visible.map((p) => h('li', { class: 'proposal', 'data-testid': 'proposal', dataset: { id: p.id } },
        h('div', { class: 'segment-main' },
          h('p', { class: 'segment-title', text: p.title }),
          h('p', { class: 'segment-meta', text: `${cmd.kindLabel(p.kind)} · ${p.minutes} min · proposed by ${memberName(state, p.by)}` }),
          p.notes ? h('p', { class: 'segment-notes', text: p.notes }) : null),
        facilitator ? h('div', { class: 'segment-actions' },
          h('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-testid': 'proposal-accept',
            'aria-label': `Accept “${p.title}”`, onclick: () => act('accept the proposal', cmd.acceptProposal(connection, p.id)) }, 'Accept'),
          h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'proposal-decline',
            'aria-label': `Decline “${p.title}”`, onclick: () => act('decline the proposal', cmd.declineProposal(connection, p.id)) }, 'Decline'))
          : null))));
  }

  function render(state) {
    const part = meetingPart(state.room);
    const segments = part.agenda;
    const seen = new Set();
    const wanted = segments.map((s, i) => {
      seen.add(s.id);
      return rowFor(state, s, i, segments.length).li;
    });
    for (const [id, row] of rows) {
      if (seen.has(id)) continue;
      if (row.mode === 'edit') toast('A segment you were editing was removed by someone else.', { kind: 'info' });
      row.li.remove();
      rows.delete(id);
    }
    const inPlace = wanted.length === list.children.length && wanted.every((li, i) => list.children[i] === li);
    if (!inPlace) {
      const active = document.activeElement;
      list.append(...wanted);
      if (active && active !== document.activeElement && list.contains(active)) active.focus();
    }
    const facilitator = isFacilitator(state);
    empty.hidden = segments.length > 0 || Boolean(adding);
    empty.textContent = facilitator ? 'No agenda yet. Add the segments of the meeting; it stays here for the next one.'
      : 'No agenda yet.';
    const planned = segments.reduce((sum, s) => sum + s.minutes, 0);
    total.textContent = segments.length ? `${segments.length} · ${planned} min` : '';
    // Nothing to fold in an empty agenda (its "Add a segment" stays in view).
    toggle.hidden = segments.length === 0;
    element.dataset.foldable = String(!toggle.hidden);
    if (!adding) {
      replaceChildren(addSlot, facilitator
        ? h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'segment-add', onclick: () => openAdd(false) },
          icon('plus', 'icon-s'), 'Add a segment')
        : canEdit(state) ? h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'propose-open', onclick: () => openAdd(true) },
          icon('plus', 'icon-s'), 'Propose a segment') : null);
    }
    renderProposals(state);
  }

  store.subscribe((state, prev) => {
    if (state.room?.meeting !== prev.room?.meeting || state.room?.members !== prev.room?.members || state.me !== prev.me) {
      keepFocus(element, () => render(state));
    }
  });
  render(store.getState());
  return { element };
}

/** The add/edit/propose form: labelled fields, Enter saves, Escape cancels; shows the server's refusal. */
function segmentForm({ state, title, initial = {}, submitLabel, withOwner, onSubmit, onCancel, failure }) {
  const field = (label, control) => h('div', { class: 'field' }, h('label', { class: 'label', for: control.id, text: label }), control);
  const titleInput = h('input', { class: 'input', id: uid('seg-title'), required: true, maxlength: cmd.MAX_TITLE,
    value: initial.title ?? '', placeholder: 'Check-in', 'data-testid': 'segment-title-input', autocomplete: 'off' });
  const kind = h('select', { class: 'select', id: uid('seg-kind'), 'data-testid': 'segment-kind-input' },
    cmd.KINDS.map(([value, label]) => h('option', { value, selected: value === (initial.kind ?? 'discussion') }, label)));
  kind.value = initial.kind ?? 'discussion';
  const minutes = h('input', { class: 'input input-narrow', id: uid('seg-min'), type: 'number', required: true,
    min: cmd.MIN_MINUTES, max: cmd.MAX_MINUTES, value: initial.minutes ?? 10, 'data-testid': 'segment-minutes-input' });
  const notes = h('textarea', { class: 'input', id: uid('seg-notes'), rows: 2, maxlength: cmd.MAX_NOTES,
    'data-testid': 'segment-notes-input' });
  notes.value = initial.notes ?? '';
  const members = Object.values(state.room?.members ?? {}).filter((m) => m.role !== 'observer');
  const owner = withOwner ? h('select', { class: 'select', id: uid('seg-owner'), 'data-testid': 'segment-owner-input' },
    h('option', { value: '' }, 'Nobody in particular'),
    members.map((m) => h('option', { value: m.id, selected: m.id === initial.ownerId }, m.name))) : null;
  if (owner) owner.value = initial.ownerId ?? '';
  const error = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'segment-save' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), submitLabel);
  const cancel = h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: onCancel }, 'Cancel');
  const form = h('form', { class: 'segment-form', 'data-testid': 'segment-form', 'aria-label': title },
    h('div', { class: 'segment-fields' }, field('Title', titleInput), field('Kind', kind), field('Minutes', minutes),
      owner ? field('Led by (optional)', owner) : null),
    field('Notes (optional)', notes), error, h('div', { class: 'form-actions' }, save, cancel));
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const n = Number(minutes.value);
    if (!titleInput.value.trim()) {
      error.textContent = 'Give the segment a title.';
      titleInput.focus();
      return;
    }
    if (!Number.isInteger(n) || n < cmd.MIN_MINUTES || n > cmd.MAX_MINUTES) {
      error.textContent = 'Plan from 1 minute to 8 hours (480 minutes).';
      minutes.focus();
      return;
    }
    error.textContent = '';
    save.setAttribute('aria-busy', 'true');
    save.disabled = true;
    try {
      await onSubmit({ title: titleInput.value, kind: kind.value, minutes: n, notes: notes.value, ownerId: owner?.value ?? '' });
    } catch (err) {
      error.textContent = `Couldn't ${failure}: ${String(err?.message ?? 'something went wrong').replace(/[.]$/, '')}.`;
      save.removeAttribute('aria-busy');
      save.disabled = false;
    }
  });
  return form;
}
