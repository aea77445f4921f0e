// The HTTP side of the server: create a room, look one up, join one. Errors carry the server's code.

export class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

async function request(method, path, body, token) {
  const headers = body === undefined ? { accept: 'application/json' }
    : { accept: 'application/json', 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('network', 'Cairn could not reach the server. Check your connection and try again.', 0);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // answered below
  }
  if (!response.ok) {
    throw new ApiError(data?.code ?? `http_${response.status}`,
      data?.message ?? `The server answered with status ${response.status}.`, response.status);
  }
  return data;
}

/** Opens a room; the caller becomes its first facilitator. → {roomId, memberId, role, token, expiresAt, roomPath, title, facilitatorPath} */
export function createRoom({ title, name }) {
  return request('POST', '/api/rooms', { title, name });
}

/** What a join page may show before joining. → {roomId, title, members} */
export function describeRoom(roomId) {
  return request('GET', `/api/rooms/${encodeURIComponent(roomId)}`);
}

/** Joins by link. → {roomId, memberId, role, token, expiresAt, roomPath} */
export function joinRoom(roomId, { name, observer = false, invite, key, passcode } = {}) {
  const body = { name, observer };
  if (invite) body.invite = invite;
  if (key) body.key = key;
  if (passcode) body.passcode = passcode;
  return request('POST', `/api/rooms/${encodeURIComponent(roomId)}/members`, body);
}

/** The room's current links, for a member. → {roomPath, facilitatorPath (facilitators only)} */
export function roomLinks(roomId, token) {
  return request('GET', `/api/rooms/${encodeURIComponent(roomId)}/links`, undefined, token);
}

/**
 * Every revision of the purpose draft, as purpose.edited event frames, oldest first; pages through
 * the server's limit. Members only: token is the member token.
 */
export async function purposeHistory(roomId, token) {
  const PAGE = 5000;
  const entries = [];
  for (;;) {
    let response;
    try {
      response = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/history?from=${entries.length}&limit=${PAGE}`, {
        headers: { accept: 'application/json', authorization: `Bearer ${token}` },
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError('network', 'Cairn could not reach the server. Check your connection and try again.', 0);
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      // answered below
    }
    if (!response.ok) {
      throw new ApiError(data?.code ?? `http_${response.status}`,
        data?.message ?? `The server answered with status ${response.status}.`, response.status);
    }
    const page = Array.isArray(data?.entries) ? data.entries : [];
    entries.push(...page);
    if (page.length < PAGE) return entries;
  }
}
