// The form to make a commitment, or edit one: what, for whom and with whom (members picked, people
// outside the room typed), the due date, an optional check-in date and the purpose target it serves.

import { h, uid } from '../../dom.js';
import { PARTY_NAME_MAX, WHAT_MAX } from '../../commitment/commands.js';
import { outsideNames } from '../../commitment/selectors.js';
import { isCurrent } from '../../membership/selectors.js';

function field(label, input, hint) {
  return h('div', { class: 'field' }, h('label', { class: 'label', for: input.id }, label), input,
    hint ? h('p', { class: 'hint', id: `${input.id}-hint`, text: hint }) : null);
}

/** Checkboxes for the members (all but the owner) and a text input for outside names. */
function parties(legend, key, members, ownerId, initial) {
  const picked = new Set((initial ?? []).filter((p) => p.memberId).map((p) => p.memberId));
  const boxes = members.filter((m) => m.id !== ownerId && isCurrent(m)).map((m) => {
    const id = uid(`cm-${key}`);
    return h('label', { class: 'check cm-party', for: id },
      h('input', { type: 'checkbox', id, value: m.id, checked: picked.has(m.id), 'data-testid': `commitment-${key}-member` }),
      h('span', { class: 'check-text', text: m.name }));
  });
  const othersId = uid(`cm-${key}-others`);
  const others = h('input', {
    class: 'input', id: othersId, 'data-testid': `commitment-${key}-names`, maxlength: 400,
    'aria-describedby': `${othersId}-hint`,
    value: (initial ?? []).filter((p) => !p.memberId).map((p) => p.name).join(', '),
  });
  const box = h('fieldset', { class: 'cm-parties' }, h('legend', { class: 'label', text: legend }),
    boxes.length ? h('div', { class: 'cm-party-list' }, boxes) : h('p', { class: 'hint', text: 'No other members yet.' }),
    h('div', { class: 'field' }, h('label', { class: 'label cm-sublabel', for: othersId, text: 'People or organisations outside the room' }),
      others, h('p', { class: 'hint', id: `${othersId}-hint`, text: `Separate names with commas (each up to ${PARTY_NAME_MAX} characters).` })));
  box.read = () => [
    ...[...box.querySelectorAll('input[type=checkbox]')].filter((b) => b.checked).map((b) => ({ memberId: b.value })),
    ...outsideNames(others.value),
  ];
  return box;
}

/**
 * A form element; `onSubmit(fields)` returns a promise (true when saved). initial: the commitment
 * to edit (null to make one); ownerId: whose it is (left out of the member choices).
 */
export function commitmentForm({ members, targets, initial = null, ownerId, onSubmit, onCancel, testid = 'commitment-form' }) {
  const whatId = uid('cm-what');
  const what = h('input', { class: 'input', id: whatId, required: true, maxlength: WHAT_MAX, value: initial?.what ?? '', 'data-testid': 'commitment-what-input' });
  const forWhom = parties('For whom', 'for', members, ownerId, initial?.forWhom);
  const withWhom = parties('With whom', 'with', members, ownerId, initial?.withWhom);
  const due = h('input', { class: 'input', type: 'date', id: uid('cm-due'), required: true, value: initial?.due ?? '', 'data-testid': 'commitment-due-input' });
  const checkIn = h('input', { class: 'input', type: 'date', id: uid('cm-checkin'), value: initial?.checkIn ?? '', 'data-testid': 'commitment-checkin-input' });
  const target = h('select', { class: 'select', id: uid('cm-target'), 'data-testid': 'commitment-target-input' },
    h('option', { value: '', text: 'None' }),
    targets.map((t) => h('option', { value: t.id, selected: t.id === initial?.targetId, text: t.what })));
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'commitment-form-error' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'commitment-save' },
    initial ? 'Save changes' : 'Make this commitment');
  const cancel = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'commitment-cancel', onclick: () => onCancel?.() }, 'Cancel');

  const form = h('form', { class: 'cm-form', 'data-testid': testid, 'aria-label': initial ? 'Edit the commitment' : 'Make a commitment', novalidate: true },
    field('What will you do?', what),
    h('div', { class: 'cm-form-parties' }, forWhom, withWhom),
    h('div', { class: 'cm-form-dates' },
      field('Due', due),
      field('Check-in (optional)', checkIn, 'A day to say how it is going.')),
    targets.length ? field('Purpose target it serves (optional)', target) : null,
    error,
    h('div', { class: 'form-actions' }, save, cancel));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (!what.value.trim()) {
      error.textContent = 'Say what you will do.';
      what.focus();
      return;
    }
    if (!due.value) {
      error.textContent = 'Pick the day it is due.';
      due.focus();
      return;
    }
    if (checkIn.value && checkIn.value > due.value) {
      error.textContent = 'The check-in day must not be after the due day.';
      checkIn.focus();
      return;
    }
    const fields = {
      what: what.value.trim(),
      forWhom: forWhom.read(),
      withWhom: withWhom.read(),
      due: due.value,
    };
    if (initial) {
      fields.checkIn = checkIn.value || '';
      fields.targetId = target.value || '';
    } else {
      if (checkIn.value) fields.checkIn = checkIn.value;
      if (target.value) fields.targetId = target.value;
    }
    save.disabled = true;
    try {
      const message = await onSubmit(fields);
      if (typeof message === 'string') error.textContent = message;
    } finally {
      save.disabled = false;
    }
  });
  form.focusFirst = () => what.focus();
  return form;
}
