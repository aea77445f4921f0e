// How acknowledgement events change the board's room: mirrors dev.cairn.acknowledgement.AcknowledgementRules#apply.
// Another member's draft arrives as an event with every field null: it changes nothing here.

const EMPTY = { items: [] };

/** The acknowledgement part of a room (this board's view: every shared one, and only my drafts). */
export function acknowledgementOf(room) {
  return room?.acknowledgement ?? EMPTY;
}

function withItems(room, items) {
  return { ...room, acknowledgement: { ...acknowledgementOf(room), items } };
}

export const acknowledgementEvents = {
  'acknowledgement.drafted': (room, e, frame) => {
    if (!e.acknowledgementId) return room;
    const item = { id: e.acknowledgementId, author: frame.by, text: e.text, shared: false, sharedAt: null,
      editedAt: frame.at, draftSeqs: [frame.seq] };
    return withItems(room, [...acknowledgementOf(room).items, item]);
  },
  'acknowledgement.edited': (room, e, frame) => {
    if (!e.acknowledgementId) return room;
    return withItems(room, acknowledgementOf(room).items.map((a) => (a.id !== e.acknowledgementId ? a : {
      ...a, text: e.text, editedAt: frame.at, draftSeqs: a.shared ? a.draftSeqs : [frame.seq],
    })));
  },
  'acknowledgement.shared': (room, e, frame) => {
    const rest = acknowledgementOf(room).items.filter((a) => a.id !== e.acknowledgementId);
    const item = { id: e.acknowledgementId, author: frame.by, text: e.text, shared: true, sharedAt: frame.at,
      editedAt: null, draftSeqs: [] };
    return withItems(room, [...rest, item]);
  },
  'acknowledgement.withdrawn': (room, e) => {
    if (!e.acknowledgementId) return room;
    return withItems(room, acknowledgementOf(room).items.filter((a) => a.id !== e.acknowledgementId));
  },
};
