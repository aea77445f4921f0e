// Questions the Commitments panel asks of the room: statuses in words, what is due soon or overdue
// (from the due date and the board's server-corrected clock), views by member and by status, who
// relies on whom, and where the commitments review stands. Pure: no DOM, the clock is passed in.

import { commitmentOf } from './events.js';

export { commitmentOf };

export const STATUSES = ['open', 'in_progress', 'blocked', 'done', 'released'];
export const STATUS_LABELS = {
  open: 'Open', in_progress: 'In progress', blocked: 'Blocked', done: 'Done', released: 'Released',
};
/** What the note means for a status, and whether it is required. */
export const NOTE_FOR = {
  released: { label: 'Why release it?', required: true },
  blocked: { label: 'What blocks it?', required: true },
};
export const SOON_DAYS = 7;
export const REVIEW_KIND = 'commitments_review';

/** Still to be done: not done, not released. */
export const isOpen = (c) => c.status !== 'done' && c.status !== 'released';

/** The calendar day (yyyy-mm-dd) of an epoch-millis time, in the browser's time zone. */
export function localDay(now) {
  const d = new Date(now);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Whole days from day a to day b (yyyy-mm-dd), counted on the calendar. */
export function daysBetween(a, b) {
  const utc = (s) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(b) - utc(a)) / 86_400_000);
}

/**
 * Where a commitment stands against its due date today: `closed` (done or released), `none` (no
 * due date), `overdue` (its day has passed), `soon` (due today or within SOON_DAYS), or `later`;
 * with `days` left (negative when overdue; null without a due date).
 */
export function dueState(c, now, soonDays = SOON_DAYS) {
  if (!isOpen(c)) return { state: 'closed', days: c.due ? daysBetween(localDay(now), c.due) : null };
  if (!c.due) return { state: 'none', days: null };
  const days = daysBetween(localDay(now), c.due);
  if (days < 0) return { state: 'overdue', days };
  if (days <= soonDays) return { state: 'soon', days };
  return { state: 'later', days };
}

/** "Overdue by 3 days", "Due today", "Due in 2 days", "Due 30 Jun 2027" (formatDay turns a day into words). */
export function dueWords(c, now, formatDay = (d) => d) {
  const { state, days } = dueState(c, now);
  if (state === 'none') return 'No due date yet';
  if (state === 'overdue') return `Overdue by ${-days} day${days === -1 ? '' : 's'}`;
  if (state === 'soon') return days === 0 ? 'Due today' : days === 1 ? 'Due tomorrow' : `Due in ${days} days`;
  return `Due ${formatDay(c.due)}`;
}

/** Earliest due first (none last), then oldest. */
export function byDue(a, b) {
  const da = a.due ?? '9999-99-99';
  const db = b.due ?? '9999-99-99';
  return da < db ? -1 : da > db ? 1 : (a.createdAt - b.createdAt);
}

/** The commitments grouped by status, in STATUSES order, each group earliest due first; empty groups left out. */
export function byStatus(part) {
  return STATUSES.map((status) => ({
    status,
    label: STATUS_LABELS[status],
    items: part.commitments.filter((c) => c.status === status).sort(byDue),
  })).filter((g) => g.items.length);
}

/** The commitments grouped by owner (named by members, by name), open ones first, then earliest due. */
export function byMember(part, members) {
  const groups = new Map();
  for (const c of part.commitments) {
    if (!groups.has(c.ownerId)) groups.set(c.ownerId, []);
    groups.get(c.ownerId).push(c);
  }
  const name = (id) => members?.[id]?.name ?? 'Someone';
  return [...groups.entries()]
    .map(([ownerId, items]) => ({
      ownerId,
      name: name(ownerId),
      open: items.filter(isOpen).length,
      items: items.sort((a, b) => (Number(isOpen(b)) - Number(isOpen(a))) || byDue(a, b)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.ownerId.localeCompare(b.ownerId));
}

/** A party's display name: a member's current name, or the outside name as typed. */
export function partyName(party, members) {
  if (party.memberId) return members?.[party.memberId]?.name ?? 'a former member';
  return party.name;
}

/**
 * Who relies on whom, from the open commitments: for each member, what they do for or with others
 * (`gives`: each commitment with the parties it is for/with, the owner left out) and what others
 * do for or with them (`gets`: commitments owned by someone else that name them). Members with
 * neither are left out; outside parties appear only in `gives`.
 */
export function reliesOn(part, members) {
  const out = new Map();
  const slot = (id) => {
    if (!out.has(id)) out.set(id, { memberId: id, name: members?.[id]?.name ?? 'Someone', gives: [], gets: [] });
    return out.get(id);
  };
  for (const c of part.commitments) {
    if (!isOpen(c)) continue;
    const parties = [
      ...(c.forWhom ?? []).map((p) => ({ ...p, relation: 'for' })),
      ...(c.withWhom ?? []).map((p) => ({ ...p, relation: 'with' })),
    ].filter((p) => p.memberId !== c.ownerId);
    if (!parties.length) continue;
    slot(c.ownerId).gives.push({ commitment: c, parties });
    const seen = new Set();
    for (const p of parties) {
      if (!p.memberId || seen.has(p.memberId)) continue;
      seen.add(p.memberId);
      slot(p.memberId).gets.push({ commitment: c, ownerId: c.ownerId, relation: p.relation });
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId));
}

/** Hand-overs waiting for this member's answer. */
export function offersTo(part, memberId) {
  return part.commitments.filter((c) => c.handover?.toMemberId === memberId);
}

/** Whether this member may change the commitment (its owner or a facilitator). */
export function canChange(c, member) {
  if (!member || (member.role !== 'facilitator' && member.role !== 'participant')) return false;
  return member.role === 'facilitator' || c.ownerId === member.id;
}

/**
 * Where the commitments review stands for the board: `segment` (the agenda's current segment is a
 * commitments review), `review` (the room's latest review), `underWay` (it belongs to the meeting
 * under way and is not over), `current` (the commitment under review, or null), `position` (1-based).
 */
export function reviewState(room) {
  const meeting = room?.meeting?.meeting ?? null;
  const segment = meeting?.current ? (room.meeting.agenda ?? []).find((s) => s.id === meeting.current) : null;
  const review = commitmentOf(room).review;
  const ofThisMeeting = !!(review && meeting && review.meetingId === meeting.id);
  const underWay = ofThisMeeting && !review.ended;
  const currentId = underWay ? review.order[review.index] ?? null : null;
  return {
    meeting,
    segment: segment?.kind === REVIEW_KIND ? segment : null,
    review: ofThisMeeting ? review : null,
    underWay,
    current: currentId ? commitmentOf(room).commitments.find((c) => c.commitmentId === currentId) ?? null : null,
    position: underWay ? review.index + 1 : 0,
    total: ofThisMeeting ? review.order.length : 0,
  };
}

/** "Tenants' union, City council" → [{name}, …]: outside names typed comma-separated, trimmed, blanks and repeats dropped. */
export function outsideNames(text) {
  const seen = new Set();
  const out = [];
  for (const raw of String(text ?? '').split(',')) {
    const name = raw.trim();
    if (!name || seen.has(name)) continue;
    seen.add(name);
    out.push({ name });
  }
  return out;
}
