// How meeting events change the board's room: mirrors dev.cairn.meeting.MeetingRules#apply.
// The room's `meeting` part holds the agenda, proposals, rota, focus and settings; its own
// `meeting` field is the running meeting (null between meetings).

export const DEFAULT_PART = Object.freeze({
  meeting: null, agenda: [], proposals: [], rota: [], rotaNext: 0, focus: null, focusBy: null,
  idleMinutes: 15, warnSeconds: 120, held: 0,
});

/** The meeting part of a room, with defaults for a room that has none yet. */
export function meetingPart(room) {
  return room?.meeting ?? DEFAULT_PART;
}

/** The running meeting, or null. */
export function running(room) {
  return meetingPart(room).meeting ?? null;
}

function withPart(room, patch) {
  return { ...room, meeting: { ...meetingPart(room), ...patch } };
}

function withMeeting(room, patch) {
  const m = running(room);
  if (!m) return room;
  return withPart(room, { meeting: { ...m, ...patch } });
}

function agenda(room, change) {
  return withPart(room, { agenda: change([...meetingPart(room).agenda]) });
}

function attendance(room, e, frame) {
  const m = running(room);
  if (!m) return room;
  const next = { ...m.attendance };
  const a = next[e.memberId];
  const at = frame.at;
  if (e.present) {
    next[e.memberId] = !a ? { firstSeen: at, since: at, presentMs: 0 } : a.since != null ? a : { ...a, since: at };
  } else if (a && a.since != null) {
    next[e.memberId] = { ...a, since: null, presentMs: a.presentMs + Math.max(0, at - a.since) };
  }
  const anyone = Object.values(next).some((x) => x.since != null);
  return withMeeting(room, { attendance: next, emptySince: anyone ? null : (m.emptySince ?? at) });
}

function timer(room, change) {
  const m = running(room);
  if (!m?.timer) return room;
  return withMeeting(room, { timer: change(m.timer) });
}

export const meetingEvents = {
  'meeting.started': (room, e, frame) => withPart(room, {
    meeting: {
      id: e.meetingId, startedAt: frame.at, startedBy: frame.by, attendance: {}, emptySince: frame.at,
      current: null, runs: {}, timer: null, poll: null,
    },
  }),
  'meeting.ended': (room) => {
    const part = meetingPart(room);
    const rotaNext = part.rota.length ? (part.rotaNext + 1) % part.rota.length : 0;
    return withPart(room, { meeting: null, rotaNext, focus: null, focusBy: null, held: part.held + 1 });
  },
  'meeting.attendance_changed': attendance,
  'meeting.segment_added': (room, e) => agenda(room, (list) => {
    list.splice(e.index, 0, e.segment);
    return list;
  }),
  'meeting.segment_updated': (room, e) => agenda(room, (list) => list.map((s) => (s.id === e.segment.id ? e.segment : s))),
  'meeting.segment_moved': (room, e) => agenda(room, (list) => {
    const from = list.findIndex((s) => s.id === e.segmentId);
    if (from < 0) return list;
    const [moved] = list.splice(from, 1);
    list.splice(e.index, 0, moved);
    return list;
  }),
  'meeting.segment_removed': (room, e) => agenda(room, (list) => list.filter((s) => s.id !== e.segmentId)),
  'meeting.proposed': (room, e) => withPart(room, { proposals: [...meetingPart(room).proposals, e.proposal] }),
  'meeting.proposal_closed': (room, e) => withPart(room, {
    proposals: meetingPart(room).proposals.filter((p) => p.id !== e.proposalId),
  }),
  'meeting.segment_started': (room, e, frame) => {
    const m = running(room);
    if (!m) return room;
    const runs = { ...m.runs, [e.segmentId]: { status: 'active', plannedMinutes: e.plannedMinutes, startedAt: frame.at, actualMs: 0 } };
    return withMeeting(room, { current: e.segmentId, runs, timer: null, poll: null });
  },
  'meeting.segment_ended': (room, e, frame) => {
    const m = running(room);
    if (!m) return room;
    const before = m.runs[e.segmentId];
    const runs = { ...m.runs, [e.segmentId]: { status: e.status, plannedMinutes: e.plannedMinutes, startedAt: before?.startedAt ?? frame.at, actualMs: e.actualMs } };
    if (e.segmentId !== m.current) return withMeeting(room, { runs });
    const boxed = m.timer && m.timer.segmentId === e.segmentId;
    return withMeeting(room, { runs, current: null, timer: boxed ? null : m.timer, poll: null });
  },
  'meeting.timer_started': (room, e) => withMeeting(room, {
    timer: { id: e.timerId, segmentId: e.segmentId ?? null, lengthMs: e.lengthMs, endsAt: e.endsAt, remainingMs: null, timeUp: false },
  }),
  'meeting.timer_paused': (room, e) => timer(room, (t) => ({ ...t, endsAt: null, remainingMs: e.remainingMs })),
  'meeting.timer_resumed': (room, e) => timer(room, (t) => ({ ...t, endsAt: e.endsAt, remainingMs: null })),
  'meeting.time_added': (room, e, frame) => timer(room, (t) => {
    const endsAt = t.endsAt == null ? null : t.endsAt + e.addedMs;
    const remainingMs = t.remainingMs == null ? null : t.remainingMs + e.addedMs;
    const after = endsAt != null ? endsAt - frame.at : remainingMs;
    return { ...t, lengthMs: t.lengthMs + e.addedMs, endsAt, remainingMs, timeUp: t.timeUp && after <= 0 };
  }),
  'meeting.timer_stopped': (room) => withMeeting(room, { timer: null }),
  'meeting.time_up': (room) => timer(room, (t) => ({ ...t, timeUp: true })),
  'meeting.poll_opened': (room, e) => withMeeting(room, { poll: { pollId: e.pollId, minutes: e.minutes, answers: {}, closed: false } }),
  'meeting.poll_answered': (room, e, frame) => {
    const p = running(room)?.poll;
    if (!p) return room;
    return withMeeting(room, { poll: { ...p, answers: { ...p.answers, [frame.by]: e.choice } } });
  },
  'meeting.poll_closed': (room) => {
    const p = running(room)?.poll;
    if (!p) return room;
    return withMeeting(room, { poll: { ...p, closed: true } });
  },
  'meeting.focus_changed': (room, e, frame) => withPart(room, { focus: e.panel ?? null, focusBy: e.panel ? frame.by : null }),
  'meeting.rota_changed': (room, e) => withPart(room, { rota: e.memberIds, rotaNext: 0 }),
  'meeting.configured': (room, e) => withPart(room, { idleMinutes: e.idleMinutes, warnSeconds: e.warnSeconds }),
};
