// The small label that says what a member may do.

import { h } from '../dom.js';

export const ROLES = ['facilitator', 'participant', 'observer'];

export const ROLE_LABELS = {
  facilitator: 'Facilitator',
  participant: 'Participant',
  observer: 'Observer',
};

export function roleLabel(role) {
  return ROLE_LABELS[role] ?? 'Member';
}

export function roleBadge(role) {
  const known = ROLES.includes(role) ? role : 'participant';
  return h('span', { class: `role-badge role-${known}`, 'data-testid': 'role-badge', text: roleLabel(role) });
}
