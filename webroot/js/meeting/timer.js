// Timer arithmetic on the board, pure (no DOM): the server keeps an absolute end (or the time
// left while paused); the board subtracts its clock-corrected now, never counts down by itself.

/**
 * Milliseconds left at serverNow; negative past the end (the overrun). Null without a timer.
 * Never more than the timer's length: a board whose offset estimate is a few ms behind the server
 * would otherwise show 5:01 for a five-minute timer just started.
 */
export function remaining(timer, serverNow) {
  if (!timer) return null;
  const left = timer.endsAt != null ? timer.endsAt - serverNow : timer.remainingMs;
  return Number.isFinite(timer.lengthMs) ? Math.min(left, timer.lengthMs) : left;
}

/**
 * The phase a countdown is in: 'paused', 'running', 'warning' (within warnMs of the end),
 * 'up' (at or past the end: the overrun).
 */
export function phase(timer, serverNow, warnMs) {
  if (!timer) return 'none';
  const left = remaining(timer, serverNow);
  if (left <= 0) return 'up';
  if (timer.endsAt == null) return 'paused';
  return left <= warnMs ? 'warning' : 'running';
}

/**
 * "12:05", "1:02:03"; past the end "+0:42" (the overrun). Counts whole seconds up, so a timer
 * shows its full length at the start and 0:00 exactly at the end.
 */
export function format(ms) {
  if (ms == null) return '';
  const over = ms < 0;
  const total = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  const text = `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
  return over && total > 0 ? `+${text}` : text;
}

/** Words for a screen reader: "4 minutes 5 seconds left", "2 minutes over". */
export function spoken(ms) {
  if (ms == null) return '';
  const over = ms < 0;
  const total = Math.round(Math.abs(ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  const parts = [];
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (s || !m) parts.push(`${s} second${s === 1 ? '' : 's'}`);
  return `${parts.join(' ')} ${over ? 'over' : 'left'}`;
}

/**
 * The instant of the wall time "HH:MM" (or "HH:MM:SS") next after serverNow, in the browser's time zone: today if
 * it is still ahead, else tomorrow. offsetMinutes lets tests pin the zone (minutes east of UTC);
 * by default the browser's own offset at that moment is used. Null for a malformed time.
 */
export function untilInstant(hhmm, serverNow, offsetMinutes = null) {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(String(hhmm ?? '').trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3] ?? 0);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const zone = offsetMinutes ?? -new Date(serverNow).getTimezoneOffset();
  const local = serverNow + zone * 60_000;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  let at = dayStart + (hours * 3600 + minutes * 60 + seconds) * 1000 - zone * 60_000;
  if (at <= serverNow) at += 86_400_000;
  return at;
}

/** The warnings a countdown passes from one frame to the next: 'warning' and 'up', each once per end. */
export function crossed(prevLeft, left, warnMs) {
  const out = [];
  if (prevLeft == null || left == null) return out;
  if (warnMs > 0 && prevLeft > warnMs && left <= warnMs && left > 0) out.push('warning');
  if (prevLeft > 0 && left <= 0) out.push('up');
  return out;
}
