// Questions the "Your part" view asks about acknowledgements.

import { acknowledgementOf } from './events.js';

/** My own drafts, oldest first (the board only ever holds its own). */
export function myDrafts(room, me) {
  return acknowledgementOf(room).items.filter((a) => !a.shared && a.author === me);
}

/** Every shared acknowledgement with its author's name, in the order they were shared. */
export function sharedWithAuthors(room, me) {
  return acknowledgementOf(room).items.filter((a) => a.shared).map((a) => ({
    ...a,
    authorName: room?.members?.[a.author]?.name ?? 'A former member',
    mine: a.author === me,
  }));
}
