// The memberships this browser holds, one per room, in localStorage under cairn.member.<roomId>.
// A membership is what the server answered on create/join plus what the board learned since
// (title, name): {roomId, memberId, role, token, expiresAt, roomPath, title, name, facilitatorPath?, savedAt}.

const PREFIX = 'cairn.member.';
const NAME_KEY = 'cairn.name';
const memory = new Map(); // used when storage is unavailable (private mode, blocked cookies)

function storage() {
  try {
    const s = window.localStorage;
    s.getItem(NAME_KEY);
    return s;
  } catch {
    return null;
  }
}

function read(key) {
  const s = storage();
  const raw = s ? s.getItem(key) : memory.get(key);
  if (raw === null || raw === undefined) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function write(key, value) {
  const raw = JSON.stringify(value);
  const s = storage();
  try {
    if (s) s.setItem(key, raw);
    else memory.set(key, raw);
  } catch {
    memory.set(key, raw);
  }
}

export function load(roomId) {
  const m = read(PREFIX + roomId);
  return m && typeof m.token === 'string' && m.roomId === roomId ? m : null;
}

export function isExpired(membership, now = Date.now()) {
  return typeof membership.expiresAt === 'number' && membership.expiresAt <= now;
}

export function save(membership) {
  write(PREFIX + membership.roomId, { ...membership, savedAt: Date.now() });
  return membership;
}

/** Merges what the board learned (title, role, name) into a stored membership. */
export function update(roomId, patch) {
  const current = load(roomId);
  if (!current) return;
  const changed = Object.entries(patch).some(([k, v]) => current[k] !== v);
  if (changed) write(PREFIX + roomId, { ...current, ...patch });
}

export function remove(roomId) {
  const s = storage();
  if (s) s.removeItem(PREFIX + roomId);
  memory.delete(PREFIX + roomId);
}

/** Every stored membership, most recently saved first. */
export function list() {
  const out = [];
  const s = storage();
  const keys = s ? Array.from({ length: s.length }, (_, i) => s.key(i)) : [...memory.keys()];
  for (const key of keys) {
    if (!key || !key.startsWith(PREFIX)) continue;
    const m = load(key.slice(PREFIX.length));
    if (m) out.push(m);
  }
  return out.sort((a, b) => (b.savedAt ?? 0) - (a.savedAt ?? 0));
}

/** The display name this browser used last, to prefill forms. */
export function lastName() {
  const s = storage();
  try {
    return (s ? s.getItem(NAME_KEY) : memory.get(NAME_KEY)) ?? '';
  } catch {
    return '';
  }
}

export function rememberName(name) {
  const s = storage();
  try {
    if (s) s.setItem(NAME_KEY, name);
    else memory.set(NAME_KEY, name);
  } catch {
    memory.set(NAME_KEY, name);
  }
}
