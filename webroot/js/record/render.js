// Renders a record's blocks (GET /api/rooms/{id}/record/blocks) into the page. Every string the
// server sends is a member's plain text: it only ever becomes a text node, never markup.

import { h, replaceChildren } from '../dom.js';

/** One block: {type: heading | paragraph | list | table, ...} → an element (null for an unknown type). */
export function renderBlock(block) {
  switch (block?.type) {
    case 'heading':
      return h('h3', { class: 'record-heading', text: block.text });
    case 'paragraph':
      return h('p', { class: 'record-paragraph', text: block.text });
    case 'list':
      return h('ul', { class: 'record-list' }, (block.items ?? []).map((item) => h('li', { text: item })));
    case 'table':
      return h('div', { class: 'record-table-wrap' },
        h('table', { class: 'record-table' },
          h('thead', {}, h('tr', {}, (block.columns ?? []).map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, (block.rows ?? []).map((row) => h('tr', {}, row.map((cell) => h('td', { text: cell })))))));
    default:
      return null;
  }
}

/** The whole record: its heading, what it covers, then each module's section under its title. */
export function renderRecord(sheet, record) {
  const sections = (record.sections ?? []).map((section) => h('section', {
    class: 'record-section',
    'data-testid': 'record-section',
    'data-key': section.key,
  }, h('h2', { class: 'record-section-title', text: section.title }), section.blocks.map(renderBlock)));
  replaceChildren(sheet,
    h('header', { class: 'record-header' },
      h('p', { class: 'record-eyebrow', text: 'Cairn' }),
      h('h1', { class: 'record-title', 'data-testid': 'record-title', text: record.heading }),
      h('p', { class: 'record-summary', 'data-testid': 'record-summary', text: record.summary })),
    sections);
}

/** "Meeting 2 · 2 Dec 2026, 09:40" for the span picker. */
export function meetingLabel(meeting, locale) {
  const when = new Date(meeting.startedAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return `Meeting ${meeting.number} · ${when}${meeting.endedAt == null ? ' (running)' : ''}`;
}

/** The file name a Content-Disposition header gives, or the fallback. */
export function fileNameFrom(disposition, fallback) {
  const match = /filename="([A-Za-z0-9._-]+)"/.exec(disposition ?? '');
  return match ? match[1] : fallback;
}
