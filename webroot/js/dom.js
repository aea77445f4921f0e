// Tiny DOM helpers. User text (names, titles) only ever becomes text nodes or attribute values,
// never markup.

/**
 * Creates an element. props: class, text, dataset, on<event> listeners, boolean attributes (true
 * sets, false/null skips), anything else as an attribute. Children: nodes or strings (as text).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces all children of el. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

/** Unique enough ids for label/aria wiring. */
let counter = 0;
export function uid(prefix = 'c') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** "only facilitators may x" → "Only facilitators may x." */
export function sentence(text) {
  const s = String(text ?? '').trim();
  if (!s) return s;
  const first = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

/** Runs render(), then gives focus back to the element with the same data-testid (and data-id) inside container. */
export function keepFocus(container, render) {
  const active = document.activeElement;
  const had = active && container.contains(active) && active !== container ? active : null;
  const testid = had?.dataset?.testid;
  const id = had?.closest('[data-id]')?.dataset.id;
  render();
  if (!had || had.isConnected || !testid) return;
  const scope = id ? container.querySelector(`[data-id="${CSS.escape(id)}"]`) : container;
  scope?.querySelector(`[data-testid="${CSS.escape(testid)}"]`)?.focus();
}
