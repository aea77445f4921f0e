// How commitment events change the board's room: mirrors dev.cairn.commitment.CommitmentRules#apply.
// Who and when come from the frame (by, at) and go into each commitment's history, as on the server.

export const MAX_HISTORY = 50;

const EMPTY = Object.freeze({ needs: [], commitments: [], review: null });

/** The commitment part of a room, with defaults for a room that has none yet. */
export function commitmentOf(room) {
  return room?.commitment ? { ...EMPTY, ...room.commitment } : EMPTY;
}

function withPart(room, patch) {
  return { ...room, commitment: { ...commitmentOf(room), ...patch } };
}

const KEEPS_NOTE = new Set(['released', 'blocked']);

function logged(c, entry) {
  const history = [...(c.history ?? []), entry];
  return { ...c, history: history.slice(Math.max(0, history.length - MAX_HISTORY)) };
}

function entry(frame, change, extra = {}) {
  return { at: frame.at, by: frame.by, change, status: null, note: null, memberId: null, ...extra };
}

function change(room, id, fn) {
  const part = commitmentOf(room);
  return withPart(room, { commitments: part.commitments.map((c) => (c.commitmentId === id ? fn(c) : c)) });
}

function withoutNeed(room, needId) {
  return commitmentOf(room).needs.filter((n) => n.needId !== needId);
}

export const commitmentEvents = {
  'commitment.need_posted': (room, e) => withPart(room, { needs: [...commitmentOf(room).needs, e.need] }),
  'commitment.need_withdrawn': (room, e) => withPart(room, { needs: withoutNeed(room, e.needId) }),
  'commitment.claimed': (room, e, frame) => withPart(room, {
    needs: withoutNeed(room, e.needId),
    commitments: [...commitmentOf(room).commitments, logged(e.commitment, entry(frame, 'claimed', { status: 'open' }))],
  }),
  'commitment.made': (room, e, frame) => withPart(room, {
    commitments: [...commitmentOf(room).commitments, logged(e.commitment, entry(frame, 'made', { status: 'open' }))],
  }),
  'commitment.edited': (room, e, frame) => change(room, e.commitmentId, (c) => logged({
    ...c, what: e.what, forWhom: e.forWhom, withWhom: e.withWhom, due: e.due, checkIn: e.checkIn, targetId: e.targetId,
  }, entry(frame, 'edited'))),
  'commitment.status_changed': (room, e, frame) => change(room, e.commitmentId, (c) => logged({
    ...c, status: e.status, note: KEEPS_NOTE.has(e.status) ? e.note : null,
  }, entry(frame, 'status', { status: e.status, note: e.note }))),
  'commitment.handover_offered': (room, e, frame) => change(room, e.commitmentId, (c) => logged({
    ...c, handover: { toMemberId: e.toMemberId, by: frame.by, at: frame.at },
  }, entry(frame, 'handover_offered', { memberId: e.toMemberId }))),
  'commitment.handover_withdrawn': (room, e, frame) => change(room, e.commitmentId, (c) => logged({
    ...c, handover: null,
  }, entry(frame, 'handover_withdrawn', { memberId: c.handover?.toMemberId ?? null }))),
  'commitment.handover_accepted': (room, e, frame) => change(room, e.commitmentId, (c) => logged({
    ...c, ownerId: e.toMemberId, handover: null,
  }, entry(frame, 'handover_accepted', { memberId: e.toMemberId }))),
  'commitment.handover_declined': (room, e, frame) => change(room, e.commitmentId, (c) => logged({
    ...c, handover: null,
  }, entry(frame, 'handover_declined', { memberId: e.toMemberId }))),
  'commitment.review_started': (room, e) => withPart(room, {
    review: { ...e.review, index: 0, steps: [], ended: e.review.order.length === 0 },
  }),
  'commitment.reviewed': (room, e, frame) => {
    const r = commitmentOf(room).review;
    if (!r || r.reviewId !== e.reviewId) return room;
    const index = r.index + 1;
    const next = withPart(room, { review: { ...r, index, steps: [...r.steps, e.step], ended: index >= r.order.length } });
    const note = e.step.note ? `${e.step.outcome}: ${e.step.note}` : e.step.outcome;
    return change(next, e.step.commitmentId, (c) => logged(c, entry(frame, 'reviewed', { status: e.step.status, note })));
  },
  'commitment.review_ended': (room, e) => {
    const r = commitmentOf(room).review;
    if (!r || r.reviewId !== e.reviewId) return room;
    return withPart(room, { review: { ...r, ended: true } });
  },
};
