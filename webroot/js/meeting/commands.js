// Meeting commands a board may send; the server checks who may, the board only hides what cannot work.

export const KINDS = [
  ['check_in', 'Check-in'], ['purpose', 'Purpose'], ['discussion', 'Discussion'], ['round', 'Round'],
  ['decision', 'Decision'], ['commitments_review', 'Commitments review'], ['check_out', 'Check-out'], ['other', 'Other'],
];
export const MIN_MINUTES = 1;
export const MAX_MINUTES = 480;
export const MAX_TITLE = 120;
export const MAX_NOTES = 2000;

export function kindLabel(kind) {
  return KINDS.find(([k]) => k === kind)?.[1] ?? 'Other';
}

const send = (type) => (connection, body = {}) => connection.send(type, body);

export const start = (connection, fromAgenda) => connection.send('meeting.start', { agenda: Boolean(fromAgenda) });
export const end = send('meeting.end');

/** fields: {title, kind, minutes, notes, ownerId}; an empty owner or notes are left out. */
function segmentBody(fields) {
  const body = { title: fields.title.trim(), kind: fields.kind, minutes: Number(fields.minutes) };
  if (fields.notes?.trim()) body.notes = fields.notes.trim();
  if (fields.ownerId) body.ownerId = fields.ownerId;
  return body;
}

export const addSegment = (connection, fields) => connection.send('meeting.segment_add', segmentBody(fields));
export const updateSegment = (connection, segmentId, fields) => connection.send('meeting.segment_update', {
  segmentId, title: fields.title.trim(), kind: fields.kind, minutes: Number(fields.minutes),
  notes: fields.notes?.trim() ?? '', ownerId: fields.ownerId ?? '',
});
export const moveSegment = (connection, segmentId, index) => connection.send('meeting.segment_move', { segmentId, index });
export const removeSegment = (connection, segmentId) => connection.send('meeting.segment_remove', { segmentId });
export const propose = (connection, fields) => {
  const { ownerId, ...rest } = segmentBody(fields);
  return connection.send('meeting.propose', rest);
};
export const acceptProposal = (connection, proposalId) => connection.send('meeting.proposal_accept', { proposalId });
export const declineProposal = (connection, proposalId) => connection.send('meeting.proposal_decline', { proposalId });
export const goTo = (connection, segmentId, timer = true) => connection.send('meeting.goto', { segmentId, timer });
export const next = (connection, timer = true) => connection.send('meeting.next', { timer });
export const skip = (connection, segmentId) => connection.send('meeting.skip', segmentId ? { segmentId } : {});
export const startTimer = (connection, minutes) => connection.send('meeting.timer_start', { minutes: Number(minutes) });
export const startTimerUntil = (connection, until) => connection.send('meeting.timer_start', { until });
export const pause = send('meeting.timer_pause');
export const resume = send('meeting.timer_resume');
export const addTime = (connection, minutes) => connection.send('meeting.timer_add', { minutes: Number(minutes) });
export const stopTimer = send('meeting.timer_stop');
export const openPoll = (connection, minutes) => connection.send('meeting.poll_open', { minutes: Number(minutes) });
export const answerPoll = (connection, pollId, choice) => connection.send('meeting.poll_answer', { pollId, choice });
export const closePoll = (connection, pollId) => connection.send('meeting.poll_close', { pollId });
export const focus = (connection, panel) => connection.send('meeting.focus', { panel });
export const setRota = (connection, memberIds) => connection.send('meeting.rota_change', { memberIds });
export const configure = (connection, settings) => connection.send('meeting.configure', settings);
