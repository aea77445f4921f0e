// How check-in events change the board's room: mirrors dev.cairn.checkin.CheckinRules#apply.
// Another member's answer arrives without value and word: it only moves the count.

const EMPTY = { open: null, results: [] };
const MAX_RESULTS = 500;

/** The check-in part of a room: the open one (with only my answer) and the closed results. */
export function checkinOf(room) {
  return room?.checkin ?? EMPTY;
}

function withCheckin(room, patch) {
  return { ...room, checkin: { ...checkinOf(room), ...patch } };
}

export const checkinEvents = {
  'checkin.opened': (room, e) => withCheckin(room, { open: e.checkin }),
  'checkin.answered': (room, e, frame) => {
    const open = checkinOf(room).open;
    if (!open || open.id !== e.checkinId) return room;
    let answers = open.answers ?? {};
    if (e.value !== null && e.value !== undefined) {
      const before = answers[frame.by];
      answers = { ...answers, [frame.by]: { value: e.value, word: e.word ?? null, seqs: [...(before?.seqs ?? []), frame.seq] } };
    }
    return withCheckin(room, { open: { ...open, answered: e.answered, answers } });
  },
  'checkin.closed': (room, e) => {
    const part = checkinOf(room);
    const results = [...part.results, e.result].slice(-MAX_RESULTS);
    return withCheckin(room, { open: part.open && part.open.id === e.result.id ? null : part.open, results });
  },
};
