// Where everyone is in the draft. Sends this board's selection (as of the last room event, a few
// times a second at most, only when it moved) and draws the others' carets and selections over
// the textarea: a mirror of the textarea (same font, padding and wrapping, transparent text)
// holds the highlighted ranges and zero-width marks whose measured boxes place each caret and
// its name. Positions are moved through every edit made after the caret was sent.

import { h } from '../../dom.js';
import { hueOf } from '../../membership/colors.js';
import { caret as sendCaret } from '../../purpose/commands.js';

const SEND_EVERY_MS = 200;
const FLAG_FOR_MS = 4000; // the name shows this long after a move
const IDLE_AFTER_MS = 10_000; // then the caret fades
const MIRRORED = ['fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch', 'lineHeight',
  'letterSpacing', 'wordSpacing', 'tabSize', 'textIndent', 'textTransform', 'paddingTop', 'paddingRight',
  'paddingBottom', 'paddingLeft', 'direction'];

/** Keeps others' carets by connection; mount with the editor's textarea and frame. */
export function mountCarets({ store, connection, session, textarea, frame, editors }) {
  const carets = new Map(); // conn → {memberId, seq, anchor, head, at, pos: {anchor, head} | null}
  let frameRequest = 0;
  const mirror = h('div', { class: 'draft-mirror', 'aria-hidden': 'true' });
  const layer = h('div', { class: 'caret-layer', 'aria-hidden': 'true' });
  const overlay = h('div', { class: 'draft-overlay', 'aria-hidden': 'true' }, mirror, layer);
  frame.append(overlay);

  // ---- sending ---------------------------------------------------------------------------------

  let lastSent = '';
  let sendTimer = null;
  let lastSentAt = 0;

  function scheduleSend() {
    if (sendTimer) return;
    const wait = Math.max(0, lastSentAt + SEND_EVERY_MS - Date.now());
    sendTimer = setTimeout(() => {
      sendTimer = null;
      sendNow();
    }, wait);
  }

  function sendNow() {
    if (document.activeElement !== textarea || !connection.live) return;
    const backward = textarea.selectionDirection === 'backward';
    const start = session.toServer(textarea.selectionStart);
    const end = session.toServer(textarea.selectionEnd);
    const anchor = backward ? end : start;
    const head = backward ? start : end;
    const key = `${session.seq}:${anchor}:${head}`;
    if (key === lastSent) return;
    lastSent = key;
    lastSentAt = Date.now();
    sendCaret(connection, session.seq, anchor, head);
  }

  const onSelection = () => {
    if (document.activeElement === textarea) scheduleSend();
  };
  document.addEventListener('selectionchange', onSelection);
  textarea.addEventListener('focus', () => {
    lastSent = '';
    scheduleSend();
  });
  textarea.addEventListener('input', onSelection);
  session.on('applied', onSelection); // our edit landed: the same spot has new coordinates
  session.on('reset', () => {
    lastSent = '';
    onSelection();
  });
  connection.onStatus((status) => {
    if (status.state === 'live') {
      lastSent = '';
      onSelection();
    } else {
      // What we knew may be out of date; the others send their carets again when we show up online.
      carets.clear();
      schedule();
    }
  });

  // ---- receiving -------------------------------------------------------------------------------

  function receive(frame) {
    if (!frame.conn) return;
    if (frame.gone) carets.delete(frame.conn);
    else if (Number.isInteger(frame.seq) && Number.isInteger(frame.anchor) && Number.isInteger(frame.head)) {
      const before = carets.get(frame.conn);
      carets.set(frame.conn, {
        memberId: frame.memberId, seq: frame.seq, anchor: frame.anchor, head: frame.head, at: Date.now(),
        pos: before?.pos ?? null,
      });
    }
    schedule();
  }

  store.subscribe((state, prev) => {
    if (state.online !== prev.online) {
      for (const [conn, c] of carets) if (!state.online.has(c.memberId)) carets.delete(conn);
      // Someone (back) online has no carets yet: show them ours.
      if ([...state.online].some((id) => !prev.online.has(id))) {
        lastSent = '';
        onSelection();
      }
      schedule();
    } else if (state.room !== prev.room) {
      schedule();
    }
  });
  session.on('remote', schedule);
  session.on('reset', schedule);
  textarea.addEventListener('input', schedule);
  textarea.addEventListener('scroll', () => {
    mirror.scrollTop = textarea.scrollTop;
    schedule();
  });
  new ResizeObserver(schedule).observe(textarea);
  setInterval(() => {
    if (carets.size) schedule();
  }, 1000);

  // ---- drawing ---------------------------------------------------------------------------------

  function schedule() {
    if (!frameRequest) frameRequest = requestAnimationFrame(draw);
  }

  function place(c) {
    const anchor = session.fromRemote(c.anchor, c.seq);
    const head = session.fromRemote(c.head, c.seq);
    if (anchor !== null && head !== null) c.pos = { anchor, head };
    return c.pos; // seq not reached yet (or too old): where it was last known
  }

  function copyMetrics() {
    const style = getComputedStyle(textarea);
    for (const key of MIRRORED) mirror.style[key] = style[key];
    mirror.style.top = style.borderTopWidth;
    mirror.style.left = style.borderLeftWidth;
    mirror.style.width = `${textarea.clientWidth}px`;
    mirror.style.height = `${textarea.clientHeight}px`;
  }

  function draw() {
    frameRequest = 0;
    const state = store.getState();
    const text = textarea.value;
    const now = Date.now();
    const shown = [];
    for (const [conn, c] of carets) {
      const member = state.room?.members?.[c.memberId];
      if (!member) continue;
      const pos = place(c);
      if (!pos) continue;
      const anchor = Math.min(pos.anchor, text.length);
      const head = Math.min(pos.head, text.length);
      shown.push({ conn, member, hue: hueOf(c.memberId), from: Math.min(anchor, head), to: Math.max(anchor, head),
        head, age: now - c.at });
    }
    renderEditors(shown);
    if (!shown.length) {
      mirror.replaceChildren();
      layer.replaceChildren();
      return;
    }
    copyMetrics();

    // Cut the text at every selection edge and caret; wrap selected pieces, mark caret spots.
    const cuts = new Set([0, text.length]);
    for (const c of shown) {
      cuts.add(c.from);
      cuts.add(c.to);
      cuts.add(c.head);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const marks = new Map(); // position → mark span
    const pieces = [];
    for (let i = 0; i < points.length; i += 1) {
      const at = points[i];
      if (shown.some((c) => c.head === at)) {
        const mark = h('span', { class: 'caret-mark' });
        marks.set(at, mark);
        pieces.push(mark);
      }
      const next = points[i + 1];
      if (next === undefined || next === at) continue;
      const piece = text.slice(at, next);
      const over = shown.find((c) => c.from <= at && next <= c.to && c.from !== c.to);
      pieces.push(over ? h('span', { class: `remote-selection tint-${over.hue}` }, piece) : piece);
    }
    pieces.push('\u200b'); // a final empty line shows as it does in the textarea
    mirror.replaceChildren(...pieces);
    mirror.scrollTop = textarea.scrollTop;

    const top = mirror.offsetTop;
    const left = mirror.offsetLeft;
    const visibleBottom = textarea.clientHeight;
    const bars = [];
    for (const c of shown) {
      const mark = marks.get(c.head);
      if (!mark) continue;
      const y = mark.offsetTop - mirror.scrollTop;
      const height = mark.offsetHeight || parseFloat(getComputedStyle(textarea).lineHeight) || 20;
      if (y + height < 0 || y > visibleBottom) continue;
      const fresh = c.age < FLAG_FOR_MS;
      const idle = c.age > IDLE_AFTER_MS;
      const bar = h('div', {
        class: `remote-caret tint-${c.hue}${idle ? ' is-idle' : ''}${fresh ? ' is-fresh' : ''}${y < 2 ? ' flag-below' : ''}`,
        'data-testid': 'remote-caret', dataset: { memberId: c.member.id },
      }, h('span', { class: 'caret-flag', text: c.member.name }));
      bar.style.transform = `translate(${left + mark.offsetLeft}px, ${top + y}px)`;
      bar.style.height = `${height}px`;
      bars.push(bar);
    }
    layer.replaceChildren(...bars);
  }

  /** The people in the draft now, as named chips in their caret colours. */
  let editorsKey = '';
  function renderEditors(shown) {
    const seen = new Map();
    for (const c of shown) if (!seen.has(c.member.id)) seen.set(c.member.id, c);
    const key = [...seen.values()].map((c) => `${c.member.id}:${c.member.name}`).sort().join('|');
    if (key === editorsKey) return;
    editorsKey = key;
    editors.replaceChildren(...[...seen.values()]
      .sort((a, b) => a.member.name.localeCompare(b.member.name))
      .map((c) => h('li', { class: `editor-chip tint-${c.hue}`, 'data-testid': 'draft-editor' },
        h('span', { class: 'editor-dot', 'aria-hidden': 'true' }), c.member.name)));
    editors.hidden = seen.size === 0;
  }

  return { receive };
}
