// Browser mirror of dev.cairn.purpose.text.TextType: the ot-text operational transformation type.
//
// An operation is an array walking the document from its start:
//   a positive integer n  keeps the next n characters,
//   a non-empty string    inserts it here,
//   {d: n}                removes the next n characters.
// Characters are UTF-16 code units (String.prototype.length). Every function here gives the same
// result as the Java version, so browser and server converge on one document.

const MAX_INT = 2147483647;

function fail(message) {
  throw new Error('invalid text op: ' + message);
}

function isDelete(c) {
  return typeof c === 'object' && c !== null && !Array.isArray(c);
}

function countOf(value, index, what) {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail(`component ${index}: ${what} must be a whole number, got ${JSON.stringify(value)}`);
  }
  if (value <= 0) fail(`component ${index}: ${what} must be positive, got ${value}`);
  if (value > MAX_INT) fail(`component ${index}: ${what} is too large: ${value}`);
  return value;
}

// Throws unless every component is a positive skip, a non-empty insert or a {d: n} delete.
export function checkOp(op) {
  if (!Array.isArray(op)) fail('operation must be an array');
  op.forEach((c, i) => {
    if (typeof c === 'string') {
      if (c.length === 0) fail(`component ${i}: insert must not be empty`);
    } else if (typeof c === 'number') {
      countOf(c, i, 'skip');
    } else if (isDelete(c)) {
      const keys = Object.keys(c);
      if (keys.length !== 1 || keys[0] !== 'd') {
        fail(`component ${i}: object component must be {d: n}, got ${JSON.stringify(c)}`);
      }
      countOf(c.d, i, 'delete');
    } else {
      fail(`component ${i}: expected a number, string or {d: n}, got ${JSON.stringify(c)}`);
    }
  });
}

function kindOf(c) {
  return typeof c === 'number' ? 'skip' : typeof c === 'string' ? 'insert' : 'delete';
}

function lengthOf(c) {
  return typeof c === 'number' ? c : typeof c === 'string' ? c.length : c.d;
}

// Collects components, merging neighbours of one kind; build() drops the trailing skip.
function builder() {
  const out = [];
  return {
    add(c) {
      if (c === null || lengthOf(c) === 0) return;
      const last = out.length - 1;
      if (last >= 0 && kindOf(out[last]) === kindOf(c)) {
        const prev = out[last];
        out[last] = typeof c === 'number' ? prev + c
          : typeof c === 'string' ? prev + c : { d: prev.d + c.d };
      } else {
        out.push(isDelete(c) ? { d: c.d } : c);
      }
    },
    build() {
      if (out.length > 0 && typeof out[out.length - 1] === 'number') out.pop();
      return out;
    },
  };
}

// Hands out an op piece by piece; past its end it skips forever.
// whole names the kind ('insert' or 'delete') that is never cut, however little was asked for.
function reader(op) {
  let index = 0;
  let offset = 0;
  function takeUpTo(max, whole) {
    const c = op[index];
    const left = lengthOf(c) - offset;
    const n = kindOf(c) === whole || left <= max ? left : max;
    const start = offset;
    if (n === left) {
      index++;
      offset = 0;
    } else {
      offset += n;
    }
    if (typeof c === 'number') return n;
    if (typeof c === 'string') return c.slice(start, start + n);
    return { d: n };
  }
  return {
    peek: () => (index < op.length ? op[index] : null),
    takeRest: () => (index === op.length ? null : takeUpTo(Infinity, null)),
    take: (max, whole) => (index === op.length ? max : takeUpTo(max, whole)),
  };
}

// Same effect, canonical form: neighbours of one kind merged, no trailing skip.
export function normalize(op) {
  checkOp(op);
  const b = builder();
  op.forEach((c) => b.add(c));
  return b.build();
}

// Whether the op leaves every document unchanged.
export function isNoop(op) {
  checkOp(op);
  return op.every((c) => typeof c === 'number');
}

function isHigh(code) {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code) {
  return code >= 0xdc00 && code <= 0xdfff;
}

function splitsPair(s, index) {
  return index > 0 && index < s.length
    && isHigh(s.charCodeAt(index - 1)) && isLow(s.charCodeAt(index));
}

