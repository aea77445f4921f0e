// Membership commands a board may send; the server checks who may, the board only hides what cannot work.

export const MAX_NAME = 40;
export const MAX_TITLE = 120;

export function renameRoom(connection, title) {
  return connection.send('room.rename', { title });
}

export function renameMember(connection, name) {
  return connection.send('member.rename', { name });
}

/** Facilitators only: the member's boards close at once and their link stops working. */
export function removeMember(connection, memberId) {
  return connection.send('member.remove', { memberId });
}

export function changeRole(connection, memberId, role) {
  return connection.send('member.change_role', { memberId, role });
}
