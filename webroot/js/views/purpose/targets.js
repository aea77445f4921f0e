// Measurable targets under the purpose: what is measured, from where to where, by when, tracked
// by whom. Anyone who may edit adds, edits in place, reorders (up/down buttons) and removes them;
// everyone sees changes live. Rows are kept by target id so focus and open forms survive updates.

import { h, keepFocus, uid } from '../../dom.js';
import { icon } from '../../icons.js';
import { canEdit } from '../../membership/selectors.js';
import { TARGET_LIMITS, addTarget, editing, moveTarget, removeTarget, updateTarget } from '../../purpose/commands.js';
import { EDITING_REPEAT_MS, changedSince, editingLabel, keepMine, versionOf } from '../../editing.js';
import { conflictNotice } from '../edit-conflict.js';
import { purpose } from '../../purpose/selectors.js';
import { day } from '../../time.js';
import { commandFailed, toast } from '../toast.js';
import { inlineConfirm } from '../confirm.js';

const FIELDS = [
  { key: 'what', label: 'What we measure', required: true, placeholder: 'Families who use the food bank each month' },
  { key: 'baseline', label: 'Baseline', placeholder: '40' },
  { key: 'target', label: 'Target', required: true, placeholder: '120' },
  { key: 'due', label: 'By when', type: 'date' },
  { key: 'tracker', label: 'Tracked by', placeholder: 'A name' },
];

const KEYS = FIELDS.map((f) => f.key);
const itemOf = (id) => `target:${id}`;