function loneSurrogateAt(s) {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (isHigh(code)) {
      if (i + 1 < s.length && isLow(s.charCodeAt(i + 1))) i++;
      else return i;
    } else if (isLow(code)) {
      return i;
    }
  }
  return -1;
}

// Returns doc with op applied; throws if the op reaches past the end of the document,
// cuts a surrogate pair, or inserts a lone surrogate.
export function apply(doc, op) {
  if (typeof doc !== 'string') throw new Error('document must be a string');
  checkOp(op);
  const parts = [];
  let pos = 0;
  for (const c of op) {
    if (typeof c === 'string') {
      const bad = loneSurrogateAt(c);
      if (bad >= 0) fail(`insert has a lone surrogate at offset ${bad}`);
      parts.push(c);
      continue;
    }
    const n = lengthOf(c);
    if (n > doc.length - pos) {
      fail(`operation reaches past the end of the document (length ${doc.length})`);
    }
    const end = pos + n;
    if (splitsPair(doc, end)) fail(`operation splits a surrogate pair at ${end}`);
    if (typeof c === 'number') parts.push(doc.slice(pos, end));
    pos = end;
  }
  parts.push(doc.slice(pos));
  return parts.join('');
}

// Rewrites op so it keeps its intent when applied after other (both made against one document).
// side is 'left' or 'right'; at a tie between two inserts the left one goes first.
export function transform(op, other, side) {
  if (side !== 'left' && side !== 'right') throw new Error(`side must be 'left' or 'right', got ${side}`);
  const mine = reader(normalize(op));
  const out = builder();
  for (const theirs of normalize(other)) {
    if (typeof theirs === 'string') {
      if (side === 'left' && typeof mine.peek() === 'string') out.add(mine.takeRest());
      out.add(theirs.length);
      continue;
    }
    let left = lengthOf(theirs);
    while (left > 0) {
      const chunk = mine.take(left, 'insert');
      if (typeof chunk === 'string') {
        out.add(chunk);
      } else {
        left -= lengthOf(chunk);
        // Under their delete, my skips and deletes cover text that is already gone.
        if (typeof theirs === 'number') out.add(chunk);
      }
    }
  }
  for (let rest = mine.takeRest(); rest !== null; rest = mine.takeRest()) out.add(rest);
  return out.build();
}

// One op with the effect of first and then second.
export function compose(first, second) {
  checkOp(first);
  checkOp(second);
  const earlier = reader(first);
  const out = builder();
  for (const later of second) {
    if (typeof later === 'string') {
      out.add(later);
      continue;
    }
    let left = lengthOf(later);
    while (left > 0) {
      const chunk = earlier.take(left, 'delete');
      if (isDelete(chunk)) {
        out.add(chunk);
        continue;
      }
      left -= lengthOf(chunk);
      if (typeof later === 'number') out.add(chunk);
      else if (typeof chunk === 'number') out.add({ d: chunk });
      // Deleting text the first op inserted: the two cancel out.
    }
  }
  for (let rest = earlier.takeRest(); rest !== null; rest = earlier.takeRest()) out.add(rest);
  return out.build();
}

// Moves a caret through op. For someone else's op the caret keeps its place in the text (it
// stays before text inserted exactly at it); for its owner's op it jumps to the end of the op's
// last edit, and an op that changes nothing leaves it where it was.
export function transformCursor(cursor, op, isOwn) {
  if (!Number.isInteger(cursor) || cursor < 0) {
    throw new Error(`cursor must be a non-negative integer, got ${cursor}`);
  }
  if (isOwn) {
    const norm = normalize(op);
    if (norm.length === 0) return cursor;
    return norm.reduce((pos, c) => (isDelete(c) ? pos : pos + lengthOf(c)), 0);
  }
  checkOp(op);
  let pos = 0;
  for (const c of op) {
    if (cursor <= pos) break;
    if (typeof c === 'number') {
      if (cursor <= pos + c) break;
      pos += c;
    } else if (typeof c === 'string') {
      pos += c.length;
      cursor += c.length;
    } else {
      cursor -= Math.min(c.d, cursor - pos);
    }
  }
  return cursor;
}
