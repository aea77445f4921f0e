// Turns "the textarea held this, now it holds that" into one ot-text op (skip, delete, insert),
// found from the common prefix and suffix. The caret after the change breaks ties where the text
// repeats ("aa" → "aaa" inserts where the person typed), and no boundary splits a surrogate pair.

function isHigh(code) {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code) {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Whether index falls between the two halves of a surrogate pair in s. */
function splitsPair(s, index) {
  return index > 0 && index < s.length && isHigh(s.charCodeAt(index - 1)) && isLow(s.charCodeAt(index));
}

/**
 * The op that turns before into after, or [] when they are equal. caret (optional) is where the
 * caret sits in after, right after the change, as a textarea's selectionEnd reports it.
 */
export function diffOp(before, after, caret) {
  if (before === after) return [];
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  // Where the text repeats, the change could sit anywhere in the run: put it at the caret.
  if (Number.isInteger(caret) && caret >= 0 && caret <= after.length) {
    const grown = Math.max(0, after.length - before.length);
    prefix = Math.min(prefix, Math.max(0, caret - grown));
  }
  while (splitsPair(before, prefix) || splitsPair(after, prefix)) prefix -= 1;

  let suffix = 0;
  const room = shorter - prefix;
  while (suffix < room
    && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix += 1;
  while (suffix > 0 && (splitsPair(before, before.length - suffix) || splitsPair(after, after.length - suffix))) suffix -= 1;

  const removed = before.length - prefix - suffix;
  const inserted = after.slice(prefix, after.length - suffix);
  const op = [];
  if (prefix > 0) op.push(prefix);
  if (removed > 0) op.push({ d: removed });
  if (inserted.length > 0) op.push(inserted);
  return op;
}
