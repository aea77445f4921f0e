// Who is in the room: online first, each with a role badge and online state. You rename
// yourself here; facilitators change other members' roles here. Rows are kept by member id and
// only rebuilt when what they show changed, so focus and open editors survive live updates.
// Demoting a facilitator asks first (a single arrow key in the role menu would otherwise do it),
// and the board says so when someone's role changes ("Ana made you a facilitator"). Facilitators
// remove a member from the room here too, after a question; their boards close at once.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { MAX_NAME, changeRole, removeMember, renameMember } from '../membership/commands.js';
import { facilitatorCount, isFacilitator, membersInOrder, onlineCount } from '../membership/selectors.js';
import { ROLES, roleBadge, roleLabel } from './role-badge.js';
import { commandFailed, toast } from './toast.js';
import { rememberName } from '../memberships.js';
import { hueOf } from '../membership/colors.js';
import { initials } from '../membership/initials.js';

/** How many faces the collapsed member row shows before "+N". */
const AVATARS_SHOWN = 6;

/** The confirmation a row shows while a facilitator decides whether to remove that member. */
const REMOVE = 'remove';

function article(role) {
  return /^[aeiou]/i.test(roleLabel(role)) ? 'an' : 'a';
}

/**
 * list, count: the member list and its "2 of 3 online"; panel, toggle, avatars: on narrow screens
 * the list folds away behind a row of faces (the toggle, with aria-expanded) that opens it.
 */
