// How access events change the board's room: mirrors dev.cairn.access.AccessModule#apply. A
// facilitator's board gets the passcode itself; every other board gets "" for "there is one".

const NONE = { roomLink: 0, facilitatorLink: 0, passcode: null };

function access(room) {
  return room.access ?? NONE;
}

export const accessEvents = {
  'access.rotated': (room, e) => ({
    ...room,
    access: e.link === 'room' ? { ...access(room), roomLink: e.generation } : { ...access(room), facilitatorLink: e.generation },
  }),
  'access.passcode_set': (room, e) => ({ ...room, access: { ...access(room), passcode: e.passcode ?? null } }),
};

/** The room's passcode as this board may see it: null for none, "" when set but not shown to this member. */
export function passcodeOf(room) {
  return room?.access?.passcode ?? null;
}
