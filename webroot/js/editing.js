// Edits on the same item, the board's half of the convention in docs/protocol.md ("Edits on the
// same item"): an item carries `version`, a save names the `baseVersion` its form was opened on,
// a stale save is refused with `conflict`. Pure logic, no DOM: what differs between the version
// a form was opened on, the person's own values and the other person's, and who is editing which
// item (from the relayed `editing` frames).

/** A form's `editing` signal is sent again this often while it stays open… */
export const EDITING_REPEAT_MS = 20_000;
/** …and forgotten when not repeated for this long (its board went quiet without a `gone`). */
export const EDITING_FORGET_MS = 45_000;

/** The version a save names: items from before versions count as 0. */
export function versionOf(item) {
  return item?.version ?? 0;
}

/** Whether the item changed under a form opened on `base` (another save landed since). */
export function changedSince(base, current) {
  return Boolean(base && current && versionOf(current) !== versionOf(base));
}

const text = (value) => String(value ?? '');

/**
 * The fields (keys) that differ between mine and theirs, each with what the form was opened on:
 * [{key, base, mine, theirs, mineChanged, theirsChanged}]. A field only one side changed can be
 * merged without asking; one both changed differently (mineChanged && theirsChanged) is a clash.
 */
export function differences(keys, base, mine, theirs) {
  const out = [];
  for (const key of keys) {
    const b = text(base?.[key]).trim();
    const m = text(mine?.[key]).trim();
    const t = text(theirs?.[key]).trim();
    if (m === t) continue;
    out.push({ key, base: b, mine: m, theirs: t, mineChanged: m !== b, theirsChanged: t !== b });
  }
  return out;
}

/**
 * Mine merged onto theirs: every field I changed from the base keeps my value, every other field
 * takes theirs. What "Keep mine" sends on the new base.
 */
export function keepMine(keys, base, mine, theirs) {
  const merged = {};
  for (const key of keys) {
    const changed = text(mine?.[key]).trim() !== text(base?.[key]).trim();
    merged[key] = changed ? text(mine?.[key]) : text(theirs?.[key]);
  }
  return merged;
}

/**
 * Who has which item open, from `editing` frames ({memberId, conn, item} or {gone: true}). One
 * entry per board (conn); now is passed in so tests control time.
 */
export class EditingPresence {
  #boards = new Map(); // conn → {memberId, item, at}

  /** Takes one relayed frame; returns whether anything changed. */
  receive(frame, now) {
    if (!frame?.conn) return false;
    const had = this.#boards.get(frame.conn);
    if (frame.gone || frame.item === null || frame.item === undefined) {
      return this.#boards.delete(frame.conn);
    }
    this.#boards.set(frame.conn, { memberId: frame.memberId, item: frame.item, at: now });
    return had?.item !== frame.item || had?.memberId !== frame.memberId;
  }

  /** Forgets boards not heard from within EDITING_FORGET_MS; returns whether any went. */
  expire(now) {
    let changed = false;
    for (const [conn, board] of this.#boards) {
      if (now - board.at > EDITING_FORGET_MS) {
        this.#boards.delete(conn);
        changed = true;
      }
    }
    return changed;
  }

  /** The member ids (each once, in arrival order) with `item` open, leaving out `me`. */
  editors(item, me, now) {
    const ids = [];
    for (const board of this.#boards.values()) {
      if (board.item !== item || board.memberId === me || now - board.at > EDITING_FORGET_MS) continue;
      if (!ids.includes(board.memberId)) ids.push(board.memberId);
    }
    return ids;
  }
}

/** "Ben is editing", "Ben and Cy are editing", "Ben, Cy and 2 others are editing"; '' for nobody. */
export function editingLabel(names) {
  if (!names.length) return '';
  if (names.length === 1) return `${names[0]} is editing`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are editing`;
  const rest = names.length - 2;
  return `${names[0]}, ${names[1]} and ${rest} ${rest === 1 ? 'other' : 'others'} are editing`;
}
