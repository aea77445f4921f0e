// Room links: what /r/<id>#join=<key> (the room link, once a facilitator made a new one) and
// /r/<id>#invite=<key> (the facilitator link) mean, and how to read one someone pasted.

const ROOM_ID = /^[A-Za-z0-9]{6,32}$/;

export function isRoomId(id) {
  return typeof id === 'string' && ROOM_ID.test(id);
}

export function roomUrl(roomPath, origin = window.location.origin) {
  return new URL(roomPath, origin).href;
}

/**
 * Whether a link names this machine only (localhost, 127.x.x.x, ::1): such a link opens nothing on
 * anyone else's computer or phone.
 */
export function isLoopbackUrl(url) {
  let host;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host)
    || host === '[::1]' || host === '0.0.0.0';
}

/** What to tell someone about to share a loopback link. */
export const LOOPBACK_WARNING = 'People on other machines can\u2019t open localhost links. Open Cairn at this computer\u2019s '
  + 'network address instead, or ask whoever runs the server to set its public address (CAIRN_PUBLIC_URL).';

/** The room id of a /r/<id> path, or null. */
export function roomIdFromPath(pathname) {
  const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
  return match && isRoomId(match[1]) ? match[1] : null;
}

function keyFromHash(hash, name) {
  const params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  const key = params.get(name);
  return key && /^[A-Za-z0-9_-]{1,200}$/.test(key) ? key : null;
}

/** The facilitator invite key in a #invite=KEY fragment, or null. */
export function inviteFromHash(hash) {
  return keyFromHash(hash, 'invite');
}

/** The room link's key in a #join=KEY fragment, or null (a room's first link has none). */
export function joinKeyFromHash(hash) {
  return keyFromHash(hash, 'join');
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
  const join = joinKeyFromHash(url.hash);
  const fragment = invite ? `#invite=${invite}` : join ? `#join=${join}` : '';
  return `${url.origin}/r/${roomId}${fragment}`;
}
