// "Your part" in the Commitments panel: a member's own acknowledgements of their role in the
// status quo. A draft is private (only this member's board ever receives it) until they share it;
// then the room sees it with its author. Authors edit or withdraw their own. Member text only ever
// becomes text nodes.

import { h, keepFocus, replaceChildren } from '../../dom.js';
import { icon } from '../../icons.js';
import { canEdit } from '../../membership/selectors.js';
import * as commands from '../../acknowledgement/commands.js';
import { myDrafts, sharedWithAuthors } from '../../acknowledgement/selectors.js';
import { commandFailed } from '../toast.js';

export function mountAcknowledgements({ store, connection, slot }) {
  const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'data-testid': 'ack-announcer' });
  const body = h('div');
  slot.replaceChildren(h('section', { class: 'ack', 'aria-labelledby': 'ack-title', 'data-testid': 'acknowledgements' },
    h('h3', { class: 'section-title', id: 'ack-title' }, icon('users', 'icon-s'), 'Your part'),
    h('p', { class: 'hint', text: 'Name your own part in the situation this group wants to change. Write it privately, then share it when you are ready.' }),
    announcer, body));

  const newText = h('textarea', { class: 'input', id: 'ack-new', rows: 3, maxlength: commands.MAX_TEXT,
    'aria-describedby': 'ack-new-note', 'data-testid': 'ack-new-text' });
  /** Which acknowledgement is being edited (its text box), and which awaits "withdraw?" confirmation. */
  let editing = null;
  let editText = null;
  let confirming = null;

  function run(promise, what, done) {
    promise.then((seq) => { if (done) done(seq); }, (err) => commandFailed(what, err));
  }

  function say(text) {
    announcer.textContent = text;
  }

  function draftForm() {
    return h('form', { class: 'ack-form', 'data-testid': 'ack-form',
      onsubmit: (e) => {
        e.preventDefault();
        if (!newText.value.trim()) return;
        run(commands.draft(connection, newText.value), 'save your draft', () => {
          newText.value = '';
          say('Draft saved. Only you can see it.');
        });
      } },
    h('label', { class: 'label', for: 'ack-new', text: 'Your acknowledgement' }),
    newText,
    h('p', { class: 'ack-private-note', id: 'ack-new-note', 'data-testid': 'ack-private-note' },
      icon('lock', 'icon-s'), 'Only you can see this draft. Nobody else, facilitators included, sees it until you share it.'),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'ack-save-draft' }, 'Save draft')));
  }

  function editor(a) {
    const id = `ack-edit-${a.id}`;
    if (editText === null) editText = a.text ?? '';
    const box = h('textarea', { class: 'input', id, rows: 3, maxlength: commands.MAX_TEXT, 'data-testid': 'ack-edit-text',
      oninput: (e) => { editText = e.target.value; } }, editText);
    return h('form', { class: 'ack-form', onsubmit: (e) => {
      e.preventDefault();
      if (!editText.trim()) return;
      run(commands.edit(connection, a.id, editText), 'save your changes', () => { editing = null; editText = null; render(); });
    } },
    h('label', { class: 'label', for: id, text: a.shared ? 'Edit (the room sees the change)' : 'Edit your draft (only you can see it)' }),
    box,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'ack-edit-save' }, 'Save'),
      h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'ack-edit-cancel',
        onclick: () => { editing = null; editText = null; render(); } }, 'Cancel')));
  }

  function actions(a) {
    if (confirming === a.id) {
      return h('div', { class: 'ack-actions', role: 'group', 'aria-label': 'Confirm withdrawing' },
        h('span', { class: 'hint', text: a.shared ? 'Withdraw it from everyone\'s board?' : 'Delete this draft?' }),
        h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-testid': 'ack-withdraw-confirm',
          onclick: () => run(commands.withdraw(connection, a.id), 'withdraw it', () => { confirming = null; say('Withdrawn.'); }) }, 'Withdraw'),
        h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'ack-withdraw-cancel',
          onclick: () => { confirming = null; render(); } }, 'Keep it'));
    }
    return h('div', { class: 'ack-actions' },
      a.shared ? null : h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'ack-share',
        onclick: () => run(commands.share(connection, a.id), 'share it', () => say('Shared with the room.')) }, 'Share with the room'),
      h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'ack-edit',
        onclick: () => { editing = a.id; editText = null; confirming = null; render(); } }, 'Edit'),
      h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'ack-withdraw',
        onclick: () => { confirming = a.id; editing = null; render(); } }, 'Withdraw'));
  }

  function item(a, { draft }) {
    const mine = draft || a.mine;
    return h('li', { class: `ack-item${draft ? ' ack-draft' : ''}`, 'data-testid': draft ? 'ack-draft' : 'ack-shared',
      dataset: { id: a.id, author: a.author } },
    draft
      ? h('p', { class: 'ack-badge', 'data-testid': 'ack-draft-badge' }, icon('lock', 'icon-s'), 'Draft · only you can see this')
      : h('p', { class: 'ack-author', 'data-testid': 'ack-author' }, h('strong', { text: a.authorName }), a.mine ? ' (you)' : ''),
    editing === a.id ? editor(a) : h('p', { class: 'ack-text', 'data-testid': 'ack-text', text: a.text ?? '' }),
    mine && editing !== a.id && canEdit(store.getState()) ? actions(a) : null);
  }

  function render() {
    const state = store.getState();
    if (!state.room) return;
    const drafts = myDrafts(state.room, state.me);
    const shared = sharedWithAuthors(state.room, state.me);
    keepFocus(body, () => replaceChildren(body,
      canEdit(state) ? draftForm() : null,
      drafts.length ? h('div', { class: 'ack-group' },
        h('h4', { class: 'ack-group-title', id: 'ack-drafts-title', text: 'Your drafts' }),
        h('ul', { class: 'ack-list', 'aria-labelledby': 'ack-drafts-title', 'data-testid': 'ack-drafts' },
          drafts.map((a) => item(a, { draft: true })))) : null,
      h('div', { class: 'ack-group' },
        h('h4', { class: 'ack-group-title', id: 'ack-shared-title', text: 'Shared with the room' }),
        shared.length
          ? h('ul', { class: 'ack-list', 'aria-labelledby': 'ack-shared-title', 'data-testid': 'ack-shared-list' },
            shared.map((a) => item(a, { draft: false })))
          : h('p', { class: 'hint', 'data-testid': 'ack-none-shared', text: 'No one has shared an acknowledgement yet.' }))));
  }

  store.subscribe((state, prev) => {
    if (state.room?.acknowledgement === prev.room?.acknowledgement && state.room?.members === prev.room?.members
      && state.me === prev.me) return;
    if (editing && !myDrafts(state.room, state.me).concat(sharedWithAuthors(state.room, state.me)).some((a) => a.id === editing)) {
      editing = null;
      editText = null;
    }
    render();
  });
  render();
}
