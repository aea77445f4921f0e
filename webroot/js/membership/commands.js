// Membership commands a board may send; the server checks who may, the board only hides what cannot work.

export const MAX_NAME = 40;
export const MAX_TITLE = 120;

export function renameRoom(connection, title) {
  return connection.send('room.rename', { title });
}

export function renameMember(connection, name) {
  return connection.send('member.rename', { name });
}

export function changeRole(connection, memberId, role) {
  return connection.send('member.change_role', { memberId, role });
}
