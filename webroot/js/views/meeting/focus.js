// "Follow me": a facilitator brings every board to one panel and releases it again. A member
// may step out of following and back in; that choice is theirs, kept in this browser only.

import { h, keepFocus, replaceChildren } from '../../dom.js';
import { isFacilitator } from '../../membership/selectors.js';
import * as cmd from '../../meeting/commands.js';
import { meetingPart } from '../../meeting/events.js';
import { act, memberName } from './util.js';

function panels() {
  return [...document.querySelectorAll('section.panel[id^="panel-"]')].map((el) => ({
    name: el.id.slice('panel-'.length),
    title: el.querySelector('.panel-title')?.textContent?.trim() || el.id,
    el,
  }));
}

const EDITING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Brings the panel into view and marks it; takes keyboard focus only from someone not typing. */
export function bringTo(name) {
  for (const p of panels()) p.el.classList.toggle('is-focus', p.name === name);
  const target = panels().find((p) => p.name === name);
  if (!target) return;
  target.el.scrollIntoView({ block: 'start', behavior: 'smooth' });
  const active = document.activeElement;
  if (!active || !EDITING.has(active.tagName)) {
    if (!target.el.hasAttribute('tabindex')) target.el.setAttribute('tabindex', '-1');
    target.el.focus({ preventScroll: true });
  }
}

export function mountFocus({ store, connection, element }) {
  const key = () => `cairn.follow.${store.getState().room?.id ?? ''}`;
  let following = true;
  let chosen = 'agenda';
  try {
    following = localStorage.getItem(key()) !== 'off';
  } catch {
    // keep following
  }

  store.onApplied((steps) => {
    for (const step of steps) {
      if (step.type === 'snapshot') {
        try {
          following = localStorage.getItem(key()) !== 'off';
        } catch {
          // keep the choice we had
        }
        const panel = step.room?.meeting?.focus;
        if (panel && following) queueMicrotask(() => bringTo(panel));
      }
      if (step.type === 'event' && step.frame.event?.type === 'meeting.focus_changed') {
        const panel = step.frame.event.panel;
        if (panel && following && step.frame.by !== store.getState().me) queueMicrotask(() => bringTo(panel));
        if (!panel) for (const p of panels()) p.el.classList.remove('is-focus');
      }
    }
  });

  function setFollowing(on) {
    following = on;
    try {
      localStorage.setItem(key(), on ? 'on' : 'off');
    } catch {
      // private mode: lasts as long as the page
    }
    const focus = meetingPart(store.getState().room).focus;
    if (on && focus) bringTo(focus);
    if (!on) for (const p of panels()) p.el.classList.remove('is-focus');
    render(store.getState());
  }

  function render(state) {
    const { focus, focusBy } = meetingPart(state.room);
    const facilitator = isFacilitator(state);
    const title = (name) => panels().find((p) => p.name === name)?.title ?? name;
    element.dataset.focus = focus ?? '';
    element.dataset.following = String(following);
    element.dataset.testid = 'focus';
    const parts = [];
    if (focus) {
      const who = focusBy ? (focusBy === state.me ? 'You' : memberName(state, focusBy)) : 'A facilitator';
      parts.push(h('p', { class: 'focus-note', 'data-testid': 'focus-note' },
        `${who} brought everyone to `, h('strong', { text: title(focus) }), '.'));
      if (facilitator) {
        parts.push(h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'focus-release',
          onclick: () => act('release the boards', cmd.focus(connection, null)) }, 'Release'));
      }
      if (focusBy !== state.me) {
        parts.push(following
          ? h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'focus-unfollow',
            onclick: () => setFollowing(false) }, 'Stop following')
          : h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'focus-follow',
            onclick: () => setFollowing(true) }, 'Follow again'));
      }
    } else if (facilitator) {
      const select = h('select', { class: 'select select-small', id: 'focus-panel', 'data-testid': 'focus-panel',
        onchange: (e) => { chosen = e.target.value; } },
      panels().map((p) => h('option', { value: p.name, selected: p.name === chosen }, p.title)));
      select.value = chosen;
      parts.push(h('form', { class: 'control-row', onsubmit: (e) => {
        e.preventDefault();
        act('bring everyone along', cmd.focus(connection, select.value));
        bringTo(select.value);
      } },
      h('label', { class: 'label', for: 'focus-panel', text: 'Follow me to' }), select,
      h('button', { type: 'submit', class: 'btn btn-small', 'data-testid': 'focus-follow-me' }, 'Bring everyone')));
    }
    element.hidden = parts.length === 0;
    keepFocus(element, () => replaceChildren(element, ...parts));
  }

  store.subscribe((state, prev) => {
    if (state.room?.meeting?.focus !== prev.room?.meeting?.focus || state.room?.members !== prev.room?.members
      || state.me !== prev.me) render(state);
  });
  render(store.getState());
  return { following: () => following };
}
