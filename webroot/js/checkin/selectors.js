// Questions the check-in view asks: who may answer, the distribution as rows, the trend across meetings.

import { checkinOf } from './events.js';

export const DEFAULT_QUESTION = 'How much do you trust this group to follow through?';

const answers = (role) => role === 'participant' || role === 'facilitator';

/**
 * How many may answer the open check-in: the members present in the meeting under way who are not
 * observers, else every participant and facilitator of the room.
 */
export function eligibleCount(room) {
  const members = room?.members ?? {};
  const meeting = room?.meeting?.meeting ?? null;
  const ids = meeting
    ? Object.entries(meeting.attendance ?? {}).filter(([, a]) => a && a.since != null).map(([id]) => id)
    : Object.keys(members);
  return ids.filter((id) => answers(members[id]?.role)).length;
}

/** "N of M answered"; M never below N (someone may have left since answering). */
export function answeredText(room) {
  const open = checkinOf(room).open;
  if (!open) return '';
  const n = open.answered ?? 0;
  const m = Math.max(n, eligibleCount(room));
  return `${n} of ${m} answered`;
}

/** My answer to the open check-in, or null. */
export function myAnswer(room, me) {
  return checkinOf(room).open?.answers?.[me] ?? null;
}

/** The scale's values, min to max. */
export function scale(min, max) {
  const out = [];
  for (let v = min; v <= max; v += 1) out.push(v);
  return out;
}

/** A result as rows {value, count, share (0–1 of those who answered)}. */
export function distribution(result) {
  const total = result.answered || 0;
  return result.counts.map((count, i) => ({ value: result.min + i, count, share: total ? count / total : 0 }));
}

/** "3.50" or "–" */
export function meanText(mean) {
  return mean === null || mean === undefined ? '–' : Number(mean).toFixed(2);
}

/**
 * The trend: each closed check-in with its meeting, mean, answered and distribution, oldest first,
 * with a meeting label ("Meeting 2") numbered in the order the room's meetings first appear.
 */
export function trend(room) {
  const numbers = new Map();
  return checkinOf(room).results.map((r) => {
    if (r.meetingId && !numbers.has(r.meetingId)) numbers.set(r.meetingId, numbers.size + 1);
    return {
      ...r,
      meetingLabel: r.meetingId ? `Meeting ${numbers.get(r.meetingId)}` : 'Between meetings',
      // the mean's place on its own scale, 0 at min and 1 at max, for bars drawn side by side
      level: r.mean === null || r.mean === undefined ? null : (r.mean - r.min) / (r.max - r.min),
    };
  });
}

/** The trend in words, for screen readers and as the bars' text alternative. */
export function trendText(points) {
  if (!points.length) return 'No check-in has closed yet.';
  return points.map((p) => `${p.meetingLabel}: ${p.mean === null || p.mean === undefined
    ? 'no answers' : `mean ${meanText(p.mean)} of ${p.max}`} (${p.answered} answered)`).join('; ');
}
