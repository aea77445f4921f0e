// The empty frame of the board: one labelled panel per feature, filled by feature modules later.
// Each panel is a <section id="panel-<feature>"> with a [data-slot] body for its feature to render into.

import { icon } from '../icons.js';

export function mountPanels(board) {
  for (const el of board.querySelectorAll('[data-icon]')) el.replaceChildren(icon(el.dataset.icon));
}

/** The element a feature renders into, e.g. slot('purpose'). */
export function slot(board, feature) {
  return board.querySelector(`[data-slot="${feature}"]`);
}
