// Questions the queue's views ask: labels of the kinds, why an entry is where it is, my place,
// who is present, and the speaking-time figures with the balance (1 − Gini, as the server has it).

import { queueOf } from './events.js';

export { queueOf };

/** The kinds, highest priority first; `round` is queued only by rounds. */
export const KINDS = [
  { kind: 'process', label: 'Point of process', short: 'Process', why: 'a point of process goes first' },
  { kind: 'clarify', label: 'Clarifying question', short: 'Clarify', why: 'clarifying questions come next' },
  { kind: 'reply', label: 'Direct response', short: 'Reply', why: 'a direct response to the speaker' },
  { kind: 'round', label: 'Turn in the round', short: 'Round', why: 'their turn in the round' },
  { kind: 'new', label: 'New point', short: 'New point', why: 'a new point, in order of arrival' },
];
export const RAISABLE = KINDS.filter((k) => k.kind !== 'round');

export function kindInfo(kind) {
  return KINDS.find((k) => k.kind === kind) ?? { kind, label: kind, short: kind, why: '' };
}

/** The key a speaker's time is counted under (as on the server). */
export function speakerKey(memberId, name) {
  return memberId ?? `guest:${name}`;
}

/** The meeting under way in the room (the meeting module's part), or null. */
export function currentMeeting(room) {
  return room?.meeting?.meeting ?? null;
}

/** Member ids present: in the meeting under way, else those online; observers never count. */
export function presentMembers(state) {
  const room = state.room;
  const meeting = currentMeeting(room);
  const ids = meeting
    ? Object.entries(meeting.attendance ?? {}).filter(([, a]) => a && a.since != null).map(([id]) => id)
    : [...state.online];
  const speaks = (role) => role === 'participant' || role === 'facilitator';
  return ids.filter((id) => speaks(room?.members?.[id]?.role)).sort();
}

/** Finished turns by speaker in the meeting under way (empty if the figures belong to another one). */
export function finishedSpeaking(room) {
  const queue = queueOf(room);
  const meetingId = currentMeeting(room)?.id ?? null;
  return (queue.meetingId ?? null) === meetingId ? queue.speaking ?? {} : {};
}

/** Finished turns plus the turn under way up to `now` (server time). */
export function liveSpeaking(room, now) {
  const speaking = { ...finishedSpeaking(room) };
  const turn = queueOf(room).current;
  if (turn) {
    const key = speakerKey(turn.memberId, turn.name);
    const before = speaking[key] ?? { millis: 0, turns: 0 };
    speaking[key] = { millis: before.millis + Math.max(0, now - turn.startedAt), turns: before.turns + 1, live: true };
  }
  return speaking;
}

/** 1 − Gini of the times; null for fewer than two or while nobody has spoken (see docs/protocol.md). */
export function balance(times) {
  const n = times.length;
  if (n < 2) return null;
  const total = times.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  let differences = 0;
  for (const a of times) for (const b of times) differences += Math.abs(a - b);
  return 1 - differences / (2 * n * total);
}

/**
 * The figures the balance view shows at `now`: one row per participant present (share of the
 * participants' time), the facilitators apart (their share of all speaking time), the balance
 * over the participants present, and the total.
 */
export function figures(state, now) {
  const room = state.room;
  const speaking = liveSpeaking(room, now);
  const present = new Set(presentMembers(state));
  const members = room?.members ?? {};
  const row = (id) => ({
    id, name: members[id]?.name ?? id, role: members[id]?.role, present: present.has(id),
    millis: speaking[id]?.millis ?? 0, turns: speaking[id]?.turns ?? 0, live: Boolean(speaking[id]?.live),
  });
  const ids = new Set([...present, ...Object.keys(speaking).filter((k) => members[k])]);
  const participants = [...ids].filter((id) => members[id]?.role === 'participant').map(row);
  const facilitators = [...ids].filter((id) => members[id]?.role === 'facilitator').map(row);
  const guests = Object.entries(speaking).filter(([k]) => !members[k]).map(([k, s]) => ({
    id: k, name: k.replace(/^guest:/, ''), role: 'guest', present: true, millis: s.millis, turns: s.turns, live: Boolean(s.live),
  }));
  const all = Object.values(speaking).reduce((sum, s) => sum + s.millis, 0);
  const counted = participants.filter((p) => p.present);
  const participantTotal = counted.reduce((sum, p) => sum + p.millis, 0);
  for (const p of participants) p.share = participantTotal > 0 && p.present ? p.millis / participantTotal : 0;
  for (const f of [...facilitators, ...guests]) f.share = all > 0 ? f.millis / all : 0;
  const facilitatorMillis = facilitators.reduce((sum, f) => sum + f.millis, 0);
  const byTime = (a, b) => b.millis - a.millis || a.name.localeCompare(b.name);
  return {
    participants: participants.sort(byTime),
    facilitators: facilitators.sort(byTime),
    guests: guests.sort(byTime),
    balance: balance(counted.map((p) => p.millis)),
    facilitatorShare: all > 0 ? facilitatorMillis / all : null,
    total: all,
  };
}

/** "0 min", "40 s", "3 min", "1 h 5 min": as the reasons read (seconds under a minute, so the order shows why). */
export function minutes(ms) {
  if (ms > 0 && ms < 60000) return `${Math.floor(ms / 1000)} s`;
  const m = Math.floor(ms / 60000);
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
}

/** "m:ss" (or "h:mm:ss") of a duration in ms, rounded down to the second. */
export function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const two = (n) => String(n).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}` : `${Math.floor(s / 60)}:${two(s % 60)}`;
}

/** Why the entry is where it is, in words. */
export function reasonFor(state, entry) {
  const queue = queueOf(state.room);
  const members = state.room?.members ?? {};
  if (entry.movedBy) return `moved here by ${members[entry.movedBy]?.name ?? 'a facilitator'}`;
  if (entry.kind === 'round' && queue.round) {
    const place = queue.round.order.indexOf(entry.memberId) + 1;
    return `turn ${place} of ${queue.round.order.length} in the round${queue.round.shuffled ? ' (shuffled)' : ''}`;
  }
  if (entry.kind === 'new' && queue.progressive) {
    const spoken = finishedSpeaking(state.room)[speakerKey(entry.memberId, entry.name)]?.millis ?? 0;
    return `new point · spoke ${minutes(spoken)} so far`;
  }
  return kindInfo(entry.kind).why;
}

/** This board's own raised hand and round turn, and their places (1-based), if any. */
export function mine(state) {
  const list = queueOf(state.room).entries;
  const find = (round) => {
    const i = list.findIndex((e) => e.memberId === state.me && (e.roundId != null) === round);
    return i < 0 ? null : { entry: list[i], place: i + 1 };
  };
  return { hand: find(false), round: find(true) };
}

/** "1st", "2nd", "3rd", "4th"… */
export function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}
