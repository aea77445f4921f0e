import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { createStore } from '../../../webroot/js/store.js';
import { membershipEvents } from '../../../webroot/js/membership/events.js';
import { purposeEvents } from '../../../webroot/js/purpose/events.js';

const REDUCERS = { ...membershipEvents, ...purposeEvents };

function room(overrides = {}) {
  return {
    id: 'r1',
    title: 'T',
    seq: 3,
    createdAt: 1,
    members: { ana: { id: 'ana', name: 'Ana', role: 'facilitator', joinedAt: 1 } },
    purpose: { text: '', rev: 0, churn: 0, locked: false, ratings: {}, targets: [], adopted: null },
    ...overrides,
  };
}

function snapshot(seq = 3, overrides = {}) {
  return { type: 'snapshot', seq, room: room({ seq, ...overrides }) };
}

function event(seq, body, by = 'ana', at = 100 + seq) {
  return { type: 'event', seq, at, by, event: body };
}

const renamed = (seq, title) => event(seq, { type: 'room.renamed', title });

/** A store that has the room at seq 3, with a log of what subscribers and step listeners heard. */
function storeWithRoom() {
  const store = createStore(REDUCERS);
  store.receive([snapshot(3)]);
  const heard = [];
  store.onApplied((steps, state) => heard.push({ who: 'steps', steps, seq: state.room?.seq }));
  store.subscribe((state, prev) => heard.push({ who: 'subscriber', seq: state.room?.seq, prevSeq: prev.room?.seq }));
  return { store, heard };
}

describe('store: snapshot and events', () => {
  test('starts with no room, connecting, nobody online', () => {
    const state = createStore(REDUCERS).getState();
    assert.equal(state.room, null);
    assert.equal(state.me, null);
    assert.equal(state.connection.state, 'connecting');
    assert.equal(state.online.size, 0);
  });

  test('welcome tells who "I" am and which node answers', () => {
    const store = createStore(REDUCERS);
    store.receive([{ type: 'welcome', roomId: 'r1', node: 'n2', member: { id: 'ana', name: 'Ana' } }]);
    assert.equal(store.getState().me, 'ana');
    assert.equal(store.getState().node, 'n2');
  });

  test('a snapshot becomes the room at the snapshot frame\'s seq, feature parts kept as sent', () => {
    const store = createStore(REDUCERS);
    const frame = snapshot(3, { purpose: { text: 'draft', rev: 2, churn: 5, locked: true, ratings: {}, targets: [], adopted: null } });
    frame.seq = 7;
    store.receive([frame]);
    const { room: r } = store.getState();
    assert.equal(r.seq, 7);
    assert.equal(r.title, 'T');
    assert.deepEqual(r.members.ana, { id: 'ana', name: 'Ana', role: 'facilitator', joinedAt: 1 });
    assert.notEqual(r.members.ana, frame.room.members.ana, 'members are copied');
    assert.equal(r.purpose.text, 'draft');
    assert.equal(r.purpose.locked, true);
  });

  test('a snapshot frame without a seq keeps the room\'s own seq', () => {
    const store = createStore(REDUCERS);
    store.receive([{ type: 'snapshot', room: room({ seq: 12 }) }]);
    assert.equal(store.getState().room.seq, 12);
  });

  test('the event at seq + 1 is applied with the feature reducers and moves seq', () => {
    const { store } = storeWithRoom();
    store.receive([renamed(4, 'New')]);
    assert.equal(store.getState().room.title, 'New');
    assert.equal(store.getState().room.seq, 4);
  });

  test('events in one batch apply one after the other', () => {
    const { store } = storeWithRoom();
    store.receive([
      renamed(4, 'A'),
      event(5, { type: 'member.joined', memberId: 'bob', name: 'Bob', role: 'editor' }, 'bob', 500),
      event(6, { type: 'member.role_changed', memberId: 'bob', role: 'observer' }),
    ]);
    const { room: r } = store.getState();
    assert.equal(r.seq, 6);
    assert.equal(r.title, 'A');
    assert.deepEqual(r.members.bob, { id: 'bob', name: 'Bob', role: 'observer', joinedAt: 500 });
  });

  test('an event already applied (seq <= room.seq) is ignored', () => {
    const { store, heard } = storeWithRoom();
    store.receive([renamed(4, 'First')]);
    heard.length = 0;
    const result = store.receive([renamed(4, 'Again'), renamed(2, 'Old')]);
    assert.equal(store.getState().room.title, 'First');
    assert.equal(store.getState().room.seq, 4);
    assert.equal(result.gap, false);
    assert.deepEqual(heard, [], 'nothing changed, nobody is told');
  });

  test('an event that does not follow on is a gap: not applied, and nothing after it in the batch', () => {
    const { store } = storeWithRoom();
    const result = store.receive([renamed(5, 'Skipped ahead'), renamed(4, 'Would follow')]);
    assert.equal(result.gap, true);
    assert.equal(store.getState().room.title, 'T');
    assert.equal(store.getState().room.seq, 3);
  });

  test('events applied before the gap in the same batch stay applied', () => {
    const { store } = storeWithRoom();
    const result = store.receive([renamed(4, 'Applied'), renamed(6, 'After a gap')]);
    assert.equal(result.gap, true);
    assert.equal(store.getState().room.title, 'Applied');
    assert.equal(store.getState().room.seq, 4);
  });

  test('an event before any snapshot is a gap', () => {
    const store = createStore(REDUCERS);
    assert.equal(store.receive([renamed(1, 'X')]).gap, true);
    assert.equal(store.getState().room, null);
  });

  test('a snapshot later in the batch ends the gap and the events after it apply', () => {
    const { store } = storeWithRoom();
    const result = store.receive([renamed(9, 'Lost'), snapshot(10), renamed(11, 'After')]);
    assert.equal(result.gap, false);
    assert.equal(store.getState().room.seq, 11);
    assert.equal(store.getState().room.title, 'After');
  });

  test('an event of a type no feature knows still moves seq', () => {
    const { store } = storeWithRoom();
    store.receive([event(4, { type: 'decision.opened', id: 'd1' })]);
    assert.equal(store.getState().room.seq, 4);
    assert.equal(store.getState().room.title, 'T');
  });

  test('applying an event makes a new room and leaves the previous one as it was', () => {
    const { store } = storeWithRoom();
    const before = store.getState().room;
    store.receive([event(4, { type: 'member.renamed', memberId: 'ana', name: 'Ana B' })]);
    assert.equal(before.members.ana.name, 'Ana');
    assert.equal(before.seq, 3);
    assert.equal(store.getState().room.members.ana.name, 'Ana B');
  });
});

