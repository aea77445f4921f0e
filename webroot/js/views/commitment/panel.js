// The Commitments panel: the commitments review (while its segment is current), hand-overs offered
// to me, needs waiting for an owner (post one, claim one), and the room's commitments by status,
// by member, or as who relies on whom, with due-soon and overdue computed from the server-corrected
// clock (connection.serverNow()), redrawn every minute. Member text only ever becomes text nodes.

import { h, keepFocus, replaceChildren, sentence, uid } from '../../dom.js';
import { icon } from '../../icons.js';
import { canEdit, me as meOf, membersInOrder } from '../../membership/selectors.js';
import * as commands from '../../commitment/commands.js';
import { byMember, byStatus, commitmentOf, offersTo } from '../../commitment/selectors.js';
import { timeAgo } from '../../time.js';
import { commandFailed, toast } from '../toast.js';
import { avatar, commitmentCard } from './item.js';
import { commitmentForm } from './form.js';
import { renderReview } from './review.js';
import { renderRelies } from './relies.js';

const VIEWS = [
  { id: 'status', label: 'By status' },
  { id: 'member', label: 'By member' },
  { id: 'relies', label: 'Who relies on whom' },
];
const REDRAW_MS = 60_000;

export function mountCommitments({ store, connection, slot }) {
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-testid': 'commitments-announcer' });
  const reviewBox = h('div', { class: 'cm-review-slot' });
  const offersBox = h('div', { class: 'cm-offers-slot' });
  const needsBox = h('section', { class: 'cm-needs', 'aria-labelledby': 'cm-needs-title', 'data-testid': 'needs' });
  const listBox = h('section', { class: 'cm-commitments', 'aria-labelledby': 'cm-list-title', 'data-testid': 'commitments' });
  slot.replaceChildren(h('div', { class: 'cm-layout' }, announcer, reviewBox, offersBox, needsBox, listBox));

  const ui = { view: 'status', busy: false, creating: null, forms: new Map() };
  const state = () => store.getState();
  const bound = Object.fromEntries(Object.entries(commands).filter(([, f]) => typeof f === 'function')
    .map(([name, f]) => [name, (...args) => f(connection, ...args)]));

  /** Runs a command; closes the inline form `closeKey` when it succeeds. A refusal's message goes to a toast (and back to the form). */
  async function act(what, send, closeKey = null) {
    ui.busy = true;
    render();
    try {
      await send(bound);
      if (closeKey) ui.forms.delete(closeKey);
      return true;
    } catch (err) {
      if (err?.code === 'conflict' || err?.code === 'invalid' || err?.code === 'forbidden' || err?.code === 'not_found') {
        toast(sentence(err.message || `Could not ${what}.`), { kind: 'error' });
        return sentence(err.message || `Could not ${what}.`);
      }
      commandFailed(what, err);
      return null;
    } finally {
      ui.busy = false;
      render();
    }
  }

  function open(key, make) {
    if (ui.forms.has(key)) {
      ui.forms.delete(key);
      render();
      return;
    }
    const form = make();
    ui.forms.set(key, form);
    render();
    form.focusFirst?.();
  }

  function close(key) {
    ui.forms.delete(key);
    render();
  }

  const targetsOf = (s) => s.room?.purpose?.targets ?? [];

  function editForm(c, done) {
    const s = state();
    return commitmentForm({
      members: membersInOrder(s),
      targets: targetsOf(s),
      initial: c,
      ownerId: c.ownerId,
      testid: 'commitment-edit-form',
      onCancel: done,
      onSubmit: (fields) => act('save the commitment', (cmd) => cmd.editWithPlan(c, fields), `${c.commitmentId}:edit`),
    });
  }

  function context(s) {
    return {
      state: s,
      part: commitmentOf(s.room),
      me: meOf(s),
      members: s.room?.members ?? {},
      targets: targetsOf(s),
      now: connection.serverNow(),
      busy: ui.busy,
      forms: ui.forms,
      open,
      close,
      act,
      editForm,
    };
  }

  // ---- needs -----------------------------------------------------------------------------------

  const needInputId = uid('cm-need');
  const needInput = h('input', { class: 'input', id: needInputId, maxlength: commands.WHAT_MAX, 'data-testid': 'need-input',
    placeholder: 'e.g. Someone to book the hall for the assembly' });
  const needForm = h('form', { class: 'cm-need-form', 'data-testid': 'need-form' },
    h('label', { class: 'label', for: needInputId, text: 'Post a need: something that must be done, with no owner yet' }),
    h('div', { class: 'cm-need-row' }, needInput,
      h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'need-post' }, icon('plus', 'icon-s'), 'Post need')));
  needForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const what = needInput.value.trim();
    if (!what) {
      needInput.focus();
      return;
    }
    const ok = await act('post the need', (cmd) => cmd.postNeed(what));
    if (ok === true) {
      needInput.value = '';
      announcer.textContent = 'Need posted.';
    }
  });

  function renderNeeds(ctx) {
    const editor = canEdit(ctx.state);
    const needs = ctx.part.needs;
    const list = needs.length ? h('ul', { class: 'cm-need-list', 'aria-label': 'Needs waiting for an owner' }, needs.map((n) => {
      const poster = ctx.members[n.postedBy]?.name ?? 'Someone';
      const mayWithdraw = editor && (n.postedBy === ctx.me?.id || ctx.me?.role === 'facilitator');
      return h('li', { class: 'cm-need', 'data-testid': 'need', 'data-id': n.needId },
        h('div', { class: 'cm-need-main' },
          h('p', { class: 'cm-what', 'data-testid': 'need-what', text: n.what }),
          h('p', { class: 'hint' }, `Posted by ${poster} · `, timeAgo(h, n.postedAt))),
        h('div', { class: 'cm-actions' },
          editor ? h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'need-claim', disabled: ctx.busy,
            'aria-label': `Claim: ${n.what}`,
            onclick: async () => {
              if (await act('claim the need', (cmd) => cmd.claim(n.needId)) === true) announcer.textContent = `You claimed: ${n.what}. It is your commitment now.`;
            } }, 'Claim') : null,
          mayWithdraw ? h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'need-withdraw', disabled: ctx.busy,
            'aria-label': `Withdraw: ${n.what}`, onclick: () => act('withdraw the need', (cmd) => cmd.withdrawNeed(n.needId)) }, 'Withdraw') : null));
    })) : h('p', { class: 'hint', 'data-testid': 'needs-empty', text: 'No needs are waiting for an owner.' });
    replaceChildren(needsBox,
      h('h3', { class: 'cm-section-title', id: 'cm-needs-title' }, 'Needs', h('span', { class: 'cm-count', 'data-testid': 'needs-count', text: ` ${needs.length}` })),
      list, editor ? needForm : null);
  }

  // ---- offers to me ------------------------------------------------------------------------------

  function renderOffers(ctx) {
    const offers = ctx.me ? offersTo(ctx.part, ctx.me.id) : [];
    if (!offers.length) return null;
    return h('section', { class: 'cm-offers', 'aria-labelledby': 'cm-offers-title', 'data-testid': 'handover-offers' },
      h('h3', { class: 'cm-section-title', id: 'cm-offers-title', text: 'Offered to you' }),
      h('ul', { class: 'cm-list' }, offers.map((c) => commitmentCard(ctx, c))));
  }

  // ---- the commitments ---------------------------------------------------------------------------

  function newForm(s) {
    return commitmentForm({
      members: membersInOrder(s),
      targets: targetsOf(s),
      ownerId: s.me,
      onCancel: () => {
        ui.creating = null;
        render();
        newButton.focus();
      },
      onSubmit: async (fields) => {
        const ok = await act('make the commitment', (cmd) => cmd.makeWithPlan(fields));
        if (ok === true) {
          ui.creating = null;
          announcer.textContent = 'Commitment made.';
          render();
          newButton.focus();
        }
        return ok;
      },
    });
  }

  const newButton = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'commitment-new', 'aria-expanded': 'false',
    onclick: () => {
      ui.creating = ui.creating ? null : newForm(state());
      render();
      ui.creating?.focusFirst();
    } }, icon('plus', 'icon-s'), 'New commitment');

  function viewSwitch() {
    return h('div', { class: 'cm-views', role: 'group', 'aria-label': 'Show commitments' }, VIEWS.map((v) => h('button', {
      type: 'button', class: `btn btn-small cm-view${ui.view === v.id ? ' cm-view-on' : ''}`, 'aria-pressed': String(ui.view === v.id),
      'data-testid': `commitments-view-${v.id}`,
      onclick: () => {
        ui.view = v.id;
        render();
      },
    }, v.label)));
  }

  function renderList(ctx) {
    const all = ctx.part.commitments;
    let body;
    if (!all.length) {
      body = h('p', { class: 'hint', 'data-testid': 'commitments-empty', text: 'No commitments yet. Claim a need, or make one: what you will do, for or with whom, and by when.' });
    } else if (ui.view === 'relies') {
      body = renderRelies(ctx);
    } else if (ui.view === 'member') {
      body = byMember(ctx.part, ctx.members).map((g) => h('section', { class: 'cm-group', 'data-testid': 'commitments-group', 'data-member-id': g.ownerId },
        h('h4', { class: 'cm-group-title' }, avatar(g.ownerId, g.name), h('span', { text: g.name }), h('span', { class: 'hint', text: ` · ${g.open} open` })),
        h('ul', { class: 'cm-list' }, g.items.map((c) => commitmentCard(ctx, c)))));
    } else {
      body = byStatus(ctx.part).map((g) => h('section', { class: 'cm-group', 'data-testid': 'commitments-group', 'data-status': g.status },
        h('h4', { class: 'cm-group-title', text: `${g.label} (${g.items.length})` }),
        h('ul', { class: 'cm-list' }, g.items.map((c) => commitmentCard(ctx, c)))));
    }
    newButton.setAttribute('aria-expanded', String(!!ui.creating));
    newButton.disabled = ui.busy;
    replaceChildren(listBox,
      h('div', { class: 'section-head cm-list-head' },
        h('h3', { class: 'cm-section-title', id: 'cm-list-title' }, 'Commitments', h('span', { class: 'cm-count', 'data-testid': 'commitments-count', text: ` ${all.length}` })),
        canEdit(ctx.state) ? newButton : null),
      ui.creating, all.length ? viewSwitch() : null, body);
  }

  function render() {
    const s = state();
    if (!s.room) return;
    const ctx = context(s);
    // Forms and inputs that outlive a render are moved into the new markup, which takes the
    // focus off them: give it back, with the caret where it was.
    const active = slot.contains(document.activeElement) ? document.activeElement : null;
    const selection = active && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
    keepFocus(slot, () => {
      replaceChildren(reviewBox, renderReview(ctx));
      replaceChildren(offersBox, renderOffers(ctx));
      renderNeeds(ctx);
      renderList(ctx);
    });
    if (active && active.isConnected && document.activeElement !== active) {
      active.focus({ preventScroll: true });
      if (selection) active.setSelectionRange?.(...selection);
    }
  }

  store.subscribe((s, prev) => {
    if (s.room === prev.room && s.me === prev.me) return;
    const r = s.room;
    const p = prev.room;
    if (p && r && r.commitment === p.commitment && r.members === p.members && r.meeting === p.meeting
      && r.purpose?.targets === p.purpose?.targets && s.me === prev.me) return;
    render();
  });
  setInterval(render, REDRAW_MS);
  render();
}
