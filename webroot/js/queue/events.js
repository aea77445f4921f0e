// How queue events change the board's room: mirrors dev.cairn.queue.QueueRules#apply. Every
// position comes decided in the event, so these only insert, move and remove.

const EMPTY = Object.freeze({
  entries: [], current: null, locked: false, progressive: false, turnLimitSeconds: 0, round: null, meetingId: null, speaking: {},
});

/** The queue part of a room, with defaults for a room that has none yet. */
export function queueOf(room) {
  return room?.queue ? { ...EMPTY, ...room.queue } : EMPTY;
}

function withQueue(room, patch) {
  return { ...room, queue: settleRound({ ...queueOf(room), ...patch }) };
}

/** A round is over once none of its entries waits and none of its turns is under way. */
function settleRound(queue) {
  const { round } = queue;
  if (!round) return queue;
  if (queue.current?.roundId === round.roundId) return queue;
  if (queue.entries.some((e) => e.roundId === round.roundId)) return queue;
  return { ...queue, round: null };
}

function entries(room, change) {
  return withQueue(room, { entries: change([...queueOf(room).entries]) });
}

function without(list, id) {
  return list.filter((e) => e.entryId !== id);
}

function moveTo(list, id, index, patch = {}) {
  const from = list.findIndex((e) => e.entryId === id);
  if (from < 0) return list;
  const [entry] = list.splice(from, 1);
  list.splice(index, 0, { ...entry, ...patch });
  return list;
}

export const queueEvents = {
  'queue.hand_raised': (room, e) => entries(room, (list) => {
    list.splice(e.index, 0, e.entry);
    return list;
  }),
  'queue.hand_lowered': (room, e) => entries(room, (list) => without(list, e.entryId)),
  'queue.kind_changed': (room, e) => entries(room, (list) => moveTo(list, e.entryId, e.index, { kind: e.kind })),
  'queue.entry_moved': (room, e, frame) => entries(room, (list) => moveTo(list, e.entryId, e.index, { movedBy: frame.by })),
  'queue.entry_removed': (room, e) => entries(room, (list) => without(list, e.entryId)),
  'queue.passed': (room, e) => {
    const queue = queueOf(room);
    const entry = queue.entries.find((x) => x.entryId === e.entryId);
    const round = queue.round && queue.round.roundId === e.roundId && entry
      ? { ...queue.round, passed: [...queue.round.passed, entry.memberId] } : queue.round;
    return withQueue(room, { entries: without(queue.entries, e.entryId), round });
  },
  'queue.cleared': (room) => withQueue(room, { entries: [], round: null }),
  'queue.lock_changed': (room, e) => withQueue(room, { locked: e.locked }),
  'queue.configured': (room, e) => withQueue(room, { progressive: e.progressive, turnLimitSeconds: e.turnLimitSeconds }),
  'queue.turn_started': (room, e) => withQueue(room, {
    entries: without(queueOf(room).entries, e.turn.entryId), current: e.turn,
  }),
  'queue.turn_ended': (room, e) => {
    const queue = queueOf(room);
    const speaking = queue.meetingId === e.meetingId ? { ...queue.speaking } : {};
    const before = speaking[e.speaker] ?? { millis: 0, turns: 0 };
    speaking[e.speaker] = { millis: before.millis + e.millis, turns: before.turns + 1 };
    return withQueue(room, { current: null, meetingId: e.meetingId, speaking });
  },
  'queue.reordered': (room, e) => entries(room, (list) => {
    const byId = new Map(list.map((x) => [x.entryId, x]));
    const ordered = e.order.map((id) => byId.get(id)).filter(Boolean);
    return [...ordered, ...list.filter((x) => !e.order.includes(x.entryId))];
  }),
  'queue.round_started': (room, e) => {
    const list = [...queueOf(room).entries];
    list.splice(e.index, 0, ...e.entries);
    return withQueue(room, { entries: list, round: e.round });
  },
};
