// The commitments review, while the agenda's current segment is a commitments review (or a review
// of this meeting is under way): the facilitator starts it; it shows one commitment at a time;
// its owner (or a facilitator) says it is on track or updates its status; facilitators may skip
// one or end the review. Each step names the commitment, so a second press is refused, never skips.

import { h } from '../../dom.js';
import { STATUS_LABELS, reviewState } from '../../commitment/selectors.js';
import { statusForm, statusTag } from './item.js';
import { dueWords } from '../../commitment/selectors.js';
import { day } from '../../time.js';

const OUTCOME_WORDS = { reviewed: 'on track', updated: 'updated', skipped: 'skipped' };

export function renderReview(ctx) {
  const { state, members, me, now } = ctx;
  const r = reviewState(state.room);
  if (!r.segment && !r.underWay) return null;
  const facilitator = me?.role === 'facilitator';
  const nameOf = (id) => members[id]?.name ?? 'someone';
  const box = (...children) => h('section', { class: 'cm-review', 'data-testid': 'review', 'aria-labelledby': 'cm-review-title',
    'data-state': r.underWay ? 'under_way' : r.review ? 'ended' : 'waiting' },
  h('h3', { class: 'cm-section-title', id: 'cm-review-title', text: 'Commitments review' }), ...children);

  const steps = r.review?.steps?.length ? h('ol', { class: 'cm-review-steps', 'data-testid': 'review-steps', 'aria-label': 'Gone through' },
    r.review.steps.map((s) => {
      const c = state.room.commitment.commitments.find((x) => x.commitmentId === s.commitmentId);
      return h('li', { 'data-testid': 'review-step', 'data-outcome': s.outcome },
        h('span', { class: 'cm-review-step-what', text: c?.what ?? '' }), ' — ',
        `${OUTCOME_WORDS[s.outcome] ?? s.outcome}${s.outcome === 'updated' ? ` to ${STATUS_LABELS[s.status] ?? s.status}` : ''}`,
        s.note ? h('span', { class: 'cm-history-note', text: ` (${s.note})` }) : null,
        h('span', { class: 'hint', text: ` · ${nameOf(s.by)}` }));
    })) : null;

  if (!r.review) {
    return box(
      h('p', { class: 'hint', text: 'Go through every open commitment, one at a time; each owner says how theirs is going.' }),
      facilitator ? h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'review-start', disabled: ctx.busy,
        onclick: () => ctx.act('start the review', (cmd) => cmd.startReview()) }, 'Start the review')
        : h('p', { 'data-testid': 'review-waiting', text: 'Waiting for a facilitator to start the review.' }));
  }
  if (!r.underWay) {
    return box(h('p', { 'data-testid': 'review-done', text: r.total ? `Review done: ${r.review.steps.length} of ${r.total} gone through.` : 'Nothing was open to review.' }), steps);
  }

  const c = r.current;
  const owner = nameOf(c.ownerId);
  const mayUpdate = facilitator || c.ownerId === me?.id;
  const key = `review:${c.commitmentId}`;
  const progress = h('p', { class: 'cm-review-progress', 'data-testid': 'review-progress', text: `${r.position} of ${r.total}` });
  const card = h('div', { class: 'cm-review-current', 'data-testid': 'review-current', 'data-id': c.commitmentId },
    h('p', { class: 'cm-what', text: c.what }),
    h('p', { class: 'cm-line' }, h('span', { class: 'cm-line-label', text: 'Owner ' }), h('span', { text: owner }), ' · ', statusTag(c.status), ' · ', dueWords(c, now, day)));
  const actions = [];
  if (mayUpdate) {
    actions.push(h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'review-on-track', disabled: ctx.busy,
      onclick: () => ctx.act('mark it reviewed', (cmd) => cmd.reviewStep(c.commitmentId, 'reviewed')) }, 'On track'));
    actions.push(h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'review-update', 'aria-expanded': String(ctx.forms.has(key)), disabled: ctx.busy,
      onclick: () => ctx.open(key, () => statusForm({
        commitment: c,
        testid: 'review-update-form',
        submitLabel: 'Update and go on',
        onCancel: () => ctx.close(key),
        onSubmit: (status, note) => ctx.act('update it', (cmd) => cmd.reviewStep(c.commitmentId, 'updated', status, note), key),
      })) }, 'Update status'));
  } else {
    actions.push(h('p', { class: 'hint', 'data-testid': 'review-turn', text: `${owner} is updating this one.` }));
  }
  if (facilitator) {
    actions.push(h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'review-skip', disabled: ctx.busy,
      onclick: () => ctx.act('skip it', (cmd) => cmd.reviewStep(c.commitmentId, 'skipped')) }, 'Skip'));
    actions.push(h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'review-end', disabled: ctx.busy,
      onclick: () => ctx.act('end the review', (cmd) => cmd.endReview()) }, 'End the review'));
  }
  return box(progress, card, h('div', { class: 'cm-actions' }, actions), ctx.forms.get(key) ?? null, steps);
}
