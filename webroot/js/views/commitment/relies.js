// "Who relies on whom": for each member, what they do for or with others, and what others do for
// or with them, from the open commitments.

import { h } from '../../dom.js';
import { partyName, reliesOn } from '../../commitment/selectors.js';

export function renderRelies(ctx) {
  const rows = reliesOn(ctx.part, ctx.members);
  if (!rows.length) {
    return h('p', { class: 'hint', 'data-testid': 'relies-empty', text: 'No open commitment is for or with anyone else yet.' });
  }
  return h('ul', { class: 'cm-relies', 'data-testid': 'relies' }, rows.map((row) => h('li', {
    class: 'cm-relies-member', 'data-testid': 'relies-member', 'data-member-id': row.memberId,
  },
  h('h4', { class: 'cm-relies-name', text: row.name }),
  h('div', { class: 'cm-relies-cols' },
    h('div', {},
      h('p', { class: 'cm-line-label', text: 'Does for or with others' }),
      row.gives.length ? h('ul', { class: 'cm-relies-list', 'data-testid': 'relies-gives' }, row.gives.map((g) => h('li', {},
        h('span', { class: 'cm-relies-what', text: g.commitment.what }), ' — ',
        g.parties.map((p, i) => [i ? ', ' : null, `${p.relation} `, h('span', { text: partyName(p, ctx.members) })]))))
        : h('p', { class: 'hint', text: 'Nothing yet.' })),
    h('div', {},
      h('p', { class: 'cm-line-label', text: 'Others do for or with them' }),
      row.gets.length ? h('ul', { class: 'cm-relies-list', 'data-testid': 'relies-gets' }, row.gets.map((g) => h('li', {},
        h('span', { text: ctx.members[g.ownerId]?.name ?? 'Someone' }), `: `,
        h('span', { class: 'cm-relies-what', text: g.commitment.what }), ` (${g.relation} them)`)))
        : h('p', { class: 'hint', text: 'Nothing yet.' }))))));
}
