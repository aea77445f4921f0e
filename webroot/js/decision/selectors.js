// Questions the decisions panel asks: labels, who may vote, who has voted, results in words,
// who facilitates since when and by which decision, and the anonymity warning.

import { decisionOf } from './events.js';

export const METHODS = [
  { key: 'consent', label: 'Consent', hint: 'Carried when no objection stands.' },
  { key: 'fist_to_five', label: 'Fist to five', hint: 'Everyone shows 0–5; carried when nobody is below the threshold.' },
  { key: 'yes_no', label: 'Yes / no / abstain', hint: 'Carried by the chosen majority of yes over no.' },
  { key: 'choice', label: 'Choice', hint: 'Pick one, or up to a number, of the options.' },
  { key: 'dot_vote', label: 'Dot vote', hint: 'Spread a budget of dots over the options.' },
  { key: 'ranked', label: 'Ranked choice', hint: 'Rank the options; counted by instant runoff.' },
];

export const POSITIONS = {
  consent: { consent: 'Consent', stand_aside: 'Stand aside', object: 'Object' },
  yes_no: { yes: 'Yes', no: 'No', abstain: 'Abstain' },
};

export const OUTCOMES = {
  carried: 'Carried', not_carried: 'Not carried', chosen: 'Chosen', tie: 'Tie',
  no_quorum: 'No quorum', no_votes: 'No votes',
};

export function methodLabel(key) {
  return METHODS.find((m) => m.key === key)?.label ?? key;
}

export function hasOptions(method) {
  return method === 'choice' || method === 'dot_vote' || method === 'ranked';
}

export function decisions(state) {
  return decisionOf(state.room);
}

export function nameOf(state, id) {
  if (id === 'system') return 'the room\'s clock';
  return state.room?.members?.[id]?.name ?? 'someone';
}

/** Members who may vote (everyone but observers), sorted by name. */
export function eligible(state) {
  return Object.values(state.room?.members ?? {}).filter((m) => m.role !== 'observer')
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Anonymous ballots with results shown while open: every change of the tally tells one member's vote. */
export function inferenceRisk(settings) {
  return Boolean(settings?.anonymous) && !settings?.resultsHidden;
}

export function optionLabel(proposal, id) {
  return proposal.options?.find((o) => o.id === id)?.label ?? id;
}

/** The counts of a tally as [label, n] rows in the method's order. */
export function countRows(p, tally) {
  if (!tally) return [];
  const c = tally.counts ?? {};
  if (p.method === 'consent' || p.method === 'yes_no') return Object.entries(POSITIONS[p.method]).map(([k, label]) => [label, c[k] ?? 0]);
  if (p.method === 'fist_to_five') return [0, 1, 2, 3, 4, 5].map((n) => [String(n), c[String(n)] ?? 0]);
  return (p.options ?? []).map((o) => [o.label, c[o.id] ?? 0]);
}

/** The outcome in words: "Carried", "Chosen: Tuesday", "Tie: A, B". */
export function outcomeText(d) {
  const base = OUTCOMES[d.outcome] ?? d.outcome;
  if (d.winners?.length) return `${base}: ${d.winners.map((w) => optionLabel(d, w)).join(', ')}`;
  return base;
}

/** Who facilitates, since when and by which decision (null when by joining or a direct role change). */
export function facilitation(state) {
  const part = decisions(state);
  return Object.values(state.room?.members ?? {}).filter((m) => m.role === 'facilitator')
    .map((m) => {
      const mandate = part.mandates?.[m.id] ?? null;
      const decision = mandate ? part.log.find((d) => d.id === mandate.decisionId) ?? null : null;
      return { member: m, since: mandate?.since ?? null, decision };
    })
    .sort((a, b) => a.member.name.localeCompare(b.member.name));
}

/** Offers of the facilitator's role to this board's member: [{from, fromName}]. */
export function offersToMe(state) {
  const offers = decisions(state).offers ?? {};
  return Object.entries(offers).filter(([, to]) => to === state.me)
    .map(([from]) => ({ from, fromName: nameOf(state, from) }));
}
