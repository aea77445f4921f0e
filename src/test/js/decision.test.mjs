// The board's decision reducers (a mirror of DecisionRules#apply) and the panel's selectors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { decisionEvents, decisionOf } from '../../../webroot/js/decision/events.js';
import { countRows, facilitation, inferenceRisk, offersToMe, outcomeText } from '../../../webroot/js/decision/selectors.js';
import { purposeEvents } from '../../../webroot/js/purpose/events.js';
import { ratingSummary } from '../../../webroot/js/purpose/selectors.js';

const members = {
  ana: { id: 'ana', name: 'Ana', role: 'facilitator', joinedAt: 1 },
  ben: { id: 'ben', name: 'Ben', role: 'participant', joinedAt: 2 },
  cai: { id: 'cai', name: 'Cai', role: 'participant', joinedAt: 3 },
};

function apply(room, frames) {
  let r = room;
  for (const f of frames) r = { ...decisionEvents[f.event.type](r, f.event, f), seq: f.seq };
  return r;
}

let seq = 10;
const frame = (by, event) => ({ type: 'event', seq: ++seq, at: 1000 + seq, by, event });

const settings = { anonymous: true, resultsHidden: false, closeWhenAllVoted: false };
const proposal = {
  id: 'p5', kind: 'question', question: 'Open on Sundays?', details: '', method: 'consent', options: [], settings,
  closesAt: null, proposedBy: 'ben', openedAt: 5, round: 1, purposeRev: null, purposeText: null, mandate: null,
  voters: [], ballots: {}, tally: null, ballotSeqs: [],
};
const tally = (consent, object, objections = []) => ({ ballots: consent + object, counts: { consent, stand_aside: 0, object }, rounds: [], objections });

describe('decision reducers', () => {
  test('another member\'s secret ballot counts as voted without a choice; your own keeps its choice', () => {
    const room = apply({ members }, [
      frame('ben', { type: 'decision.proposed', proposal }),
      frame('ana', { type: 'decision.voted', proposalId: 'p5', ballot: null, tally: tally(1, 0), anonymous: true, resultsHidden: false }),
      frame('cai', { type: 'decision.voted', proposalId: 'p5', ballot: { position: 'object', reason: 'Staff' }, tally: tally(1, 1), anonymous: true, resultsHidden: false }),
      frame('cai', { type: 'decision.voted', proposalId: 'p5', ballot: { position: 'consent' }, tally: tally(2, 0), anonymous: true, resultsHidden: false }),
    ]);
    const p = decisionOf(room).proposals[0];
    assert.deepEqual(p.voters, ['ana', 'cai']);
    assert.deepEqual(Object.keys(p.ballots), ['cai']);
    assert.equal(p.ballots.cai.position, 'consent');
    assert.deepEqual(p.tally.counts, { consent: 2, stand_aside: 0, object: 0 });
    assert.equal(p.ballotSeqs.length, 3);
  });

  test('a close moves the proposal into the log; an amend of a closed one opens a new round', () => {
    const decision = {
      id: 'd20', fromProposal: 'p5', round: 1, kind: 'question', question: 'Open on Sundays?', details: '', method: 'consent',
      options: [], settings, outcome: 'not_carried', winners: [], tally: tally(1, 1, [{ memberId: null, reason: 'Staff' }]),
      turnout: 2, eligible: 3, quorum: 0, voters: ['ana', 'cai'], present: ['ana', 'ben', 'cai'], presentFromMeeting: false,
      facilitators: ['ana'], purposeRev: null, purposeText: null, mandate: null, ballots: {}, proposedBy: 'ben', openedAt: 5,
      decidedAt: 30, closedBy: 'ben', closeReason: 'closed',
    };
    let room = apply({ members }, [frame('ben', { type: 'decision.proposed', proposal }), frame('ben', { type: 'decision.closed', decision })]);
    assert.equal(decisionOf(room).proposals.length, 0);
    assert.equal(decisionOf(room).log[0].id, 'd20');
    assert.equal(outcomeText(decisionOf(room).log[0]), 'Not carried');
    room = apply(room, [frame('ben', { type: 'decision.amended', proposalId: 'p5', round: 2, question: 'Open on Sundays, with a rota?', details: '', closesAt: null })]);
    const p = decisionOf(room).proposals[0];
    assert.equal(p.round, 2);
    assert.equal(p.question, 'Open on Sundays, with a rota?');
    assert.deepEqual(p.voters, []);
  });

  test('a carried mandate withdrawal and a handover change who facilitates, since when and by which decision', () => {
    const mandate = { memberId: 'ana', action: 'withdraw', successorId: 'cai' };
    const room = apply({ members: { ...members, ana: { ...members.ana, role: 'participant' }, cai: { ...members.cai, role: 'facilitator' } } }, [
      frame('ana', { type: 'decision.handover_offered', from: 'ana', to: 'ben' }),
      frame('ben', { type: 'decision.closed', decision: { id: 'd40', fromProposal: 'p9', kind: 'mandate', question: 'Withdraw Ana', outcome: 'carried', mandate, winners: [] } }),
    ]);
    const part = decisionOf(room);
    assert.deepEqual(part.mandates, { cai: { decisionId: 'd40', since: 1000 + seq } });
    assert.deepEqual(part.offers, {}, 'a withdrawn facilitator\'s offer lapses');
    const who = facilitation({ room, me: 'ben' });
    assert.equal(who.length, 1);
    assert.equal(who[0].member.id, 'cai');
    assert.equal(who[0].decision.question, 'Withdraw Ana');
    assert.deepEqual(offersToMe({ room: apply(room, [frame('cai', { type: 'decision.handover_offered', from: 'cai', to: 'ben' })]), me: 'ben' }),
      [{ from: 'cai', fromName: 'Cai' }]);
  });
});

