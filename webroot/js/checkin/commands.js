// Check-in commands a board may send; the server checks who may (facilitators open and close).

export const MAX_QUESTION = 200;
export const MAX_WORD = 40;

/** Opens a check-in; question, min and max are optional (the server's defaults otherwise). */
export function open(connection, { question, min, max } = {}) {
  const body = {};
  if (question?.trim()) body.question = question.trim();
  if (Number.isInteger(min)) body.min = min;
  if (Number.isInteger(max)) body.max = max;
  return connection.send('checkin.open', body);
}

export function answer(connection, checkinId, value, word) {
  const body = { checkinId, value };
  if (word?.trim()) body.word = word.trim();
  return connection.send('checkin.answer', body);
}

export function close(connection, checkinId) {
  return connection.send('checkin.close', { checkinId });
}
