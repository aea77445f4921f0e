// The board's spoken notices: changes that matter to someone who cannot see the screen change,
// said through one polite live region (role=status). The panels announce their own moments (time
// up, who has the floor, a decision made); this says the room-wide ones: a vote was opened, your
// role changed.

import { roleLabel } from './role-badge.js';

function article(role) {
  return /^[aeiou]/i.test(roleLabel(role)) ? 'an' : 'a';
}

const WHAT_ROLE_MEANS = {
  facilitator: 'you can run the meeting',
  participant: 'you can take part and change the board',
  observer: 'you can watch but not change the board',
};

/** The sentence for one applied event frame, or null when it is not worth saying. */
export function announcementFor(frame, state) {
  const event = frame?.event;
  if (!event) return null;
  const name = (id) => state.room?.members?.[id]?.name ?? 'Someone';
  if (event.type === 'decision.proposed') {
    const question = event.proposal?.question ?? '';
    const by = frame.by === state.me ? 'You' : name(frame.by);
    return `${by} opened a vote: ${question}`.trim();
  }
  if (event.type === 'member.role_changed' && event.memberId === state.me) {
    const role = event.role;
    const by = frame.by === state.me ? 'You' : name(frame.by);
    const whom = frame.by === state.me ? 'yourself' : 'you';
    const means = WHAT_ROLE_MEANS[role] ? `: ${WHAT_ROLE_MEANS[role]}` : '';
    return `${by} made ${whom} ${article(role)} ${roleLabel(role).toLowerCase()}${means}.`;
  }
  return null;
}

/** region: the live region element; says each new notice by replacing its text. */
export function mountAnnouncer({ store, region }) {
  store.onApplied((steps, state) => {
    for (const step of steps) {
      if (step.type !== 'event') continue;
      const text = announcementFor(step.frame, state);
      if (text) region.textContent = text;
    }
  });
}
