// The Agenda panel: the meeting (start, end, who is present), the timebox of the segment under way
// with its controls, the "extend or move on?" poll, the agenda itself (facilitators edit it live,
// participants propose segments), "follow me", and the facilitator rota. Each part re-renders only
// when what it shows changed, so open forms and focus survive live updates.

import { h, keepFocus, replaceChildren } from '../../dom.js';
import { icon } from '../../icons.js';
import { canEdit, isFacilitator } from '../../membership/selectors.js';
import * as cmd from '../../meeting/commands.js';
import { meetingPart, running } from '../../meeting/events.js';
import { remaining, untilInstant } from '../../meeting/timer.js';
import { commandFailed } from '../toast.js';
import { mountAgenda } from './agenda.js';
import { createCountdown, setSound, soundOn } from './countdown.js';
import { mountFocus } from './focus.js';
import { act, autoTimer, bellIcon, memberName, setAutoTimer } from './util.js';

/**
 * The rota as far as it names members still in the room, and who is next: the member at
 * rotaNext, or the first one after it who is still here (someone removed is passed over).
 */
function rotaOf(state) {
  const part = meetingPart(state.room);
  const members = state.room?.members ?? {};
  const kept = part.rota.filter((id) => members[id]);
  let next = null;
  for (let i = 0; i < part.rota.length && next === null; i += 1) {
    const id = part.rota[(part.rotaNext + i) % part.rota.length];
    if (members[id]) next = id;
  }
  return { members: kept, next };
}

const clockTime = (at) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

