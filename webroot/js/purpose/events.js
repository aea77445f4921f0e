// How purpose events change the board's room: mirrors dev.cairn.purpose.PurposeRules#apply.

import { apply } from './ot-text.js';

/** Characters inserted plus deleted by an op (skips do not count). */
export function churnOf(op) {
  let n = 0;
  for (const c of op) {
    if (typeof c === 'string') n += c.length;
    else if (typeof c === 'object') n += c.d;
  }
  return n;
}

function withPurpose(room, patch) {
  return { ...room, purpose: { ...purposeOf(room), ...patch } };
}

/** The purpose part of a room, with defaults for a room that has none yet. */
export function purposeOf(room) {
  return room?.purpose ?? { text: '', rev: 0, churn: 0, locked: false, ratings: {}, targets: [], adopted: null, ratingsHidden: false, lockAt: null, lockBy: null };
}

function edited(room, e) {
  const purpose = purposeOf(room);
  let text;
  try {
    text = apply(purpose.text, e.op);
  } catch {
    // Our copy and the server's differ: keep what we have and let the board reload.
    return withPurpose(room, { rev: e.rev, desync: true });
  }
  return withPurpose(room, { text, rev: e.rev, churn: purpose.churn + churnOf(e.op) });
}

function targets(room, change) {
  return withPurpose(room, { targets: change([...purposeOf(room).targets]) });
}

export const purposeEvents = {
  'purpose.edited': edited,
  'purpose.lock_changed': (room, e) => withPurpose(room, { locked: e.locked, lockAt: null, lockBy: null }),
  'purpose.lock_scheduled': (room, e, frame) => withPurpose(room, { lockAt: e.at, lockBy: frame.by }),
  'purpose.rated': (room, e, frame) => withPurpose(room, {
    ratings: {
      ...purposeOf(room).ratings,
      [frame.by]: {
        memberId: frame.by, rev: e.rev, churn: e.churn, textLength: e.textLength, inspiring: e.inspiring,
        valuable: e.valuable, measurable: e.measurable, comments: e.comments ?? {}, at: frame.at, hidden: Boolean(e.hidden),
      },
    },
  }),
  // A target's version is the seq of the event that set it, and by who set it (as the server's state).
  'purpose.target_added': (room, e, frame) => targets(room, (list) => [...list, { ...e.target, version: frame.seq, by: frame.by }]),
  'purpose.target_updated': (room, e, frame) => targets(room, (list) => list.map((t) => (t.id === e.target.id
    ? { ...e.target, version: frame.seq, by: frame.by } : t))),
  'purpose.target_moved': (room, e) => targets(room, (list) => {
    const from = list.findIndex((t) => t.id === e.id);
    if (from < 0) return list;
    const [moved] = list.splice(from, 1);
    list.splice(e.index, 0, moved);
    return list;
  }),
  'purpose.target_removed': (room, e) => targets(room, (list) => list.filter((t) => t.id !== e.id)),
  'purpose.adopted': (room, e, frame) => withPurpose(room, {
    adopted: { rev: e.rev, text: e.text, at: frame.at, by: frame.by, decisionId: e.decisionId ?? null },
  }),
  'purpose.ratings_visibility_changed': (room, e) => {
    const ratings = { ...purposeOf(room).ratings };
    for (const r of e.revealed ?? []) ratings[r.memberId] = { ...r, hidden: false };
    return withPurpose(room, { ratingsHidden: e.hidden, ratings });
  },
};
