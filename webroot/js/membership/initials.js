// The letters an avatar shows for a name: the first letter of each of its first two words that
// have one ("Carol (projector)" → "CP", "ana" → "A"); punctuation, digits and emoji never count.

const LETTER = /\p{L}/u;

export function initials(name) {
  const words = String(name ?? '').trim().split(/\s+/);
  const letters = [];
  for (const word of words) {
    const first = Array.from(word).find((ch) => LETTER.test(ch));
    if (first) letters.push(first);
    if (letters.length === 2) break;
  }
  return letters.join('').toLocaleUpperCase() || '?';
}
