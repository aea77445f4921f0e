// The room's title in the top bar; facilitators rename it in place.

import { h, replaceChildren } from '../dom.js';
import { icon } from '../icons.js';
import { isFacilitator, me } from '../membership/selectors.js';
import { MAX_TITLE, renameRoom } from '../membership/commands.js';
import { commandFailed } from './toast.js';

export function mountRoomTitle({ store, connection, container, fallbackTitle }) {
  let editing = false;
  let saving = false;
  let rendered = null; // {title, facilitator, role}

  const title = h('h1', { class: 'room-title', id: 'room-title', 'data-testid': 'room-title' });
  const renameButton = h('button', {
    type: 'button', class: 'btn btn-quiet btn-icon', 'data-testid': 'rename-room',
    'aria-label': 'Rename room', title: 'Rename room', onclick: () => startEditing(),
  }, icon('pencil', 'icon-s'));
  const observerTag = h('span', { class: 'tag read-only-tag', 'data-testid': 'read-only-tag', title: 'You are an observer: you can watch, not change the board' },
    icon('eye', 'icon-s'), h('span', { class: 'tag-label', text: 'Read-only' }));

  function current() {
    const state = store.getState();
    return {
      title: state.room?.title ?? null,
      facilitator: isFacilitator(state),
      role: me(state)?.role ?? null,
    };
  }

  function render() {
    const now = current();
    if (editing && !now.facilitator) editing = false; // lost the right while typing
    if (editing) return;
    const wasFocused = container.contains(document.activeElement) && document.activeElement === renameButton;
    rendered = now;
    const text = now.title ?? fallbackTitle ?? 'Loading room…';
    title.textContent = text;
    title.classList.toggle('is-loading', now.title === null && !fallbackTitle);
    document.title = `${now.title ?? fallbackTitle ?? 'Room'} · Cairn`;
    replaceChildren(container, title,
      now.facilitator && now.title !== null ? renameButton : null,
      now.role === 'observer' ? observerTag : null);
    if (wasFocused && now.facilitator) renameButton.focus();
  }

  function startEditing() {
    editing = true;
    const input = h('input', {
      class: 'input', type: 'text', id: 'room-title-input', maxlength: MAX_TITLE, required: true,
      value: store.getState().room?.title ?? '', 'data-testid': 'room-title-input', autocomplete: 'off',
    });
    const save = h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'room-title-save' }, 'Save');
    const cancel = h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: () => stopEditing(true) }, 'Cancel');
    const form = h('form', { class: 'rename-form', 'data-testid': 'rename-room-form' },
      h('label', { class: 'visually-hidden', for: 'room-title-input', text: 'Room title' }), input, save, cancel);
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        stopEditing(true);
      }
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (saving) return;
      const value = input.value.trim();
      if (!value) {
        input.focus();
        return;
      }
      if (value === store.getState().room?.title) {
        stopEditing(true);
        return;
      }
      saving = true;
      input.disabled = save.disabled = true;
      try {
        await renameRoom(connection, value);
        stopEditing(true);
      } catch (err) {
        commandFailed('rename the room', err);
        input.disabled = save.disabled = false;
        input.focus();
      } finally {
        saving = false;
      }
    });
    container.replaceChildren(form);
    input.focus();
    input.select();
  }

  function stopEditing(restoreFocus) {
    editing = false;
    render();
    if (restoreFocus) (container.contains(renameButton) ? renameButton : title).focus?.();
  }

  store.subscribe((state, prev) => {
    if (state.room?.title !== prev.room?.title || state.me !== prev.me || state.room?.members !== prev.room?.members) {
      const now = current();
      if (!rendered || now.title !== rendered.title || now.facilitator !== rendered.facilitator || now.role !== rendered.role) render();
    }
  });
  render();
}
