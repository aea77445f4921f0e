// Purpose commands a board may send; the server checks who may, the board only hides what cannot work.
// (Edits go through the draft session, which keeps one in flight; carets are signals, not commands.)

export const MAX_TEXT = 20_000;
export const MAX_COMMENT = 500;
export const TARGET_LIMITS = { what: 200, baseline: 100, target: 100, tracker: 60 };

/** Facilitator: hide new ratings from everyone until revealed (true), or reveal them all (false). */
export function ratingsVisibility(connection, hidden) {
  return connection.send('purpose.ratings_visibility', { hidden });
}

/** Locks after the server's grace (whoever is typing is warned), at once with graceSeconds 0, or unlocks. */
export function lock(connection, locked, graceSeconds = undefined) {
  return connection.send('purpose.lock', graceSeconds === undefined ? { locked } : { locked, graceSeconds });
}

/** scores: {inspiring, valuable, measurable}; comments: {test: text}, empty ones left out. */
export function rate(connection, scores, comments = {}) {
  const kept = {};
  for (const [test, text] of Object.entries(comments)) if (text.trim()) kept[test] = text.trim();
  return connection.send('purpose.rate', { ...scores, comments: kept });
}

/** fields: {what, target, baseline, due, tracker}; empty optional fields are left out. */
function targetBody(fields) {
  const body = { what: fields.what.trim(), target: fields.target.trim() };
  for (const key of ['baseline', 'due', 'tracker']) {
    const value = (fields[key] ?? '').trim();
    if (value) body[key] = value;
  }
  return body;
}

export function addTarget(connection, fields) {
  return connection.send('purpose.target_add', targetBody(fields));
}

/**
 * The field that names the target in target_update / target_move / target_remove. docs/protocol.md
 * calls it `id`, but `id` is every command's message id, which the server takes off the message
 * before it reads the command, so a target named by `id` never arrives ("no target null"). The
 * board sends `targetId`, the name the server needs to adopt for these three commands.
 */
export const TARGET_ID = 'targetId';

/** baseVersion: the target's version the form was opened on; a stale one is refused with conflict. */
export function updateTarget(connection, id, fields, baseVersion) {
  return connection.send('purpose.target_update', { [TARGET_ID]: id, ...targetBody(fields), baseVersion });
}

export function moveTarget(connection, id, index) {
  return connection.send('purpose.target_move', { [TARGET_ID]: id, index });
}

export function removeTarget(connection, id) {
  return connection.send('purpose.target_remove', { [TARGET_ID]: id });
}

export function adopt(connection, rev) {
  return connection.send('purpose.adopt', { rev });
}

/** Where this board's selection is, as of room event seq. Not a command: no id, no answer. */
export function caret(connection, seq, anchor, head) {
  connection.signal({ type: 'purpose.caret', seq, anchor, head });
}

/** Which target this board has open for editing (`target:<id>`), or null. A signal: no answer. */
export function editing(connection, item) {
  connection.signal({ type: 'purpose.editing', item });
}