export function mountMembers({ store, connection, list, count, panel, toggle, avatars }) {
  const rows = new Map(); // memberId → {li, signature, editing}
  let loading = null;
  let avatarsSignature = null;

  function setExpanded(expanded) {
    if (!panel || !toggle) return;
    panel.dataset.expanded = String(expanded);
    toggle.setAttribute('aria-expanded', String(expanded));
    toggle.querySelector('.members-toggle-label').textContent = expanded ? 'Hide list' : 'Show all';
  }
  toggle?.addEventListener('click', () => setExpanded(panel.dataset.expanded !== 'true'));
  setExpanded(false);

  /** The folded member row: a face per member, online first, then "+N". */
  function renderAvatars(state, ordered) {
    if (!avatars) return;
    const shown = ordered.slice(0, AVATARS_SHOWN);
    const sig = shown.map((m) => [m.id, m.name, state.online.has(m.id)].join('\u0001')).join('\u0002') + ordered.length;
    if (sig === avatarsSignature) return;
    avatarsSignature = sig;
    const more = ordered.length - shown.length;
    const faces = shown.map((m) => h('span', {
      class: `avatar avatar-s hue-${hueOf(m.id)}`, 'data-testid': 'member-avatar', title: m.name,
      dataset: { online: String(state.online.has(m.id)) },
    }, initials(m.name)));
    if (more > 0) faces.push(h('span', { class: 'avatar avatar-s avatar-more', text: `+${more}` }));
    avatars.replaceChildren(...faces);
  }

  function signature(state, member) {
    const mine = member.id === state.me;
    const facilitator = isFacilitator(state);
    const canChange = facilitator && (!mine || facilitatorCount(state) > 1);
    const confirming = rows.get(member.id)?.confirm ?? '';
    return [member.name, member.role, state.online.has(member.id), mine, canChange, confirming].join('\u0001');
  }

  function buildRow(state, member, row) {
    const mine = member.id === state.me;
    const online = state.online.has(member.id);
    const facilitator = isFacilitator(state);
    const canChange = facilitator && (!mine || facilitatorCount(state) > 1);
    const li = row.li;
    li.dataset.memberId = member.id;
    li.dataset.online = String(online);
    li.dataset.role = member.role;
    li.dataset.me = String(mine);

    const avatar = h('span', { class: `avatar hue-${hueOf(member.id)}`, 'aria-hidden': 'true' },
      initials(member.name), h('span', { class: 'presence-dot' }));

    const name = h('span', { class: 'member-name', 'data-testid': 'member-name', text: member.name, title: member.name });
    const nameRow = h('div', { class: 'member-name-row' }, name, mine ? h('span', { class: 'member-you', text: '(you)' }) : null);

    const roleControl = canChange ? roleSelect(member) : roleBadge(member.role);
    const presence = h('span', { class: 'presence-text', 'data-testid': 'member-presence', text: online ? 'Online' : 'Offline' });
    const meta = h('div', { class: 'member-meta' }, roleControl, h('span', { 'aria-hidden': 'true', text: '·' }), presence);

    const removable = facilitator && !mine;
    const actions = h('div', { class: 'member-actions' },
      mine ? h('button', {
        type: 'button', class: 'btn btn-quiet btn-icon', 'data-testid': 'rename-self',
        'aria-label': 'Change your name', title: 'Change your name', onclick: () => startRename(member),
      }, icon('pencil', 'icon-s')) : null,
      removable ? h('button', {
        type: 'button', class: 'btn btn-quiet btn-icon', 'data-testid': 'remove-member',
        'aria-label': `Remove ${member.name} from the room`, title: `Remove ${member.name} from the room`,
        onclick: () => askToRemove(member),
      }, icon('x', 'icon-s')) : null);

    li.replaceChildren(avatar, h('div', { class: 'member-main' }, nameRow, meta), actions);
    if (row.confirm === REMOVE && removable) li.append(removeConfirm(member));
    else if (row.confirm && row.confirm !== REMOVE && canChange && member.role === 'facilitator') li.append(demoteConfirm(member, row.confirm, mine));
    else row.confirm = null;
  }

  function askToRemove(member) {
    const row = rows.get(member.id);
    if (!row) return;
    row.confirm = REMOVE;
    row.signature = null;
    render(store.getState());
  }

  /** "Remove Ben from the room?" with the two answers; Escape keeps them. */
  function removeConfirm(member) {
    return confirmInRow(member, {
      testid: 'remove', label: `Confirm removing ${member.name}`, focusBack: 'remove-member',
      question: `Remove ${member.name} from the room? Their boards close at once and their link stops `
        + 'working. To keep them out, also make a new room link (Invite).',
      yes: `Yes, remove ${member.name}`, yesClass: 'btn-danger', no: 'Keep them',
      // On success the row goes away with the member; only a refusal brings the row back.
      act: () => removeMember(connection, member.id), failed: `remove ${member.name}`, keepAfter: false,
    });
  }

  /** "Make Ben a participant?" with the two answers; Escape keeps the role. */
  function demoteConfirm(member, wanted, mine) {
    const role = `${article(wanted)} ${roleLabel(wanted).toLowerCase()}`;
    return confirmInRow(member, {
      testid: 'demote', label: 'Confirm the role change', focusBack: 'role-select',
      question: `${mine ? 'Stop facilitating yourself' : `Make ${member.name} ${role}`}? `
        + `${mine ? 'You' : 'They'} will no longer run the meeting.`,
      yes: mine ? `Yes, make me ${role}` : `Yes, make ${role}`, yesClass: 'btn-primary', no: 'Keep facilitator',
      act: () => changeRole(connection, member.id, wanted), failed: `change ${member.name}'s role`, keepAfter: true,
    });
  }

  /**
   * A question in a member's row with a yes and a no (focused first); Escape or "no" closes it and
   * puts focus back on {@code focusBack}. Test ids are {@code <testid>-confirmation}, {@code -confirm}
   * and {@code -cancel}.
   */
  function confirmInRow(member, { testid, label, focusBack, question, yes: yesText, yesClass, no: noText, act, failed, keepAfter }) {
    const keep = () => {
      const row = rows.get(member.id);
      if (!row) return;
      row.confirm = null;
      row.signature = null;
      render(store.getState());
      row.li.querySelector(`[data-testid="${focusBack}"]`)?.focus();
    };
    const yes = h('button', {
      type: 'button', class: `btn btn-small ${yesClass}`, 'data-testid': `${testid}-confirm`,
      onclick: async () => {
        yes.disabled = true;
        try {
          await act();
          if (keepAfter) keep();
        } catch (err) {
          commandFailed(failed, err);
          keep();
        }
      },
    }, yesText);
    const no = h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': `${testid}-cancel`, onclick: keep },
      noText);
    const box = h('div', { class: 'member-confirm', role: 'group', 'aria-label': label, 'data-testid': `${testid}-confirmation` },
      h('p', { class: 'hint', text: question }),
      h('div', { class: 'member-edit-actions' }, yes, no));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        keep();
      }
    });
    queueMicrotask(() => { if (yes.isConnected) no.focus(); });
    return box;
  }

  function roleSelect(member) {
    const id = `role-${member.id}`;
    const select = h('select', { class: 'select role-select', id, 'data-testid': 'role-select', dataset: { role: member.role } },
      ROLES.map((role) => h('option', { value: role, selected: role === member.role }, roleLabel(role))));
    select.value = member.role;
    select.addEventListener('change', async () => {
      const wanted = select.value;
      if (member.role === 'facilitator' && wanted !== 'facilitator') {
        // Taking someone's facilitation away is asked about first.
        select.value = member.role;
        const row = rows.get(member.id);
        if (row) {
          row.confirm = wanted;
          row.signature = null;
          render(store.getState());
        }
        return;
      }
      select.disabled = true;
      try {
        await changeRole(connection, member.id, wanted);
      } catch (err) {
        const now = store.getState().room?.members[member.id];
        select.value = now?.role ?? member.role;
        commandFailed(`change ${member.name}'s role`, err);
      } finally {
        if (select.isConnected) select.disabled = false;
        // The disabled select lost focus and the row may have been rebuilt: focus its role menu again.
        if (document.activeElement === document.body || !document.activeElement) {
          rows.get(member.id)?.li.querySelector('[data-testid="role-select"]')?.focus();
        }
      }
    });
    return h('span', {},
      h('label', { class: 'visually-hidden', for: id, text: `Role of ${member.name}` }), select);
  }

  function startRename(member) {
    const row = rows.get(member.id);
    if (!row) return;
    row.editing = true;
    const inputId = 'rename-self-input';
    const input = h('input', {
      class: 'input', id: inputId, type: 'text', maxlength: MAX_NAME, required: true, value: member.name,
      autocomplete: 'nickname', 'data-testid': 'rename-self-input',
    });
    const save = h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'rename-self-save' }, 'Save');
    const cancel = h('button', { type: 'button', class: 'btn btn-quiet btn-small', onclick: () => stopRename(member.id) }, 'Cancel');
    const form = h('form', { class: 'member-edit' },
      h('label', { class: 'label', for: inputId, text: 'Your name' }), input,
      h('div', { class: 'member-edit-actions' }, save, cancel));
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        stopRename(member.id);
      }
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = input.value.trim();
      if (!value) {
        input.focus();
        return;
      }
      if (value === store.getState().room?.members[member.id]?.name) {
        stopRename(member.id);
        return;
      }
      input.disabled = save.disabled = true;
      try {
        await renameMember(connection, value);
        rememberName(value);
        stopRename(member.id);
      } catch (err) {
        commandFailed('change your name', err);
        input.disabled = save.disabled = false;
        input.focus();
      }
    });
    const avatar = row.li.querySelector('.avatar');
    row.li.replaceChildren(avatar, form);
    input.focus();
    input.select();
  }

  function stopRename(memberId) {
    const row = rows.get(memberId);
    if (!row) return;
    row.editing = false;
    row.signature = null;
    render(store.getState());
    row.li.querySelector('[data-testid="rename-self"]')?.focus();
  }

  function render(state) {
    const live = state.connection.state === 'live';
    // While disconnected, who is online is only what we last heard: say so, and fade it.
    list.dataset.stale = String(!live);
    if (!state.room) {
      const text = state.connection.state === 'offline' ? 'Not connected.' : 'Loading members…';
      if (!loading) {
        loading = h('li', { class: 'empty' });
        list.replaceChildren(loading);
      }
      loading.textContent = text;
      count.textContent = '';
      return;
    }
    loading?.remove();
    loading = null;

    const ordered = membersInOrder(state);
    const seen = new Set();
    for (const member of ordered) {
      seen.add(member.id);
      let row = rows.get(member.id);
      if (!row) {
        row = { li: h('li', { class: 'member', 'data-testid': 'member' }), signature: null, editing: false, confirm: null };
        rows.set(member.id, row);
      }
      const sig = signature(state, member);
      if (row.editing) {
        row.li.dataset.online = String(state.online.has(member.id));
        continue;
      }
      if (sig !== row.signature) {
        const hadFocus = row.li.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
        buildRow(state, member, row);
        row.signature = sig;
        if (hadFocus) row.li.querySelector(`[data-testid="${hadFocus}"]`)?.focus();
      }
    }
    for (const [id, row] of rows) {
      if (!seen.has(id)) {
        row.li.remove();
        rows.delete(id);
      }
    }
    // Reorder only when the order changed; moving nodes can drop focus, so put it back.
    const wanted = ordered.map((m) => rows.get(m.id).li);
    const inPlace = wanted.length === list.children.length && wanted.every((li, i) => list.children[i] === li);
    if (!inPlace) {
      const active = document.activeElement;
      list.append(...wanted);
      if (active && active !== document.activeElement && list.contains(active)) active.focus();
    }

    renderAvatars(state, ordered);
    const online = onlineCount(state);
    const total = ordered.length;
    count.textContent = live ? `${online} of ${total} online` : `${total} member${total === 1 ? '' : 's'} · last known`;
  }

  // Say who changed whose role, to everyone: "Ana made you a facilitator", "Ana made Ben an observer".
  store.onApplied((steps, state) => {
    for (const step of steps) {
      const frame = step.frame;
      if (step.type === 'event' && frame.event?.type === 'member.removed' && frame.event.memberId !== state.me) {
        const by = frame.by === state.me ? 'You' : state.room?.members[frame.by]?.name ?? 'A facilitator';
        toast(`${by} removed ${state.room?.members[frame.event.memberId]?.name ?? 'a member'} from the room.`, { timeout: 8000 });
        continue;
      }
      if (step.type !== 'event' || frame.event?.type !== 'member.role_changed' || frame.by === state.me) continue;
      const by = state.room?.members[frame.by]?.name ?? 'A facilitator';
      const whom = frame.event.memberId === state.me ? 'you' : state.room?.members[frame.event.memberId]?.name ?? 'someone';
      const role = frame.event.role;
      toast(`${by} made ${whom} ${article(role)} ${roleLabel(role).toLowerCase()}.`, {
        kind: frame.event.memberId === state.me ? 'ok' : 'info', timeout: 8000,
      });
    }
  });

  store.subscribe((state, prev) => {
    if (state.room !== prev.room || state.online !== prev.online || state.me !== prev.me
      || state.connection.state !== prev.connection.state) render(state);
  });
  render(store.getState());
}
