// Decision commands a board may send; the server checks who may, the board only hides what cannot work.

export const MAX_QUESTION = 200;
export const MAX_DETAILS = 2000;
export const MAX_REASON = 500;
export const MAX_OPTION = 100;

/** fields: {question, details, method, options: [labels], settings}; empty optional fields left out. */
export function propose(connection, { question, details, method, options, settings }) {
  const body = { question: question.trim(), method };
  if (details?.trim()) body.details = details.trim();
  if (options?.length) body.options = options;
  if (settings) body.settings = settings;
  return connection.send('decision.propose', body);
}

export function proposeAdoption(connection, rev, settings) {
  return connection.send('decision.propose_adoption', settings ? { rev, settings } : { rev });
}

export function proposeMandate(connection, { memberId, action, successorId, details, settings }) {
  const body = { memberId, action };
  if (successorId) body.successorId = successorId;
  if (details?.trim()) body.details = details.trim();
  if (settings) body.settings = settings;
  return connection.send('decision.propose_mandate', body);
}

/** ballot: the method's fields ({position, reason} | {score} | {options} | {dots} | {ranking}). */
export function vote(connection, proposalId, ballot) {
  return connection.send('decision.vote', { proposalId, ...ballot });
}

export function amend(connection, proposalId, question, details) {
  const body = { proposalId };
  if (question?.trim()) body.question = question.trim();
  if (details !== undefined) body.details = details;
  return connection.send('decision.amend', body);
}

export function close(connection, proposalId) {
  return connection.send('decision.close', { proposalId });
}

export function withdraw(connection, proposalId) {
  return connection.send('decision.withdraw', { proposalId });
}

export function restrict(connection, restricted) {
  return connection.send('decision.restrict', { restricted });
}

/** A facilitator offers the role to memberId; the member offered it accepts with the offering facilitator's id. */
export function handover(connection, memberId) {
  return connection.send('decision.handover', { memberId });
}
