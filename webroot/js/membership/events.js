// How membership events change the board's room: mirrors dev.cairn.room.RoomState#applyMembership.

function withMember(room, member) {
  return { ...room, members: { ...room.members, [member.id]: member } };
}

export const membershipEvents = {
  'room.created': (room, e, frame) => ({ ...room, id: e.roomId ?? room.id, title: e.title, createdAt: frame.at }),
  'room.renamed': (room, e) => ({ ...room, title: e.title }),
  'member.joined': (room, e, frame) => withMember(room, { id: e.memberId, name: e.name, role: e.role, joinedAt: frame.at }),
  'member.renamed': (room, e) => (room.members[e.memberId]
    ? withMember(room, { ...room.members[e.memberId], name: e.name }) : room),
  'member.role_changed': (room, e) => (room.members[e.memberId]
    ? withMember(room, { ...room.members[e.memberId], role: e.role }) : room),
  // A removed member stays in the room's record (their name shows on what they did) with the role "removed".
  'member.removed': (room, e) => (room.members[e.memberId]
    ? withMember(room, { ...room.members[e.memberId], role: 'removed' }) : room),
};
