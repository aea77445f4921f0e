// Questions views ask about the purpose: ratings per test, who has not rated, stale ratings,
// whether the draft moved away from the adopted text.

import { purposeOf } from './events.js';

export const TESTS = [
  { key: 'inspiring', label: 'Ambitious enough to inspire', hint: 'Does it make people want to show up?' },
  { key: 'valuable', label: 'Clear value for each member and for the group', hint: 'Can each of us say what we gain?' },
  { key: 'measurable', label: 'Specific and measurable', hint: 'Will we know when we got there?' },
];

export function purpose(state) {
  return purposeOf(state.room);
}

/**
 * A rating is stale once the draft has changed by more than a quarter of its length at rating
 * time (at least 20 characters). Mirrors dev.cairn.purpose.Rating#staleAt (integer division).
 */
export function isStale(rating, currentChurn) {
  return currentChurn - rating.churn > Math.max(20, Math.trunc(rating.textLength / 4));
}

/** Who may rate: participants and facilitators. */
function raters(state) {
  return Object.values(state.room?.members ?? {}).filter((m) => m.role === 'facilitator' || m.role === 'participant');
}

/**
 * Everything the ratings view shows: per test the counts of 1..5 (current and stale apart), the
 * mean and the comments; how many rated, how many of those are stale; who has not rated.
 */
export function ratingSummary(state) {
  const p = purpose(state);
  const members = state.room?.members ?? {};
  // Only those who may rate now count: a member made an observer (or removed) after rating is not "1 of 3 rated".
  const may = new Set(raters(state).map((m) => m.id));
  const all = Object.values(p.ratings ?? {}).filter((r) => may.has(r.memberId));
  // A hidden rating of someone else arrives without scores: it counts as given, not in the distribution.
  const sealed = all.filter((r) => r.hidden && r.memberId !== state.me);
  const ratings = all.filter((r) => !sealed.includes(r));
  const stale = new Set(ratings.filter((r) => isStale(r, p.churn)).map((r) => r.memberId));
  const tests = TESTS.map((test) => {
    const current = [0, 0, 0, 0, 0];
    const old = [0, 0, 0, 0, 0];
    let sum = 0;
    const comments = [];
    for (const r of ratings) {
      const score = r[test.key];
      if (!Number.isInteger(score) || score < 1 || score > 5) continue;
      (stale.has(r.memberId) ? old : current)[score - 1] += 1;
      sum += score;
      const text = r.comments?.[test.key];
      if (text) {
        comments.push({ memberId: r.memberId, name: members[r.memberId]?.name ?? 'Someone', text, score,
          stale: stale.has(r.memberId), at: r.at });
      }
    }
    comments.sort((a, b) => b.at - a.at);
    return { ...test, current, old, mean: ratings.length ? sum / ratings.length : null, comments };
  });
  const missing = raters(state).filter((m) => !p.ratings?.[m.id])
    .sort((a, b) => a.name.localeCompare(b.name));
  return { tests, count: all.length, hiddenCount: sealed.length, ratingsHidden: Boolean(p.ratingsHidden),
    staleCount: stale.size, missing, canRate: p.text.trim().length > 0 };
}

/** This member's rating and whether it is stale, or null. */
export function myRating(state) {
  const p = purpose(state);
  const mine = state.me ? p.ratings?.[state.me] : null;
  return mine ? { ...mine, stale: isStale(mine, p.churn) } : null;
}

/** The adopted purpose and whether the working draft has moved away from it. */
export function adoption(state) {
  const p = purpose(state);
  if (!p.adopted) return { adopted: null, diverged: false };
  const by = state.room?.members?.[p.adopted.by]?.name ?? 'someone';
  // The decision of the log that adopted it: a consent proposal (kind purpose) or the facilitator alone.
  const decision = (state.room?.decision?.log ?? []).find((d) => d.id === p.adopted.decisionId) ?? null;
  const how = decision?.kind === 'purpose' ? 'by consent of the group' : `by ${by}, a facilitator decision`;
  return { adopted: { ...p.adopted, byName: by, how }, diverged: p.text !== p.adopted.text };
}
