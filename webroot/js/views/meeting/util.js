// Small helpers the meeting views share.

import { commandFailed } from '../toast.js';

/** Runs a command; a refusal becomes a toast ("Couldn't pause the timer: …"). Never rejects. */
export function act(what, promise) {
  return promise.catch((err) => commandFailed(what, err));
}

export function memberName(state, id) {
  return state.room?.members?.[id]?.name ?? 'someone';
}

const SVG = 'http://www.w3.org/2000/svg';

/** A bell, struck through when muted (the sound toggle), drawn like the board's other icons. */
export function bellIcon(muted) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon icon-s');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const paths = ['M6 9a6 6 0 0 1 12 0c0 6 2.5 8 2.5 8h-17S6 15 6 9z', 'M10 20.5a2 2 0 0 0 4 0'];
  if (muted) paths.push('M3 3l18 18');
  for (const d of paths) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

const AUTO_KEY = 'cairn.meeting.autotimer';

/** Whether moving to a segment starts its timebox by itself (this facilitator's choice, on by default). */
export function autoTimer() {
  try {
    return localStorage.getItem(AUTO_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setAutoTimer(on) {
  try {
    localStorage.setItem(AUTO_KEY, on ? 'on' : 'off');
  } catch {
    // private mode: the default stays
  }
}
