// Acknowledgement commands a board may send; the server checks that only the author acts on theirs.

export const MAX_TEXT = 1000;

export function draft(connection, text) {
  return connection.send('acknowledgement.draft', { text: text.trim() });
}

export function edit(connection, acknowledgementId, text) {
  return connection.send('acknowledgement.edit', { acknowledgementId, text: text.trim() });
}

export function share(connection, acknowledgementId) {
  return connection.send('acknowledgement.share', { acknowledgementId });
}

export function withdraw(connection, acknowledgementId) {
  return connection.send('acknowledgement.withdraw', { acknowledgementId });
}
