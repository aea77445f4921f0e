// The three tests of a powerful purpose. Each participant scores the draft 1–5 on each test, with
// an optional comment; everyone sees the live distribution per test (current ratings, and those
// made on an older draft apart), who has not rated yet, and the comments.

import { h, keepFocus } from '../../dom.js';
import { icon } from '../../icons.js';
import { canEdit, isFacilitator } from '../../membership/selectors.js';
import { MAX_COMMENT, rate, ratingsVisibility } from '../../purpose/commands.js';
import { TESTS, myRating, ratingSummary } from '../../purpose/selectors.js';
import { timeAgo } from '../../time.js';
import { commandFailed } from '../toast.js';

const SCORES = [1, 2, 3, 4, 5];

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

export function mountRatings({ store, connection }) {
  const tests = new Map(); // key → {histogram, mean, comments, radios, comment, details}
  const form = h('form', { class: 'ratings-form', 'data-testid': 'ratings-form', novalidate: true });
  const summary = h('p', { class: 'ratings-summary', 'data-testid': 'ratings-summary' });
  const missing = h('p', { class: 'ratings-missing', 'data-testid': 'ratings-missing' });
  const stale = h('p', { class: 'ratings-stale', 'data-testid': 'ratings-stale', hidden: true });
  const mine = h('p', { class: 'ratings-mine', 'data-testid': 'ratings-mine' });
  const hiddenNote = h('p', { class: 'pill-note pill-warn', 'data-testid': 'ratings-hidden', hidden: true });
  const visibility = h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'ratings-visibility',
    onclick: async () => {
      const hide = !ratingSummary(store.getState()).ratingsHidden;
      try {
        await ratingsVisibility(connection, hide);
      } catch (err) {
        commandFailed(hide ? 'hide the ratings' : 'reveal the ratings', err);
      }
    } });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'rating-submit' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { class: 'label-text', text: 'Rate this draft' }));
  // Picks changed since the last save are only on this screen until sent: say so.
  const unsaved = h('p', { class: 'ratings-unsaved', 'data-testid': 'rating-unsaved', hidden: true,
    text: 'Changed: not saved yet. Press the button to send it.' });
  const actions = h('div', { class: 'ratings-actions' }, submit, mine, unsaved);

  for (const test of TESTS) form.append(testBlock(test));
  const changed = () => {
    dirty = true;
    unsaved.hidden = false;
  };
  form.addEventListener('change', changed);
  form.addEventListener('input', changed);
  form.append(error, actions);

  const element = h('section', { class: 'ratings', 'aria-labelledby': 'ratings-title', 'data-testid': 'ratings' },
    h('div', { class: 'section-head' }, h('h3', { class: 'section-title', id: 'ratings-title', text: 'Three tests of a powerful purpose' })),
    h('p', { class: 'hint ratings-intro', text: 'Score the current draft from 1 (not yet) to 5 (fully) on each test.' }),
    h('div', { class: 'ratings-overview', 'aria-live': 'polite' }, summary, hiddenNote, stale, missing),
    visibility,
    form);

  let dirty = false; // the person changed their scores or comments and has not sent them
  let busy = false;

  function testBlock(test) {
    const titleId = `rate-${test.key}-title`;
    const histogram = h('div', { class: 'histogram', role: 'img', 'data-testid': `rating-distribution-${test.key}` });
    const mean = h('span', { class: 'test-mean', 'data-testid': `rating-mean-${test.key}` });
    const radios = SCORES.map((n) => h('input', {
      type: 'radio', name: `rate-${test.key}`, value: String(n), id: `rate-${test.key}-${n}`,
      'data-testid': `rate-${test.key}-${n}`, class: 'scale-input',
    }));
    const scale = h('div', { class: 'scale', role: 'radiogroup', 'aria-labelledby': titleId, 'data-testid': `rate-${test.key}` },
      SCORES.map((n, i) => [radios[i], h('label', { class: 'scale-label', for: radios[i].id },
        h('span', { 'aria-hidden': 'true', text: String(n) }),
        h('span', { class: 'visually-hidden', text: `${n} of 5${n === 1 ? ', not yet' : n === 5 ? ', fully' : ''}` }))]));
    const comment = h('textarea', {
      class: 'input test-comment-input', rows: 2, maxlength: MAX_COMMENT, 'data-testid': `rate-${test.key}-comment`,
      'aria-label': `Your comment on: ${test.label}`, placeholder: 'What would make it stronger? (optional)',
    });
    const details = h('details', { class: 'test-comment' }, h('summary', { text: 'Add a comment' }), comment);
    const comments = h('ul', { class: 'comments', 'aria-label': `Comments on: ${test.label}` });
    const yours = h('div', { class: 'test-yours' }, h('span', { class: 'test-row-label', 'aria-hidden': 'true', text: 'Yours' }), scale);
    tests.set(test.key, { histogram, mean, radios, comment, details, comments, yours });
    return h('div', { class: 'test', role: 'group', 'aria-labelledby': titleId, dataset: { test: test.key } },
      h('div', { class: 'test-head' },
        h('h4', { class: 'test-title', id: titleId, text: test.label }), mean),
      h('p', { class: 'test-hint', text: test.hint }),
      h('div', { class: 'test-group' }, h('span', { class: 'test-row-label', 'aria-hidden': 'true', text: 'Group' }), histogram),
      yours, details, comments);
  }

  function renderHistogram(key, t) {
    const { histogram, mean } = tests.get(key);
    const total = t.current.reduce((a, b) => a + b, 0) + t.old.reduce((a, b) => a + b, 0);
    const most = Math.max(1, ...SCORES.map((n) => t.current[n - 1] + t.old[n - 1]));
    histogram.dataset.counts = SCORES.map((n) => t.current[n - 1] + t.old[n - 1]).join(',');
    histogram.setAttribute('aria-label', total
      ? `${t.label}: ${SCORES.map((n) => `${t.current[n - 1] + t.old[n - 1]} rated ${n}`).join(', ')}.`
      : `${t.label}: no ratings yet.`);
    histogram.replaceChildren(...SCORES.map((n) => {
      const now = t.current[n - 1];
      const old = t.old[n - 1];
      const column = h('div', { class: 'bar', 'aria-hidden': 'true', title: `${now + old} rated ${n}${old ? ` (${old} on an older draft)` : ''}` },
        h('span', { class: 'bar-count', text: now + old ? String(now + old) : '' }),
        h('span', { class: 'bar-track' },
          h('span', { class: 'bar-fill' }),
          h('span', { class: 'bar-old' })),
        h('span', { class: 'bar-score', text: String(n) }));
      column.querySelector('.bar-fill').style.height = `${(now / most) * 100}%`;
      column.querySelector('.bar-old').style.height = `${(old / most) * 100}%`;
      return column;
    }));
    mean.textContent = t.mean === null ? '' : `avg ${t.mean.toFixed(1)}`;
    mean.title = t.mean === null ? '' : `Average of ${plural(total, 'rating', 'ratings')}`;
  }

  function renderComments(key, t) {
    const { comments } = tests.get(key);
    comments.replaceChildren(...t.comments.map((c) => h('li', { class: `comment${c.stale ? ' is-stale' : ''}` },
      h('span', { class: 'comment-who' }, h('strong', { text: c.name }), h('span', { class: 'comment-score', text: ` · ${c.score}/5` }),
        c.stale ? h('span', { class: 'comment-stale', text: ' · older draft' }) : null),
      h('span', { class: 'comment-text', text: c.text }))));
    comments.hidden = t.comments.length === 0;
  }

  /** Puts this member's saved rating into the inputs (unless they are changing it). */
  function fill(rating) {
    if (dirty) return;
    for (const test of TESTS) {
      const { radios, comment, details } = tests.get(test.key);
      for (const radio of radios) radio.checked = rating ? Number(radio.value) === rating[test.key] : false;
      const text = rating?.comments?.[test.key] ?? '';
      comment.value = text;
      if (text) details.open = true;
    }
  }

  function render(state, prev) {
    const s = ratingSummary(state);
    const rater = canEdit(state);
    for (const t of s.tests) {
      renderHistogram(t.key, t);
      renderComments(t.key, t);
      tests.get(t.key).yours.hidden = !rater;
      tests.get(t.key).details.hidden = !rater;
    }
    const rated = s.count;
    const everyone = rated + s.missing.length;
    const summaryText = rated === 0
      ? 'Nobody has rated this draft yet.'
      : `${rated} of ${everyone} ${everyone === 1 ? 'member has' : 'members have'} rated.`;
    if (summary.textContent !== summaryText) summary.textContent = summaryText;
    hiddenNote.hidden = !s.ratingsHidden && s.hiddenCount === 0;
    const hiddenText = s.ratingsHidden
      ? `Ratings are hidden until a facilitator reveals them (so nobody is anchored by earlier scores)${s.hiddenCount ? `: ${s.hiddenCount} hidden so far` : ''}.`
      : `${s.hiddenCount} hidden ${s.hiddenCount === 1 ? 'rating' : 'ratings'}.`;
    if (hiddenNote.textContent !== hiddenText) hiddenNote.textContent = hiddenText;
    visibility.hidden = !isFacilitator(state);
    visibility.textContent = s.ratingsHidden ? 'Reveal the ratings' : 'Hide ratings until revealed';
    stale.hidden = s.staleCount === 0;
    const staleText = s.staleCount === 1 ? '1 rating is for an older draft.' : `${s.staleCount} ratings are for an older draft.`;
    if (stale.textContent !== staleText) {
      stale.replaceChildren(h('span', { class: 'stale-swatch', 'aria-hidden': 'true', title: 'Hatched in the bars' }), staleText);
    }
    const missingText = s.missing.length ? `Not rated yet: ${s.missing.map((m) => m.name).join(', ')}.` : (rated ? 'Everyone has rated.' : '');
    if (missing.textContent !== missingText) missing.textContent = missingText;

    const my = myRating(state);
    if (!prev || my?.at !== myRating(prev)?.at) fill(my);
    actions.hidden = !rater;
    // Busy is aria-disabled, not disabled: a disabled button drops focus to the page body.
    submit.disabled = !s.canRate;
    if (busy) submit.setAttribute('aria-disabled', 'true');
    else submit.removeAttribute('aria-disabled');
    submit.title = s.canRate ? '' : 'There is no draft to rate yet';
    submit.querySelector('.label-text').textContent = my ? 'Update my rating' : 'Rate this draft';
    if (!rater) mine.replaceChildren();
    else if (!s.canRate) mine.replaceChildren(h('span', { text: 'Write a draft first, then rate it.' }));
    else if (!my) mine.replaceChildren(h('span', { text: 'You have not rated yet.' }));
    else {
      mine.replaceChildren(
        my.stale ? icon('alert', 'icon-s') : icon('check', 'icon-s'),
        h('span', {}, my.stale ? 'Your rating is for an older draft: rate again. ' : `You rated revision ${my.rev} `,
          timeAgo(h, my.at), '.'));
    }
    mine.dataset.stale = String(Boolean(my?.stale));
    unsaved.hidden = !(dirty && rater);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    const scores = {};
    const comments = {};
    for (const test of TESTS) {
      const { radios, comment } = tests.get(test.key);
      const picked = radios.find((r) => r.checked);
      if (!picked) {
        error.textContent = `Give a score for “${test.label}”.`;
        radios[0].focus();
        return;
      }
      scores[test.key] = Number(picked.value);
      comments[test.key] = comment.value;
    }
    error.textContent = '';
    busy = true;
    submit.setAttribute('aria-busy', 'true');
    submit.setAttribute('aria-disabled', 'true');
    try {
      await rate(connection, scores, comments);
      dirty = false;
      fill(myRating(store.getState()));
    } catch (err) {
      commandFailed('save your rating', err);
    } finally {
      busy = false;
      submit.removeAttribute('aria-busy');
      render(store.getState());
    }
  });

  store.subscribe((state, prev) => {
    const a = state.room?.purpose;
    const b = prev.room?.purpose;
    if (a?.ratings !== b?.ratings || a?.ratingsHidden !== b?.ratingsHidden || a?.churn !== b?.churn || Boolean(a?.text?.trim()) !== Boolean(b?.text?.trim())
      || state.room?.members !== prev.room?.members || state.me !== prev.me) {
      keepFocus(element, () => render(state, prev));
    }
  });
  render(store.getState(), null);
  return { element };
}
