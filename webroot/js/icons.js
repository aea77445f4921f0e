// Line icons drawn on a 24×24 grid; always decorative (aria-hidden), the text beside them speaks.

const SVG = 'http://www.w3.org/2000/svg';

const SHAPES = {
  pencil: [['path', 'M4 20h4L19 9l-4-4L4 16v4z'], ['path', 'M13.5 6.5l4 4']],
  copy: [['rect', { x: 9, y: 9, width: 11, height: 11, rx: 2 }], ['path', 'M5 15V6a2 2 0 0 1 2-2h9']],
  check: [['path', 'M5 12.5l4.5 4.5L19 7']],
  x: [['path', 'M6 6l12 12M18 6L6 18']],
  share: [['path', 'M4 13v6a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-6'], ['path', 'M12 3v13'], ['path', 'M7 8l5-5 5 5']],
  link: [['path', 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1'],
    ['path', 'M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1']],
  users: [['circle', { cx: 9, cy: 8, r: 4 }], ['path', 'M2 21a7 7 0 0 1 14 0'],
    ['path', 'M16 4.2a4 4 0 0 1 0 7.6'], ['path', 'M22 21a7 7 0 0 0-4-6.3']],
  purpose: [['circle', { cx: 12, cy: 12, r: 9 }], ['circle', { cx: 12, cy: 12, r: 5 }],
    ['circle', { cx: 12, cy: 12, r: 1 }]],
  decisions: [['path', 'M9 11l3 3 8-8'], ['path', 'M20 12v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11']],
  commitments: [['path', 'M3 6l1.5 1.5L7 5'], ['path', 'M3 12l1.5 1.5L7 11'], ['path', 'M3 18l1.5 1.5L7 17'],
    ['path', 'M11 6h10M11 12h10M11 18h10']],
  agenda: [['circle', { cx: 12, cy: 12, r: 9 }], ['path', 'M12 7v5l3 2']],
  queue: [['rect', { x: 9, y: 3, width: 6, height: 11, rx: 3 }], ['path', 'M5 11a7 7 0 0 0 14 0'], ['path', 'M12 18v3']],
  eye: [['path', 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z'], ['circle', { cx: 12, cy: 12, r: 3 }]],
  arrowRight: [['path', 'M5 12h14M13 6l6 6-6 6']],
  refresh: [['path', 'M20 11a8 8 0 1 0-2.3 5.7'], ['path', 'M20 4v7h-7']],
  offline: [['path', 'M3 3l18 18'], ['path', 'M8.5 16.5a5 5 0 0 1 7 0'], ['path', 'M5 12.9a10 10 0 0 1 5-2.8'],
    ['path', 'M19 12.9a10 10 0 0 0-2.4-1.6'], ['path', 'M12 20h.01']],
  alert: [['circle', { cx: 12, cy: 12, r: 9 }], ['path', 'M12 8v5'], ['path', 'M12 16.5h.01']],
  lock: [['rect', { x: 5, y: 11, width: 14, height: 10, rx: 2 }], ['path', 'M8 11V7a4 4 0 0 1 8 0v4']],
  star: [['path', 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1L3.2 9.5l6.1-.9z']],
  unlock: [['rect', { x: 5, y: 11, width: 14, height: 10, rx: 2 }], ['path', 'M8 11V7a4 4 0 0 1 7.7-1.5']],
  history: [['path', 'M3 12a9 9 0 1 0 2.6-6.4L3 8'], ['path', 'M3 3v5h5'], ['path', 'M12 7v5l3 2']],
  up: [['path', 'M12 19V5M6 11l6-6 6 6']],
  down: [['path', 'M12 5v14M6 13l6 6 6-6']],
  plus: [['path', 'M12 5v14M5 12h14']],
  trash: [['path', 'M4 7h16'], ['path', 'M10 11v6M14 11v6'], ['path', 'M6 7l1 13h10l1-13'], ['path', 'M9 7V4h6v3']],
  flag: [['path', 'M5 21V4'], ['path', 'M5 4h11l-2 4 2 4H5']],
  authors: [['path', 'M4 20h4L19 9l-4-4L4 16v4z'], ['path', 'M14 20h6']],
};

export function icon(name, extraClass = '') {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon ${extraClass}`.trim());
  for (const [tag, attrs] of SHAPES[name] ?? []) {
    const shape = document.createElementNS(SVG, tag);
    if (typeof attrs === 'string') shape.setAttribute('d', attrs);
    else for (const [k, v] of Object.entries(attrs)) shape.setAttribute(k, String(v));
    svg.append(shape);
  }
  return svg;
}
