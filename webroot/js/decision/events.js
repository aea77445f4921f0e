// How decision events change the board's room: mirrors dev.cairn.decision.DecisionRules#apply.
// A ballot may arrive without its choice (another member's secret ballot): the voter still counts.

const EMPTY = { proposals: [], log: [], mandates: {}, offers: {}, restricted: false };

/** The decision part of a room, with defaults for a room that has none yet. */
export function decisionOf(room) {
  return room?.decision ?? EMPTY;
}

function withDecision(room, patch) {
  return { ...room, decision: { ...decisionOf(room), ...patch } };
}

function replaceProposal(room, id, change) {
  return withDecision(room, { proposals: decisionOf(room).proposals.map((p) => (p.id === id ? change(p) : p)) });
}

/** The log with decision d, and the mandates it changes (a carried mandate proposal or a handover). */
function logged(room, d, at) {
  const part = decisionOf(room);
  const mandates = { ...part.mandates };
  const offers = { ...part.offers };
  const m = d.mandate;
  if (m && d.outcome === 'carried') {
    if (m.action === 'grant') {
      mandates[m.memberId] = { decisionId: d.id, since: at };
    } else {
      delete mandates[m.memberId];
      delete offers[m.memberId];
      if (m.successorId) mandates[m.successorId] = { decisionId: d.id, since: at };
    }
  }
  return { log: [...part.log, d], mandates, offers };
}

function latestOf(part, proposalId) {
  for (let i = part.log.length - 1; i >= 0; i -= 1) if (part.log[i].fromProposal === proposalId) return part.log[i];
  return null;
}

export const decisionEvents = {
  'decision.proposed': (room, e) => withDecision(room, { proposals: [...decisionOf(room).proposals, e.proposal] }),
  'decision.voted': (room, e, frame) => replaceProposal(room, e.proposalId, (p) => ({
    ...p,
    voters: p.voters.includes(frame.by) ? p.voters : [...p.voters, frame.by],
    ballots: e.ballot ? { ...p.ballots, [frame.by]: e.ballot } : p.ballots,
    tally: e.tally,
    ballotSeqs: e.anonymous ? [...p.ballotSeqs, frame.seq] : p.ballotSeqs,
  })),
  'decision.amended': (room, e, frame) => {
    const part = decisionOf(room);
    const fresh = { round: e.round, question: e.question, details: e.details, closesAt: e.closesAt ?? null,
      openedAt: frame.at, voters: [], ballots: {}, tally: null, ballotSeqs: [] };
    if (part.proposals.some((p) => p.id === e.proposalId)) return replaceProposal(room, e.proposalId, (p) => ({ ...p, ...fresh }));
    const d = latestOf(part, e.proposalId);
    if (!d) return room;
    const reopened = {
      id: d.fromProposal, kind: d.kind, method: d.method, options: d.options, settings: d.settings,
      proposedBy: d.proposedBy, purposeRev: d.purposeRev, purposeText: d.purposeText, mandate: d.mandate, ...fresh,
    };
    return withDecision(room, { proposals: [...part.proposals, reopened] });
  },
  'decision.withdrawn': (room, e) => withDecision(room, {
    proposals: decisionOf(room).proposals.filter((p) => p.id !== e.proposalId),
  }),
  'decision.closed': (room, e, frame) => {
    const next = withDecision(room, {
      proposals: decisionOf(room).proposals.filter((p) => p.id !== e.decision.fromProposal),
    });
    return withDecision(next, logged(next, e.decision, frame.at));
  },
  'decision.recorded': (room, e, frame) => withDecision(room, logged(room, e.decision, frame.at)),
  'decision.restricted': (room, e) => withDecision(room, { restricted: e.restricted }),
  'decision.handover_offered': (room, e) => withDecision(room, { offers: { ...decisionOf(room).offers, [e.from]: e.to } }),
};
