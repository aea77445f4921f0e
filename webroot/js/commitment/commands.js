// Commitment commands a board may send; the server checks who may, the board only hides what cannot work.

export const WHAT_MAX = 200;
export const NOTE_MAX = 200;
export const PARTY_NAME_MAX = 60;

export const postNeed = (connection, what) => connection.send('commitment.post_need', { what: what.trim() });
export const withdrawNeed = (connection, needId) => connection.send('commitment.withdraw_need', { needId });
export const claim = (connection, needId) => connection.send('commitment.claim', { needId });
/** fields: what, forWhom, withWhom (lists of {memberId} or {name}), due. The ack's seq names it: c<seq>. */
export const make = (connection, fields) => connection.send('commitment.make', fields);
/** fields: what, forWhom, withWhom, due (absent: unchanged). */
export const edit = (connection, commitmentId, fields) => connection.send('commitment.edit', { commitmentId, ...fields });
/** checkIn, targetId: a value, '' to clear, undefined to leave as it is. */
export const plan = (connection, commitmentId, fields) => connection.send('commitment.plan', { commitmentId, ...fields });

/**
 * Makes a commitment from the form's fields, then sets its check-in day and target if the form
 * has them (commitment.plan). Resolves with the new commitment's id.
 */
export async function makeWithPlan(connection, { checkIn, targetId, ...fields }) {
  const seq = await make(connection, fields);
  const commitmentId = `c${seq}`;
  if (checkIn || targetId) {
    await plan(connection, commitmentId, { ...(checkIn ? { checkIn } : {}), ...(targetId ? { targetId } : {}) });
  }
  return commitmentId;
}

/** Saves the edit form: what, for/with whom and due, then check-in and target if they changed. */
export async function editWithPlan(connection, commitment, { checkIn, targetId, ...fields }) {
  await edit(connection, commitment.commitmentId, fields);
  const planned = {};
  if ((checkIn || '') !== (commitment.checkIn || '')) planned.checkIn = checkIn || '';
  if ((targetId || '') !== (commitment.targetId || '')) planned.targetId = targetId || '';
  if (Object.keys(planned).length) await plan(connection, commitment.commitmentId, planned);
}
export const setStatus = (connection, commitmentId, status, note) => connection.send('commitment.set_status',
  note ? { commitmentId, status, note } : { commitmentId, status });
/** toMemberId null withdraws the waiting offer. */
export const handOver = (connection, commitmentId, toMemberId) => connection.send('commitment.hand_over',
  { commitmentId, toMemberId: toMemberId ?? null });
export const answerHandover = (connection, commitmentId, accept) => connection.send('commitment.answer_handover',
  { commitmentId, accept });
export const startReview = (connection) => connection.send('commitment.review_start', {});
/** outcome: reviewed, updated (with status) or skipped. */
export function reviewStep(connection, commitmentId, outcome, status = null, note = '') {
  const body = { commitmentId, outcome };
  if (status) body.status = status;
  if (note && note.trim()) body.note = note.trim();
  return connection.send('commitment.review_step', body);
}
export const endReview = (connection) => connection.send('commitment.review_end', {});
