// The check-in (trust pulse) below the agenda: a facilitator opens one scale question; members
// answer anonymously with an optional word (a real radio group, keyboard-operable) and may change
// it while it is open; everyone sees "N of M answered", never what; the close shows the
// distribution, and every closed check-in joins the trend across the room's meetings.

import { h, keepFocus, replaceChildren } from '../../dom.js';
import { icon } from '../../icons.js';
import { canEdit, isFacilitator } from '../../membership/selectors.js';
import * as commands from '../../checkin/commands.js';
import { checkinOf } from '../../checkin/events.js';
import {
  DEFAULT_QUESTION, answeredText, distribution, meanText, myAnswer, scale, trend, trendText,
} from '../../checkin/selectors.js';
import { commandFailed } from '../toast.js';

/** Sets a bar's width or height to a share (0–1) through the CSSOM: the page's CSP refuses style attributes. */
function sized(el, dimension, share) {
  el.style[dimension] = `${Math.round(share * 100)}%`;
  return el;
}

/** "2 Dec" in the reader's locale. */
function dayText(at) {
  return new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

export function mountCheckin({ store, connection, slot }) {
  const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'data-testid': 'checkin-announcer' });
  const body = h('div');
  slot.replaceChildren(h('section', { class: 'checkin', 'aria-labelledby': 'checkin-title', 'data-testid': 'checkin' },
    h('h3', { class: 'section-title', id: 'checkin-title' }, icon('users', 'icon-s'), 'Check-in'), announcer, body));

  // The facilitator's form, made once so a re-render keeps what they typed.
  const question = h('input', { class: 'input', id: 'checkin-question', maxlength: commands.MAX_QUESTION,
    value: DEFAULT_QUESTION, 'data-testid': 'checkin-question-input' });
  const min = h('input', { class: 'input checkin-num', type: 'number', id: 'checkin-min', min: 0, max: 9, value: 1, 'data-testid': 'checkin-min' });
  const max = h('input', { class: 'input checkin-num', type: 'number', id: 'checkin-max', min: 1, max: 10, value: 5, 'data-testid': 'checkin-max' });
  /** The answer being chosen, per check-in, so a re-render (someone else answered) keeps it. */
  let choosing = { id: null, value: null, word: '' };
  let lastClosed = null;

  function run(promise, what, done) {
    promise.then((seq) => { if (done) done(seq); }, (err) => commandFailed(what, err));
  }

  // Folded until a facilitator wants it, so the agenda's own content stays on a phone's first screen.
  const opener = h('details', { class: 'checkin-opener', 'data-testid': 'checkin-opener' },
    h('summary', { class: 'btn btn-small btn-quiet', 'data-testid': 'checkin-start' }, 'Open a check-in\u2026'));

  function openForm() {
    if (!opener.querySelector('form')) opener.append(openFormFields());
    return opener;
  }

  function openFormFields() {
    return h('form', { class: 'checkin-open-form', 'data-testid': 'checkin-open-form',
      onsubmit: (e) => {
        e.preventDefault();
        const end = (input) => (input.value.trim() === '' ? undefined : Number(input.value));
        run(commands.open(connection, { question: question.value, min: end(min), max: end(max) }), 'open the check-in');
      } },
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'checkin-question', text: 'Question' }), question),
    h('div', { class: 'checkin-inline' },
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'checkin-min', text: 'From' }), min),
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'checkin-max', text: 'To' }), max),
      h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'checkin-open' }, 'Open a check-in')),
    h('p', { class: 'hint', text: 'Answers are anonymous: nobody, you included, sees who answered what. The distribution shows when you close it.' }));
  }

  function answerForm(state, open) {
    const mine = myAnswer(state.room, state.me);
    if (choosing.id !== open.id) choosing = { id: open.id, value: mine?.value ?? null, word: mine?.word ?? '' };
    const name = `checkin-${open.id}`;
    const qid = `checkin-q-${open.id}`;
    const wordId = `checkin-word-${open.id}`;
    const radios = scale(open.min, open.max).map((v) => h('label', { class: 'checkin-choice' },
      h('input', { type: 'radio', name, value: String(v), checked: choosing.value === v, 'data-testid': `checkin-value-${v}`,
        onchange: () => { choosing.value = v; } }),
      h('span', { text: String(v) })));
    return h('form', { class: 'checkin-answer', 'data-testid': 'checkin-answer-form', novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        if (choosing.value === null) {
          announcer.textContent = 'Choose a value first.';
          return;
        }
        run(commands.answer(connection, open.id, choosing.value, choosing.word), 'send your answer',
          () => { announcer.textContent = 'Your answer is in. Nobody else can see it.'; });
      } },
    h('div', { class: 'checkin-scale', role: 'radiogroup', 'aria-labelledby': qid, 'data-testid': 'checkin-scale' },
      h('span', { class: 'checkin-end', 'aria-hidden': 'true', text: 'low' }), radios,
      h('span', { class: 'checkin-end', 'aria-hidden': 'true', text: 'high' })),
    h('div', { class: 'field' },
      h('label', { class: 'label', for: wordId, text: 'One word (optional)' }),
      h('input', { class: 'input', id: wordId, maxlength: commands.MAX_WORD, value: choosing.word, 'data-testid': 'checkin-word',
        oninput: (e) => { choosing.word = e.target.value; } })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'checkin-submit' }, mine ? 'Change my answer' : 'Answer'),
      mine ? h('span', { class: 'hint', 'data-testid': 'checkin-mine' }, icon('check', 'icon-s'),
        `You answered ${mine.value}${mine.word ? ` ("${mine.word}")` : ''}; only you see this, and you may change it until the close.`) : null));
  }

  function openView(state, open) {
    return h('div', { class: 'checkin-open', 'data-testid': 'checkin-open-now', dataset: { id: open.id } },
      h('p', { class: 'checkin-question', id: `checkin-q-${open.id}`, 'data-testid': 'checkin-question',
        text: `${open.question} (${open.min} to ${open.max})` }),
      h('p', { class: 'hint', text: 'Anonymous: no one sees who answered what. Results show when a facilitator closes it.' }),
      canEdit(state) ? answerForm(state, open) : null,
      h('p', { class: 'checkin-count', 'data-testid': 'checkin-answered', dataset: { answered: String(open.answered) },
        text: answeredText(state.room) }),
      isFacilitator(state) ? h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'checkin-close',
        onclick: () => run(commands.close(connection, open.id), 'close the check-in') }, 'Close and show the results') : null);
  }

  function resultView(r) {
    const rows = distribution(r);
    return h('div', { class: 'checkin-result', 'data-testid': 'checkin-result', dataset: { id: r.id, counts: r.counts.join(',') } },
      h('p', { class: 'checkin-question', text: r.question }),
      h('p', { class: 'checkin-summary', 'data-testid': 'checkin-mean', dataset: { mean: String(r.mean ?? '') },
        text: r.answered ? `${r.answered} answered · mean ${meanText(r.mean)} of ${r.max}` : 'No one answered.' }),
      h('table', { class: 'checkin-bars', 'data-testid': 'checkin-distribution' },
        h('caption', { class: 'visually-hidden', text: 'How many answered each value' }),
        h('thead', { class: 'visually-hidden' }, h('tr', {}, h('th', { scope: 'col', text: 'Value' }),
          h('th', { scope: 'col', text: 'Share' }), h('th', { scope: 'col', text: 'Members' }))),
        h('tbody', {}, rows.map((row) => h('tr', {},
          h('th', { scope: 'row', class: 'checkin-bar-value', text: String(row.value) }),
          h('td', { class: 'checkin-bar-cell', 'aria-hidden': 'true' },
            sized(h('span', { class: 'checkin-bar' }), 'width', row.share)),
          h('td', { class: 'checkin-bar-count', text: String(row.count) }))))),
      r.words.length ? h('ul', { class: 'checkin-words', 'aria-label': 'Words given', 'data-testid': 'checkin-words' },
        r.words.map((w) => h('li', { text: w }))) : null);
  }

  function trendView(points) {
    const text = trendText(points);
    return h('div', { class: 'checkin-trend', 'data-testid': 'checkin-trend' },
      h('h4', { class: 'checkin-subtitle', id: 'checkin-trend-title', text: 'Trend across meetings' }),
      h('div', { class: 'checkin-spark', role: 'img', 'aria-label': text, 'data-testid': 'checkin-spark' },
        points.map((p) => sized(h('span', { class: 'checkin-spark-bar', title: `${p.meetingLabel}: ${meanText(p.mean)}` }),
          'height', p.level === null ? 0 : Math.max(0.04, p.level)))),
      h('ol', { class: 'checkin-trend-list', 'aria-labelledby': 'checkin-trend-title', 'data-testid': 'checkin-trend-list' },
        points.map((p) => h('li', { dataset: { meetingId: p.meetingId ?? '', mean: String(p.mean ?? '') } },
          h('strong', { text: p.meetingLabel }), ` (${dayText(p.closedAt)}) · ${p.answered} answered · mean ${meanText(p.mean)} of ${p.max}`,
          h('span', { class: 'checkin-trend-counts', text: ` · ${distribution(p).map((d) => `${d.value}: ${d.count}`).join(', ')}` })))));
  }

  function render() {
    const state = store.getState();
    if (!state.room) return;
    const part = checkinOf(state.room);
    const points = trend(state.room);
    const latest = part.results[part.results.length - 1] ?? null;
    if (latest && lastClosed !== null && latest.id !== lastClosed) {
      announcer.textContent = `Check-in closed: ${latest.answered} answered, mean ${meanText(latest.mean)} of ${latest.max}.`;
    }
    lastClosed = latest?.id ?? null;
    slot.hidden = !part.open && !isFacilitator(state) && !latest && !points.length;
    keepFocus(body, () => replaceChildren(body,
      part.open ? openView(state, part.open) : null,
      !part.open && isFacilitator(state) ? openForm() : null,
      // Nothing to show a participant before the first check-in: the agenda keeps the first screen.
      latest ? h('div', {}, h('h4', { class: 'checkin-subtitle', text: 'Latest results' }), resultView(latest)) : null,
      points.length ? trendView(points) : null));
  }

  store.subscribe((state, prev) => {
    const r = state.room;
    const p = prev.room;
    if (r?.checkin === p?.checkin && r?.members === p?.members && r?.meeting === p?.meeting && state.me === prev.me) return;
    render();
  });
  render();
}
