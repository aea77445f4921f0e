// The board's way to the printable meeting record: one link in the Agenda panel's header.

/** Points the link at this room's record page (the latest meeting; the page offers the others). */
export function mountRecordLink(link, roomId) {
  if (!link) return;
  link.href = `/record.html?room=${encodeURIComponent(roomId)}`;
  link.hidden = false;
}
