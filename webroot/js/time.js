// Human times: "just now", "3 min ago", "yesterday", and full dates for titles.

const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const STEPS = [
  [60, 'second', 1],
  [3600, 'minute', 60],
  [86400, 'hour', 3600],
  [86400 * 7, 'day', 86400],
  [86400 * 30, 'week', 86400 * 7],
  [86400 * 365, 'month', 86400 * 30],
  [Infinity, 'year', 86400 * 365],
];

/** "just now", "5 min. ago", "yesterday", … for an epoch-millis time. */
export function relativeTime(at, now = Date.now()) {
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [limit, unit, size] of STEPS) {
    if (Math.abs(seconds) < limit) return format.format(Math.round(seconds / size), unit);
  }
  return '';
}

/** A full local date and time, for a title or a <time> element. */
export function fullTime(at) {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "30 Jun 2027" from "2027-06-30" (a day, no time zone games). */
export function day(isoDay) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay ?? '');
  if (!m) return isoDay ?? '';
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A <time> element that keeps saying how long ago at was (see startRelativeClock). */
export function timeAgo(h, at) {
  return h('time', { datetime: new Date(at).toISOString(), title: fullTime(at), 'data-at': String(at), text: relativeTime(at) });
}

let clock = null;

/** Refreshes every timeAgo element on the page twice a minute. */
export function startRelativeClock() {
  if (clock) return;
  clock = setInterval(() => {
    const now = Date.now();
    for (const el of document.querySelectorAll('time[data-at]')) {
      const text = relativeTime(Number(el.dataset.at), now);
      if (el.textContent !== text) el.textContent = text;
    }
  }, 30_000);
}