describe('store: other frames', () => {
  test('presence replaces who is online', () => {
    const { store } = storeWithRoom();
    store.receive([{ type: 'presence', online: ['ana', 'bob'] }]);
    assert.deepEqual([...store.getState().online].sort(), ['ana', 'bob']);
    store.receive([{ type: 'presence', online: ['bob'] }]);
    assert.deepEqual([...store.getState().online], ['bob']);
    store.receive([{ type: 'presence' }]);
    assert.equal(store.getState().online.size, 0);
  });

  test('error frames are returned for the caller to show, other frames to route', () => {
    const { store } = storeWithRoom();
    const error = { type: 'error', code: 'forbidden', message: 'no' };
    const caret = { type: 'caret', memberId: 'bob', conn: 'c1', seq: 3, anchor: 0, head: 0 };
    const result = store.receive([error, renamed(4, 'X'), caret]);
    assert.deepEqual(result, { gap: false, errors: [error], other: [caret] });
    assert.equal(store.getState().room.seq, 4);
  });

  test('setConnection changes the connection status and tells subscribers', () => {
    const { store, heard } = storeWithRoom();
    const status = { state: 'live', attempt: 0, retryAt: null, reason: null };
    store.setConnection(status);
    assert.equal(store.getState().connection, status);
    assert.deepEqual(heard.map((h) => h.who), ['subscriber']);
  });
});

describe('store: subscribe and onApplied', () => {
  test('subscribers hear each batch once, with the new and the previous state', () => {
    const { store, heard } = storeWithRoom();
    store.receive([renamed(4, 'A'), renamed(5, 'B')]);
    const told = heard.filter((h) => h.who === 'subscriber');
    assert.deepEqual(told, [{ who: 'subscriber', seq: 5, prevSeq: 3 }]);
  });

  test('step listeners hear the snapshot and the applied events in order, before subscribers', () => {
    const { store, heard } = storeWithRoom();
    const frames = [renamed(4, 'A'), renamed(6, 'gap'), snapshot(8), renamed(9, 'B')];
    store.receive(frames);
    assert.deepEqual(heard.map((h) => h.who), ['steps', 'subscriber']);
    const { steps, seq } = heard[0];
    assert.equal(seq, 9, 'step listeners get the state after the batch');
    assert.deepEqual(steps.map((s) => [s.type, s.seq ?? s.frame.seq]), [['event', 4], ['snapshot', 8], ['event', 9]]);
    assert.equal(steps[0].frame, frames[0]);
    assert.equal(steps[1].room.seq, 8);
  });

  test('batches with no snapshot or event applied do not reach step listeners', () => {
    const { store, heard } = storeWithRoom();
    store.receive([{ type: 'presence', online: ['ana'] }, renamed(3, 'dup')]);
    assert.deepEqual(heard.map((h) => h.who), ['subscriber']);
  });

  test('unsubscribing stops both kinds of listener', () => {
    const store = createStore(REDUCERS);
    let subscriber = 0;
    let steps = 0;
    const offSubscriber = store.subscribe(() => { subscriber += 1; });
    const offSteps = store.onApplied(() => { steps += 1; });
    store.receive([snapshot(3)]);
    offSubscriber();
    offSteps();
    store.receive([renamed(4, 'X')]);
    assert.equal(subscriber, 1);
    assert.equal(steps, 1);
  });

  test('the state handed out is frozen', () => {
    const { store } = storeWithRoom();
    assert.ok(Object.isFrozen(store.getState()));
  });
});