/** presence: the EditingPresence of the room's `editing` frames (who has which target open). */
export function mountTargets({ store, connection, presence }) {
  const list = h('ol', { class: 'target-list', 'data-testid': 'target-list', 'aria-labelledby': 'targets-title' });
  const empty = h('p', { class: 'empty-note', 'data-testid': 'targets-empty',
    text: 'No targets yet. Name what you will measure, from where to where, and by when.' });
  const addButton = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'target-add' },
    icon('plus', 'icon-s'), 'Add a target');
  const addSlot = h('div', { class: 'target-add' }, addButton);
  const count = h('span', { class: 'section-count', 'data-testid': 'targets-count' });
  const element = h('section', { class: 'targets', 'aria-labelledby': 'targets-title', 'data-testid': 'targets' },
    h('div', { class: 'section-head' }, h('h3', { class: 'section-title', id: 'targets-title', text: 'Measurable targets' }), count),
    empty, list, addSlot);

  // id → {li, sig, mode: 'view' | 'edit' | 'remove', and while editing: base (the target the form
  // was opened on), form, shownVersion (the version a conflict notice is shown for)}
  const rows = new Map();
  let adding = null; // the open add form

  addButton.addEventListener('click', () => openAdd());

  function openAdd() {
    if (adding) {
      adding.querySelector('input')?.focus();
      return;
    }
    adding = targetForm({
      title: 'New target',
      submitLabel: 'Add target',
      onSubmit: async (fields) => {
        await addTarget(connection, fields);
        closeAdd();
        addButton.focus();
      },
      onCancel: () => {
        closeAdd();
        addButton.focus();
      },
      failure: 'add the target',
    });
    addSlot.replaceChildren(adding);
    adding.querySelector('input').focus();
  }

  function closeAdd() {
    adding = null;
    addSlot.replaceChildren(addButton);
    render(store.getState());
  }

  function rowFor(target, index, total, editor) {
    const existing = rows.get(target.id);
    const row = existing ?? { li: h('li', { class: 'target', 'data-testid': 'target', dataset: { id: target.id } }), sig: null, mode: 'view' };
    rows.set(target.id, row);
    const others = othersEditing(target.id);
    if (row.mode === 'edit') {
      updateEditForm(row, target, others);
      return row;
    }
    const sig = JSON.stringify([target, index === 0, index === total - 1, editor, row.mode, others]);
    if (sig === row.sig) return row;
    row.sig = sig;
    row.li.replaceChildren(...(row.mode === 'remove' ? removeConfirm(target) : view(target, index, total, editor, others)));
    return row;
  }

  /** "Ben is editing" for a target, from the others' editing signals. */
  function othersEditing(id) {
    const state = store.getState();
    const names = presence.editors(itemOf(id), state.me, Date.now())
      .map((memberId) => state.room?.members?.[memberId]?.name ?? 'Someone');
    return editingLabel(names);
  }

  function nameOf(memberId) {
    const state = store.getState();
    return memberId === state.me ? 'You' : state.room?.members?.[memberId]?.name ?? 'Someone';
  }

  /** An open form's live parts: who else is editing, and the notice when the target changed under it. */
  function updateEditForm(row, target, others) {
    row.form.setEditors(others);
    // While my own save is on its way, a new version is mine (the ack closes the form) or makes
    // my save a conflict (the refusal shows the notice): say nothing yet.
    if (row.saving || !changedSince(row.base, target) || row.shownVersion === versionOf(target)) return;
    row.shownVersion = versionOf(target);
    const who = nameOf(target.by);
    row.form.showNotice(conflictNotice({
      fields: FIELDS, base: row.base, mine: row.form.values(), theirs: target, who, what: 'target',
      // Keep mine: my changes on their version (fields I left alone take theirs), saved at once.
      onKeepMine: () => {
        const current = purpose(store.getState()).targets.find((t) => t.id === target.id) ?? target;
        const merged = keepMine(KEYS, row.base, row.form.values(), current);
        row.base = current;
        row.shownVersion = null;
        row.form.fill(merged);
        row.form.showNotice(null);
        row.form.requestSubmit();
      },
      // Use theirs: drop my changes; the row shows their version.
      onUseTheirs: () => setMode(target.id, 'view', 'target-edit'),
    }));
  }

  function view(target, index, total, editor, others) {
    const main = h('div', { class: 'target-main' },
      h('p', { class: 'target-what', 'data-testid': 'target-what', text: target.what }),
      others ? h('p', { class: 'target-editing', 'data-testid': 'target-editing' },
        h('span', { class: 'editing-dot', 'aria-hidden': 'true' }), others) : null,
      h('p', { class: 'target-path', 'data-testid': 'target-path' },
        target.baseline ? h('span', { class: 'target-from' }, h('span', { class: 'visually-hidden', text: 'from ' }), target.baseline) : null,
        target.baseline ? h('span', { class: 'target-arrow', 'aria-hidden': 'true', text: '→' }) : null,
        h('span', { class: 'target-to' }, h('span', { class: 'visually-hidden', text: target.baseline ? 'to ' : 'target ' }), target.target)),
      (target.due || target.tracker) ? h('p', { class: 'target-meta' },
        target.due ? h('span', {}, 'By ', h('time', { datetime: target.due, text: day(target.due) })) : null,
        target.due && target.tracker ? h('span', { 'aria-hidden': 'true', text: ' · ' }) : null,
        target.tracker ? h('span', { text: `Tracked by ${target.tracker}` }) : null) : null);
    if (!editor) return [main];
    const name = `“${target.what}”`;
    const button = (testid, label, iconName, onclick, disabled = false) => h('button', {
      type: 'button', class: 'btn btn-quiet btn-icon', 'data-testid': testid, 'aria-label': `${label} ${name}`,
      title: label, disabled, onclick,
    }, icon(iconName, 'icon-s'));
    const actions = h('div', { class: 'target-actions' },
      button('target-up', 'Move up', 'up', () => move(target, index - 1, 'target-up'), index === 0),
      button('target-down', 'Move down', 'down', () => move(target, index + 1, 'target-down'), index === total - 1),
      button('target-edit', 'Edit', 'pencil', () => openEdit(target)),
      button('target-remove', 'Remove', 'trash', () => setMode(target.id, 'remove', 'target-remove-cancel')));
    return [main, actions];
  }

  /** "Remove this target for everyone?": opens on Cancel; Escape or Cancel keeps it and goes back to its Remove button. */
  function removeConfirm(target) {
    return [inlineConfirm({
      testid: 'target-remove', label: `Confirm removing “${target.what}”`,
      before: h('p', { class: 'target-what', text: target.what }),
      question: 'Remove this target for everyone?', yes: 'Remove', no: 'Cancel',
      onYes: () => remove(target),
      onNo: () => setMode(target.id, 'view', 'target-remove'),
    })];
  }

  function setMode(id, mode, focusTestId) {
    const row = rows.get(id);
    if (!row) return;
    const wasEditing = row.mode === 'edit';
    row.mode = mode;
    row.sig = null;
    if (wasEditing && mode !== 'edit') {
      row.form = null;
      row.base = null;
      signalEditing();
    }
    render(store.getState());
    row.li.querySelector(`[data-testid="${focusTestId}"]`)?.focus();
  }

  function openEdit(target) {
    const row = rows.get(target.id);
    if (!row) return;
    row.mode = 'edit';
    row.sig = null;
    row.base = target;
    row.shownVersion = null;
    const form = targetForm({
      title: 'Edit target',
      initial: target,
      submitLabel: 'Save',
      onSubmit: async (fields) => {
        row.saving = true;
        try {
          await updateTarget(connection, target.id, fields, versionOf(row.base));
        } catch (err) {
          row.saving = false;
          if (err?.code !== 'conflict') throw err;
          // Someone saved first: nothing of mine was applied. Show theirs next to mine (now, or
          // as soon as their change reaches this board).
          row.shownVersion = null;
          render(store.getState());
          if (row.form?.hasNotice()) return;
          throw err;
        }
        row.saving = false;
        setMode(target.id, 'view', 'target-edit');
      },
      onCancel: () => setMode(target.id, 'view', 'target-edit'),
      failure: 'save the target',
    });
    row.form = form;
    row.li.replaceChildren(form);
    form.setEditors(othersEditing(target.id));
    form.querySelector('input').focus();
    signalEditing();
  }

  // This board's editing signal: the target whose form is open (the last opened), repeated while open.
  let signalled = null;
  let repeat = null;
  function signalEditing() {
    const open = [...rows.entries()].filter(([, row]) => row.mode === 'edit').map(([id]) => itemOf(id));
    const item = open.includes(signalled) ? signalled : open[open.length - 1] ?? null;
    if (item !== signalled || item) editing(connection, item);
    signalled = item;
    clearInterval(repeat);
    repeat = item ? setInterval(() => editing(connection, signalled), EDITING_REPEAT_MS) : null;
  }

  /**
   * Moves a target and keeps focus on it: on the same button in its new place, or on the other move
   * button when that one can go no further (a disabled button cannot hold focus).
   */
  async function move(target, index, testid) {
    try {
      await moveTarget(connection, target.id, index);
    } catch (err) {
      commandFailed('move the target', err);
    }
    const active = document.activeElement;
    if (active && active !== document.body && !element.contains(active)) return; // the person moved on
    const li = rows.get(target.id)?.li;
    if (!li) return;
    const same = li.querySelector(`[data-testid="${testid}"]`);
    const other = li.querySelector(`[data-testid="${testid === 'target-up' ? 'target-down' : 'target-up'}"]`);
    (same && !same.disabled ? same : other && !other.disabled ? other : li.querySelector('[data-testid="target-edit"]'))?.focus();
  }

  async function remove(target) {
    try {
      await removeTarget(connection, target.id);
      if (!element.contains(document.activeElement)) addButton.focus();
    } catch (err) {
      commandFailed('remove the target', err);
      setMode(target.id, 'view', 'target-remove');
    }
  }

  function render(state) {
    const targets = purpose(state).targets ?? [];
    const editor = canEdit(state);
    const seen = new Set();
    const wanted = targets.map((t, i) => {
      seen.add(t.id);
      return rowFor(t, i, targets.length, editor).li;
    });
    for (const [id, row] of rows) {
      if (seen.has(id)) continue;
      if (row.mode === 'edit') toast('A target you were editing was removed by someone else.', { kind: 'info' });
      row.li.remove();
      rows.delete(id);
      if (row.mode === 'edit') signalEditing();
    }
    const inPlace = wanted.length === list.children.length && wanted.every((li, i) => list.children[i] === li);
    if (!inPlace) {
      const active = document.activeElement;
      list.append(...wanted);
      if (active && active !== document.activeElement && list.contains(active)) active.focus();
    }
    empty.hidden = targets.length > 0 || Boolean(adding);
    count.textContent = targets.length ? String(targets.length) : '';
    addSlot.hidden = !editor;
    if (!editor && adding) closeAdd();
  }

  store.subscribe((state, prev) => {
    if (state.room?.purpose?.targets !== prev.room?.purpose?.targets || state.room?.members !== prev.room?.members
      || state.me !== prev.me) keepFocus(element, () => render(state));
  });
  render(store.getState());
  /** Who is editing what changed: redraw the rows (keeping focus). */
  const refresh = () => keepFocus(element, () => render(store.getState()));
  return { element, refresh };
}

