// "Ben changed this target while you were editing": the notice an open form shows when its item
// changed under it (or a save of it was refused with conflict). Their values next to the person's
// own, field by field, and the two ways out: Keep mine (send mine again on their version: fields
// I did not touch take theirs) or Use theirs (drop my changes). Reusable by every form of an
// editable item; the logic is in ../editing.js.

import { h } from '../dom.js';
import { differences } from '../editing.js';

/**
 * fields: [{key, label}]; base: the item the form was opened on; mine: the form's values now;
 * theirs: the item now; who: the name of whoever changed it ("Ben"), what: "target".
 * onKeepMine / onUseTheirs are called on the buttons. Test ids: edit-conflict,
 * edit-conflict-field (data-key), edit-conflict-theirs, edit-conflict-mine, edit-conflict-keep-mine,
 * edit-conflict-use-theirs.
 */
export function conflictNotice({ fields, base, mine, theirs, who, what, onKeepMine, onUseTheirs }) {
  const labels = Object.fromEntries(fields.map((f) => [f.key, f.label]));
  const diffs = differences(fields.map((f) => f.key), base, mine, theirs);
  const shown = (value) => value || '(empty)';
  const rows = diffs.map((d) => h('tr', { 'data-testid': 'edit-conflict-field', dataset: { key: d.key } },
    h('th', { scope: 'row', text: labels[d.key] }),
    h('td', { class: d.theirsChanged ? 'is-changed' : '', 'data-testid': 'edit-conflict-theirs', text: shown(d.theirs) }),
    h('td', { class: d.mineChanged ? 'is-changed' : '', 'data-testid': 'edit-conflict-mine', text: shown(d.mine) })));
  const keep = h('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-testid': 'edit-conflict-keep-mine',
    onclick: () => onKeepMine() }, 'Keep mine');
  const use = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'edit-conflict-use-theirs',
    onclick: () => onUseTheirs() }, 'Use theirs');
  return h('div', { class: 'edit-conflict', role: 'alert', 'data-testid': 'edit-conflict' },
    h('p', { class: 'edit-conflict-title' }, h('strong', { text: `${who} changed this ${what} while you were editing.` })),
    diffs.length
      ? h('table', { class: 'edit-conflict-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: '' }), h('th', { scope: 'col', text: `${who}'s` }),
          h('th', { scope: 'col', text: 'Yours' }))),
        h('tbody', {}, rows))
      : h('p', { class: 'hint', text: 'Your values are the same as theirs.' }),
    h('p', { class: 'hint', text: `Keep mine saves your changes over ${who}'s version (fields you did not change take theirs). Use theirs drops your changes.` }),
    h('div', { class: 'confirm-buttons' }, keep, use));
}
