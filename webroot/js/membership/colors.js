// One stable colour per member (by id), shared by avatars, carets and authorship marks.

export const HUES = 8;

/** 0..HUES-1 from the member id; CSS classes hue-N (avatars) and tint-N (carets, marks) use it. */
export function hueOf(id) {
  let hash = 0;
  for (const ch of String(id ?? '')) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % HUES;
}