/** The add/edit form: labelled fields, Enter saves, Escape cancels; shows the server's refusal. */
function targetForm({ title, initial = {}, submitLabel, onSubmit, onCancel, failure }) {
  const inputs = {};
  const fields = FIELDS.map((f) => {
    const id = uid(`target-${f.key}`);
    const input = h('input', {
      class: 'input', id, name: f.key, type: f.type ?? 'text', required: f.required, value: initial[f.key] ?? '',
      maxlength: TARGET_LIMITS[f.key], placeholder: f.placeholder, 'data-testid': `target-${f.key}-input`,
      autocomplete: 'off',
    });
    inputs[f.key] = input;
    return h('div', { class: `field field-${f.key}` },
      h('label', { class: 'label', for: id }, f.label, f.required ? null : h('span', { class: 'optional', text: ' (optional)' })),
      input);
  });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'target-save' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), submitLabel);
  const cancel = h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: onCancel }, 'Cancel');
  const editors = h('p', { class: 'target-editing', 'data-testid': 'target-form-editing', hidden: true });
  const notice = h('div', { class: 'target-notice' });
  const form = h('form', { class: 'target-form', 'data-testid': 'target-form', 'aria-label': title },
    editors, h('div', { class: 'target-fields' }, fields), notice, error, h('div', { class: 'form-actions' }, save, cancel));
  /** The form's values now. */
  form.values = () => Object.fromEntries(Object.entries(inputs).map(([k, input]) => [k, input.value]));
  form.fill = (values) => {
    for (const [key, input] of Object.entries(inputs)) input.value = values[key] ?? '';
  };
  /** "Ben is editing this too" ('' hides it). */
  form.setEditors = (label) => {
    const text = label ? `${label} this target too.` : '';
    if (editors.textContent !== text) editors.replaceChildren(...(text ? [h('span', { class: 'editing-dot', 'aria-hidden': 'true' }), text] : []));
    editors.hidden = !text;
  };
  /** Shows (or with null, clears) a notice above the buttons, such as the conflict notice. */
  form.showNotice = (element) => {
    notice.replaceChildren(...(element ? [element] : []));
    if (element) error.textContent = '';
  };
  form.hasNotice = () => notice.childElementCount > 0;
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = form.values();
    if (!values.what.trim() || !values.target.trim()) {
      error.textContent = 'Say what you measure and the target you aim for.';
      (values.what.trim() ? inputs.target : inputs.what).focus();
      return;
    }
    error.textContent = '';
    save.setAttribute('aria-busy', 'true');
    save.disabled = true;
    try {
      await onSubmit(values);
    } catch (err) {
      error.textContent = `Couldn't ${failure}: ${String(err?.message ?? 'something went wrong').replace(/[.]$/, '')}.`;
      save.removeAttribute('aria-busy');
      save.disabled = false;
    }
  });
  return form;
}