describe('decision selectors', () => {
  test('anonymous ballots with live results are an inference risk; hidden results are not', () => {
    assert.equal(inferenceRisk({ anonymous: true, resultsHidden: false }), true);
    assert.equal(inferenceRisk({ anonymous: true, resultsHidden: true }), false);
    assert.equal(inferenceRisk({ anonymous: false, resultsHidden: false }), false);
  });

  test('counts read in the method\'s order, options by label', () => {
    const p = { method: 'ranked', options: [{ id: 'o1', label: 'Mon' }, { id: 'o2', label: 'Tue' }] };
    assert.deepEqual(countRows(p, { counts: { o2: 3, o1: 1 } }), [['Mon', 1], ['Tue', 3]]);
    assert.deepEqual(countRows({ method: 'fist_to_five' }, { counts: { 5: 2 } }).map(([, n]) => n), [0, 0, 0, 0, 0, 2]);
    assert.equal(outcomeText({ ...p, outcome: 'tie', winners: ['o1', 'o2'] }), 'Tie: Mon, Tue');
  });
});

describe('hidden purpose ratings', () => {
  test('others\' hidden ratings count as given but stay out of the distribution until revealed', () => {
    const purpose = { text: 'Feed everyone', rev: 1, churn: 13, locked: false, ratings: {}, targets: [], adopted: null, ratingsHidden: false };
    let room = { members, purpose };
    room = purposeEvents['purpose.ratings_visibility_changed'](room, { hidden: true, revealed: [] });
    room = purposeEvents['purpose.rated'](room, { rev: 1, churn: 13, textLength: 13, inspiring: 0, valuable: 0, measurable: 0, comments: {}, hidden: true }, { by: 'ben', at: 5 });
    room = purposeEvents['purpose.rated'](room, { rev: 1, churn: 13, textLength: 13, inspiring: 4, valuable: 4, measurable: 4, comments: {}, hidden: true }, { by: 'cai', at: 6 });
    let s = ratingSummary({ room, me: 'cai' });
    assert.equal(s.count, 2);
    assert.equal(s.hiddenCount, 1);
    assert.deepEqual(s.tests[0].current, [0, 0, 0, 1, 0], 'only my own rating shows');
    room = purposeEvents['purpose.ratings_visibility_changed'](room, { hidden: false, revealed: [
      { memberId: 'ben', rev: 1, churn: 13, textLength: 13, inspiring: 2, valuable: 3, measurable: 1, comments: {}, at: 5, hidden: true },
      { memberId: 'cai', rev: 1, churn: 13, textLength: 13, inspiring: 4, valuable: 4, measurable: 4, comments: {}, at: 6, hidden: true },
    ] });
    s = ratingSummary({ room, me: 'cai' });
    assert.equal(s.hiddenCount, 0);
    assert.deepEqual(s.tests[0].current, [0, 1, 0, 1, 0]);
  });
});