export function mountMeeting({ store, connection, slot }) {
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-testid': 'timer-announcer' });
  const bar = h('div', { class: 'meeting-bar', 'data-testid': 'meeting-bar' });
  const timebox = h('section', { class: 'timebox', 'aria-label': 'Timer', 'data-testid': 'timebox' });
  const poll = h('div', { class: 'meeting-poll', 'data-testid': 'poll-box' });
  const focusBox = h('div', { class: 'meeting-focus' });
  const rota = h('details', { class: 'meeting-rota', 'data-testid': 'rota' });
  const agenda = mountAgenda({ store, connection });
  const countdown = createCountdown({ connection, announcer });
  const focus = mountFocus({ store, connection, element: focusBox });

  replaceChildren(slot, h('div', { class: 'meeting-layout' }, bar, timebox, poll, agenda.element, focusBox, rota, announcer));

  // ---- the meeting bar -------------------------------------------------------------------------

  function renderBar(state) {
    const part = meetingPart(state.room);
    const m = part.meeting;
    const facilitator = isFacilitator(state);
    bar.dataset.state = m ? 'running' : 'idle';
    const next = rotaOf(state).next;
    const nextText = next ? h('span', { class: 'meeting-next', 'data-testid': 'rota-next' },
      `Next time ${next === state.me ? 'you facilitate' : `${memberName(state, next)} facilitates`}.`) : null;
    if (!m) {
      const actions = facilitator ? h('div', { class: 'meeting-actions' },
        h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'meeting-start-agenda',
          disabled: part.agenda.length === 0, title: part.agenda.length ? null : 'Add a segment first',
          onclick: () => act('start the meeting', cmd.start(connection, true)) }, icon('agenda', 'icon-s'), 'Start with the agenda'),
        h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'meeting-start',
          onclick: () => act('start the meeting', cmd.start(connection, false)) }, 'Start without')) : null;
      replaceChildren(bar, h('div', { class: 'meeting-status' },
        h('span', { class: 'meeting-dot', 'aria-hidden': 'true' }),
        h('span', { 'data-testid': 'meeting-state', dataset: { state: 'idle' },
          text: part.held ? 'No meeting running.' : 'No meeting yet.' }), nextText), actions);
      return;
    }
    const present = Object.entries(m.attendance).filter(([, a]) => a.since != null).map(([id]) => memberName(state, id));
    const presentText = h('span', { class: 'meeting-present', 'data-testid': 'meeting-present', title: present.join(', ') },
      `${present.length} present`);
    replaceChildren(bar, h('div', { class: 'meeting-status' },
      h('span', { class: 'meeting-dot is-live', 'aria-hidden': 'true' }),
      h('span', { 'data-testid': 'meeting-state', dataset: { state: 'running' } },
        'Meeting since ', h('time', { datetime: new Date(m.startedAt).toISOString(), text: clockTime(m.startedAt) })),
      h('span', { 'aria-hidden': 'true', text: '·' }), presentText, nextText),
    facilitator ? h('div', { class: 'meeting-actions' },
      h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'meeting-end',
        onclick: () => act('end the meeting', cmd.end(connection)) }, 'End meeting')) : null);
  }

  // ---- the timebox -----------------------------------------------------------------------------

  const headSlot = h('div', { class: 'timebox-slot' });
  const noteSlot = h('div', { class: 'timebox-slot' });
  const controlSlot = h('div', { class: 'timebox-slot' });
  let minutesValue = '5';
  let untilValue = '';

  function renderTimebox(state) {
    const part = meetingPart(state.room);
    const m = part.meeting;
    timebox.hidden = !m;
    if (!m) {
      countdown.update({ timer: null, warnMs: 0, label: '' });
      return;
    }
    const facilitator = isFacilitator(state);
    const segment = m.current ? part.agenda.find((s) => s.id === m.current) : null;
    const timer = m.timer;
    const label = segment?.title ?? 'Timer';
    countdown.update({ timer, warnMs: part.warnSeconds * 1000, label });
    const heading = h('div', { class: 'timebox-head' },
      h('p', { class: 'timebox-now', 'data-testid': 'timebox-now' },
        segment ? [h('span', { class: 'eyebrow', text: 'Now' }), ' ', h('strong', { text: segment.title }),
          h('span', { class: 'tag', text: cmd.kindLabel(segment.kind) })]
          : h('span', { class: 'hint', text: timer ? 'A timer of its own' : 'No segment under way' })),
      h('button', { type: 'button', class: 'btn btn-quiet btn-icon sound-toggle', 'data-testid': 'sound-toggle',
        'aria-pressed': String(soundOn()), title: soundOn() ? 'Sound on at the warning and at zero' : 'Sound off',
        'aria-label': 'Sound at the warning and at zero',
        onclick: (e) => {
          setSound(!soundOn());
          e.currentTarget.setAttribute('aria-pressed', String(soundOn()));
          e.currentTarget.title = soundOn() ? 'Sound on at the warning and at zero' : 'Sound off';
          replaceChildren(e.currentTarget, soundIcon());
        } }, soundIcon()));
    const note = timer?.timeUp && remaining(timer, connection.serverNow()) <= 0
      ? h('p', { class: 'time-up-note', 'data-testid': 'time-up' }, `Time is up${segment ? ` for ${segment.title}` : ''}.`) : null;
    // The countdown stays where it is (moving it would replay its flash); the parts around it are redrawn.
    if (countdown.element.parentNode !== timebox) replaceChildren(timebox, headSlot, countdown.element, noteSlot, controlSlot);
    keepFocus(timebox, () => {
      replaceChildren(headSlot, heading);
      replaceChildren(noteSlot, note);
      replaceChildren(controlSlot, facilitator ? controls(m, timer, segment) : null);
    });
  }

  function soundIcon() {
    return bellIcon(!soundOn());
  }

  function controls(m, timer, segment) {
    const b = (testid, text, onclick, extra = {}) => h('button', { type: 'button', class: 'btn btn-small', 'data-testid': testid, onclick, ...extra }, text);
    const row = [];
    if (timer) {
      row.push(timer.endsAt != null
        ? b('timer-pause', 'Pause', () => act('pause the timer', cmd.pause(connection)))
        : b('timer-resume', 'Resume', () => act('resume the timer', cmd.resume(connection))));
      row.push(b('timer-add-1', '+1 min', () => act('add time', cmd.addTime(connection, 1))));
      row.push(b('timer-add-5', '+5 min', () => act('add time', cmd.addTime(connection, 5))));
      row.push(b('timer-stop', 'Stop timer', () => act('stop the timer', cmd.stopTimer(connection)), { class: 'btn btn-small btn-quiet' }));
    }
    const agendaRow = [
      b('meeting-next', 'Next segment', () => act('move to the next segment', cmd.next(connection, autoTimer())), { class: 'btn btn-small btn-primary' }),
      segment ? b('meeting-skip', 'Skip', () => act('skip the segment', cmd.skip(connection))) : null,
      timer && !m.poll ? pollOpener() : null,
    ];
    const minutes = h('input', { class: 'input input-narrow', type: 'number', min: cmd.MIN_MINUTES, max: cmd.MAX_MINUTES,
      value: minutesValue, id: 'timer-minutes', 'data-testid': 'timer-minutes', oninput: (e) => { minutesValue = e.target.value; } });
    const until = h('input', { class: 'input input-narrow', type: 'time', value: untilValue, id: 'timer-until',
      'data-testid': 'timer-until', oninput: (e) => { untilValue = e.target.value; } });
    const startForm = h('form', { class: 'timer-start', 'data-testid': 'timer-start-form',
      onsubmit: (e) => {
        e.preventDefault();
        act('start the timer', cmd.startTimer(connection, minutesValue));
      } },
    h('label', { class: 'label', for: 'timer-minutes', text: timer ? 'Restart for' : 'Timer for' }), minutes,
    h('span', { text: 'min' }),
    h('button', { type: 'submit', class: 'btn btn-small', 'data-testid': 'timer-start' }, 'Start'));
    const untilForm = h('form', { class: 'timer-start', 'data-testid': 'timer-until-form', novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        const at = untilInstant(untilValue, connection.serverNow());
        if (at == null) {
          commandFailed('start the timer', { message: 'give a time like 15:30' });
          return;
        }
        act('start the timer', cmd.startTimerUntil(connection, at));
      } },
    h('label', { class: 'label', for: 'timer-until', text: 'or until' }), until,
    h('button', { type: 'submit', class: 'btn btn-small', 'data-testid': 'timer-until-start' }, 'Start'));
    const auto = h('label', { class: 'check-inline' },
      h('input', { type: 'checkbox', 'data-testid': 'auto-timer', checked: autoTimer(),
        onchange: (e) => setAutoTimer(e.target.checked) }),
      ' Start each segment\'s timebox by itself');
    return h('div', { class: 'timebox-controls' },
      row.length ? h('div', { class: 'control-row' }, row) : null,
      h('div', { class: 'control-row' }, agendaRow),
      h('div', { class: 'control-row' }, startForm, untilForm),
      auto);
  }

  let pollMinutes = '5';

  function pollOpener() {
    const input = h('input', { class: 'input input-narrow', type: 'number', min: 1, max: cmd.MAX_MINUTES, value: pollMinutes,
      id: 'poll-minutes', 'data-testid': 'poll-minutes', oninput: (e) => { pollMinutes = e.target.value; } });
    return h('form', { class: 'timer-start', onsubmit: (e) => {
      e.preventDefault();
      act('ask the room', cmd.openPoll(connection, pollMinutes));
    } },
    h('label', { class: 'label', for: 'poll-minutes', text: 'Ask: extend by' }), input,
    h('span', { text: 'min or move on?' }),
    h('button', { type: 'submit', class: 'btn btn-small', 'data-testid': 'poll-open' }, 'Ask everyone'));
  }

  // ---- the poll --------------------------------------------------------------------------------

  function renderPoll(state) {
    const m = running(state.room);
    const p = m?.poll;
    poll.hidden = !p;
    if (!p) {
      replaceChildren(poll);
      return;
    }
    const answers = Object.values(p.answers);
    const extend = answers.filter((a) => a === 'extend').length;
    const moveOn = answers.length - extend;
    const mine = p.answers[state.me];
    const present = Object.values(m.attendance).filter((a) => a.since != null).length;
    poll.dataset.state = p.closed ? 'closed' : 'open';
    poll.dataset.testid = 'poll';
    const choice = (value, text) => h('button', {
      type: 'button', class: `btn btn-small${mine === value ? ' btn-primary' : ''}`, 'data-testid': `poll-${value.replace('_', '-')}`,
      'aria-pressed': String(mine === value), disabled: p.closed,
      onclick: () => act('answer', cmd.answerPoll(connection, p.pollId, value)),
    }, text);
    const result = h('p', { class: 'poll-result', 'data-testid': 'poll-result', dataset: { extend: String(extend), moveOn: String(moveOn) } },
      `${extend} extend · ${moveOn} move on`, h('span', { class: 'hint', text: ` (${answers.length} of ${present} present answered)` }));
    const verdict = p.closed ? h('p', { class: 'poll-verdict', 'data-testid': 'poll-verdict',
      text: extend > moveOn ? `The room would extend by ${p.minutes} min.` : extend < moveOn ? 'The room would move on.' : 'The room is split.' }) : null;
    const facilitator = isFacilitator(state);
    const actions = facilitator ? h('div', { class: 'control-row' },
      p.closed ? null : h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'poll-close',
        onclick: () => act('close the poll', cmd.closePoll(connection, p.pollId)) }, 'Close the poll'),
      h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'poll-act-extend',
        onclick: () => act('add time', cmd.addTime(connection, p.minutes)) }, `Extend by ${p.minutes} min`),
      h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'poll-act-next',
        onclick: () => act('move on', cmd.next(connection, autoTimer())) }, 'Move on')) : null;
    keepFocus(poll, () => replaceChildren(poll,
      h('p', { class: 'poll-question', 'data-testid': 'poll-question', id: 'poll-question' },
        `Extend by ${p.minutes} minutes or move on?`),
      canEdit(state) ? h('div', { class: 'control-row', role: 'group', 'aria-labelledby': 'poll-question' },
        choice('extend', `Extend ${p.minutes} min`), choice('move_on', 'Move on')) : null,
      result, verdict, actions));
  }

  // ---- the rota --------------------------------------------------------------------------------

  let rotaOpen = false;
  rota.addEventListener('toggle', () => { rotaOpen = rota.open; });

  function renderRota(state) {
    const part = meetingPart(state.room);
    const facilitator = isFacilitator(state);
    const { members: kept, next } = rotaOf(state);
    rota.hidden = !facilitator && kept.length === 0;
    rota.open = rotaOpen;
    const names = kept.map((id) => h('li', { class: 'rota-item', 'data-testid': 'rota-member', dataset: { memberId: id },
      'aria-current': id === next ? 'true' : null },
    h('span', { text: memberName(state, id) }),
    id === next ? h('span', { class: 'tag', text: 'next' }) : null,
    facilitator ? h('button', { type: 'button', class: 'btn btn-quiet btn-icon', 'aria-label': `Take ${memberName(state, id)} off the rota`,
      'data-testid': 'rota-remove', onclick: () => act('change the rota', cmd.setRota(connection, kept.filter((x) => x !== id))) },
    icon('x', 'icon-s')) : null));
    const others = Object.values(state.room?.members ?? {}).filter((m) => m.role !== 'observer' && !kept.includes(m.id));
    const select = h('select', { class: 'select select-small', id: 'rota-add', 'data-testid': 'rota-add-select' },
      others.map((m) => h('option', { value: m.id }, m.name)));
    const add = facilitator && others.length ? h('form', { class: 'control-row', onsubmit: (e) => {
      e.preventDefault();
      if (select.value) act('change the rota', cmd.setRota(connection, [...kept, select.value]));
    } }, h('label', { class: 'visually-hidden', for: 'rota-add', text: 'Member to add to the rota' }), select,
    h('button', { type: 'submit', class: 'btn btn-small', 'data-testid': 'rota-add' }, 'Add to rota')) : null;
    const settings = facilitator ? settingsForm(part) : null;
    keepFocus(rota, () => replaceChildren(rota,
      h('summary', { class: 'rota-summary', 'data-testid': 'rota-toggle' }, 'Rota and settings'),
      h('p', { class: 'hint', text: 'Members take turns facilitating, in this order; the turn moves on when a meeting ends.' }),
      names.length ? h('ol', { class: 'rota-list' }, names) : h('p', { class: 'empty-note', text: 'No rota yet.' }),
      add, settings));
  }

  function settingsForm(part) {
    const idle = h('input', { class: 'input input-narrow', type: 'number', min: 1, max: 1440, value: part.idleMinutes, id: 'meeting-idle', 'data-testid': 'meeting-idle' });
    const warn = h('input', { class: 'input input-narrow', type: 'number', min: 0, max: 3600, value: part.warnSeconds, id: 'meeting-warn', 'data-testid': 'meeting-warn' });
    return h('form', { class: 'meeting-settings', onsubmit: (e) => {
      e.preventDefault();
      act('save the settings', cmd.configure(connection, { idleMinutes: Number(idle.value), warnSeconds: Number(warn.value) }));
    } },
    h('div', { class: 'control-row' }, h('label', { class: 'label', for: 'meeting-warn', text: 'Warn' }), warn,
      h('span', { text: 's before the end' })),
    h('div', { class: 'control-row' }, h('label', { class: 'label', for: 'meeting-idle', text: 'End a meeting nobody attends after' }), idle,
      h('span', { text: 'min' })),
    h('button', { type: 'submit', class: 'btn btn-small', 'data-testid': 'meeting-settings-save' }, 'Save settings'));
  }

  // ---- wiring ----------------------------------------------------------------------------------

  function render(state, prev) {
    const part = state.room?.meeting;
    const was = prev?.room?.meeting;
    const who = state.room?.members !== prev?.room?.members || state.me !== prev?.me || !prev;
    if (!prev || part !== was || who) {
      renderBar(state);
      renderTimebox(state);
      renderPoll(state);
    } else if (state.online !== prev.online) {
      renderPoll(state);
    }
    if (!prev || part?.rota !== was?.rota || part?.rotaNext !== was?.rotaNext || part?.idleMinutes !== was?.idleMinutes
      || part?.warnSeconds !== was?.warnSeconds || who) renderRota(state);
  }

  store.subscribe((state, prev) => render(state, prev));
  render(store.getState(), null);
  // The time-up note appears by the clock, not by an event: check it as the countdown runs.
  setInterval(() => {
    const t = running(store.getState().room)?.timer;
    const shown = Boolean(timebox.querySelector('[data-testid="time-up"]'));
    const due = Boolean(t?.timeUp && remaining(t, connection.serverNow()) <= 0);
    if (shown !== due) renderTimebox(store.getState());
  }, 1000);
  return { focus };
}
