// Queue commands a board may send; the server checks who may, the board only hides what cannot work.
// Every "end" names the turn it ends, so two presses at once never skip the next person.

export const NAME_MAX = 40;

export const raise = (connection, kind) => connection.send('queue.raise', { kind });
export const lower = (connection, entryId) => connection.send('queue.lower', { entryId });
export const changeKind = (connection, entryId, kind) => connection.send('queue.change_kind', { entryId, kind });
export const addByName = (connection, name, kind) => connection.send('queue.add', { name: name.trim(), kind });
export const move = (connection, entryId, index) => connection.send('queue.move', { entryId, index });
export const remove = (connection, entryId) => connection.send('queue.remove', { entryId });
export const clear = (connection) => connection.send('queue.clear', {});
export const lock = (connection, locked) => connection.send('queue.lock', { locked });
export const configure = (connection, settings) => connection.send('queue.configure', settings);
/** turnId: the turn under way as this board sees it (null when nobody speaks). */
export const next = (connection, turnId) => connection.send('queue.next', { turnId: turnId ?? null });
export const call = (connection, entryId, turnId) => connection.send('queue.call', { entryId, turnId: turnId ?? null });
export const endTurn = (connection, turnId) => connection.send('queue.end_turn', { turnId });
/** memberIds: who goes round, in order (null: the members present in the meeting). */
export function startRound(connection, shuffle, memberIds = null) {
  return connection.send('queue.round_start', memberIds ? { shuffle, memberIds } : { shuffle });
}
export const pass = (connection, entryId) => connection.send('queue.pass', { entryId });
