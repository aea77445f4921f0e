// Room links: what /r/<id>#invite=<key> means, and how to read one someone pasted.

const ROOM_ID = /^[A-Za-z0-9]{6,32}$/;

export function isRoomId(id) {
  return typeof id === 'string' && ROOM_ID.test(id);
}

export function roomUrl(roomPath, origin = window.location.origin) {
  return new URL(roomPath, origin).href;
}

/** The room id of a /r/<id> path, or null. */
export function roomIdFromPath(pathname) {
  const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
  return match && isRoomId(match[1]) ? match[1] : null;
}

/** The facilitator invite key in a #invite=KEY fragment, or null. */
export function inviteFromHash(hash) {
  const params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  const key = params.get('invite');
  return key && /^[A-Za-z0-9_-]{1,200}$/.test(key) ? key : null;
}

/**
 * Reads what someone pasted: a full room link, a path, or a bare room id. Returns the URL to open
 * (same origin unless the link names another Cairn server), or null when it is not a room link.
 */
export function parsePastedLink(text, origin = window.location.origin) {
  const value = String(text ?? '').trim();
  if (!value) return null;
  if (isRoomId(value)) return new URL(`/r/${value}`, origin).href;
  let url;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const roomId = roomIdFromPath(url.pathname);
  if (!roomId) return null;
  const invite = inviteFromHash(url.hash);
  return `${url.origin}/r/${roomId}${invite ? `#invite=${invite}` : ''}`;
}
