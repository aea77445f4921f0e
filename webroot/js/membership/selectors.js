// Questions views ask about the room's members.

const ROLE_ORDER = { facilitator: 0, participant: 1, observer: 2 };

export function me(state) {
  return state.room && state.me ? state.room.members[state.me] ?? null : null;
}

export function isFacilitator(state) {
  return me(state)?.role === 'facilitator';
}

export function canEdit(state) {
  const role = me(state)?.role;
  return role === 'facilitator' || role === 'participant';
}

export function facilitatorCount(state) {
  return Object.values(state.room?.members ?? {}).filter((m) => m.role === 'facilitator').length;
}

export function isOnline(state, memberId) {
  return state.online.has(memberId);
}

/** Whether this member is still in the room (a facilitator may have removed them). */
export function isCurrent(member) {
  return member.role !== 'removed';
}

/** Everyone in the room (not those removed): online first, then facilitators, participants, observers, then by name. */
export function membersInOrder(state) {
  const members = Object.values(state.room?.members ?? {}).filter(isCurrent);
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return members.sort((a, b) => (Number(isOnline(state, b.id)) - Number(isOnline(state, a.id)))
    || ((ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9))
    || collator.compare(a.name, b.name)
    || a.id.localeCompare(b.id));
}

export function onlineCount(state) {
  const members = state.room?.members ?? {};
  let n = 0;
  for (const id of state.online) if (members[id] && isCurrent(members[id])) n += 1;
  return n;
}