describe('store with the purpose reducers', () => {
  const edit = (seq, rev, op, by = 'ana') => event(seq, { type: 'purpose.edited', cid: `c${seq}`, rev, op }, by);

  test('purpose.edited applies the op and counts its churn', () => {
    const { store } = storeWithRoom();
    store.receive([edit(4, 1, ['hello']), edit(5, 2, [1, { d: 4 }, 'i'])]);
    const { purpose } = store.getState().room;
    assert.equal(purpose.text, 'hi');
    assert.equal(purpose.rev, 2);
    assert.equal(purpose.churn, 5 + 4 + 1);
    assert.equal(purpose.desync, undefined);
  });

  test('an edit that does not fit this board\'s draft keeps the text and flags a desync', () => {
    const { store } = storeWithRoom();
    store.receive([edit(4, 1, [10, 'x'])]);
    const { purpose } = store.getState().room;
    assert.equal(purpose.text, '');
    assert.equal(purpose.rev, 1);
    assert.equal(purpose.desync, true);
    assert.equal(store.getState().room.seq, 4);
  });

  test('ratings are kept per member with the revision they rated', () => {
    const { store } = storeWithRoom();
    store.receive([event(4, {
      type: 'purpose.rated', rev: 2, churn: 9, textLength: 12, inspiring: 4, valuable: 5, measurable: 2, comments: { valuable: 'yes' },
    }, 'bob', 777)]);
    assert.deepEqual(store.getState().room.purpose.ratings.bob, {
      memberId: 'bob', rev: 2, churn: 9, textLength: 12, inspiring: 4, valuable: 5, measurable: 2, comments: { valuable: 'yes' }, at: 777, hidden: false,
    });
  });

  test('targets are added, moved, updated and removed in order', () => {
    const { store } = storeWithRoom();
    const t = (id, what) => ({ id, what });
    store.receive([
      event(4, { type: 'purpose.target_added', target: t('a', 'A') }),
      event(5, { type: 'purpose.target_added', target: t('b', 'B') }),
      event(6, { type: 'purpose.target_added', target: t('c', 'C') }),
      event(7, { type: 'purpose.target_moved', id: 'c', index: 0 }),
      event(8, { type: 'purpose.target_updated', target: t('a', 'A2') }),
      event(9, { type: 'purpose.target_removed', id: 'b' }),
    ]);
    // Each target carries the seq of the event that set it as its version, and who set it (as the server's state).
    assert.deepEqual(store.getState().room.purpose.targets,
      [{ ...t('c', 'C'), version: 6, by: 'ana' }, { ...t('a', 'A2'), version: 8, by: 'ana' }]);
  });

  test('lock and adoption are recorded', () => {
    const { store } = storeWithRoom();
    store.receive([
      event(4, { type: 'purpose.lock_changed', locked: true }),
      event(5, { type: 'purpose.adopted', rev: 3, text: 'Our purpose' }, 'ana', 900),
    ]);
    const { purpose } = store.getState().room;
    assert.equal(purpose.locked, true);
    assert.deepEqual(purpose.adopted, { rev: 3, text: 'Our purpose', at: 900, by: 'ana', decisionId: null });
  });

  test('a room whose snapshot had no purpose part gets one from the first purpose event', () => {
    const store = createStore(REDUCERS);
    store.receive([snapshot(3, { purpose: undefined }), edit(4, 1, ['x'])]);
    assert.equal(store.getState().room.purpose.text, 'x');
    assert.equal(store.getState().room.purpose.locked, false);
  });

  test('membership events about an unknown member leave the room as it was', () => {
    const { store } = storeWithRoom();
    store.receive([event(4, { type: 'member.renamed', memberId: 'ghost', name: 'Boo' })]);
    assert.deepEqual(Object.keys(store.getState().room.members), ['ana']);
    assert.equal(store.getState().room.seq, 4);
  });
});

describe('membership: a removed member', () => {
  test('stays in the record as removed, and leaves the members list and the online count', async () => {
    const { membersInOrder, onlineCount } = await import('../../../webroot/js/membership/selectors.js');
    const store = createStore(REDUCERS);
    store.receive([snapshot(3, { members: {
      ana: { id: 'ana', name: 'Ana', role: 'facilitator', joinedAt: 1 },
      mal: { id: 'mal', name: 'Mal', role: 'participant', joinedAt: 2 },
    } })]);
    store.receive([{ type: 'presence', online: ['ana', 'mal'] }]);
    assert.equal(onlineCount(store.getState()), 2);
    store.receive([event(4, { type: 'member.removed', memberId: 'mal' })]);
    const state = store.getState();
    assert.equal(state.room.members.mal.role, 'removed');
    assert.equal(state.room.members.mal.name, 'Mal', 'their name still shows on what they did');
    assert.deepEqual(membersInOrder(state).map((m) => m.id), ['ana']);
    assert.equal(onlineCount(state), 1);
  });
});
