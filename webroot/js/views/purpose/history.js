// The draft's history in a dialog: revisions grouped into stretches of work (split by pauses and
// time, several authors each, labelled with who and what they added), adoptions and the meeting's
// start marked on the timeline, a slider to any revision that selects its group, the text at that
// revision (what its group added highlighted), a "who wrote what" mode that colours every
// character by the member who inserted it, and, for editors, copying a revision back into the
// working draft as one edit.

import { h, uid } from '../../dom.js';
import { icon } from '../../icons.js';
import { purposeHistory } from '../../api.js';
import { canEdit, isFacilitator } from '../../membership/selectors.js';
import { hueOf } from '../../membership/colors.js';
import { DraftHistory, piecesOf } from '../../purpose/history.js';
import { purpose } from '../../purpose/selectors.js';
import { timeAgo } from '../../time.js';
import { toast } from '../toast.js';

const numbers = new Intl.NumberFormat();

export function mountHistory({ store, membership, editor, button }) {
  const title = h('h2', { class: 'dialog-title', id: 'history-title', text: 'Draft history' });
  const close = h('button', { type: 'button', class: 'btn btn-quiet btn-icon', 'aria-label': 'Close', 'data-testid': 'history-close' }, icon('x'));
  const sliderId = uid('history-rev');
  const slider = h('input', { type: 'range', id: sliderId, class: 'history-slider', min: 0, max: 0, value: 0, 'data-testid': 'history-slider' });
  const sliderValue = h('output', { class: 'history-slider-value', for: sliderId });
  const list = h('ol', { class: 'history-list', 'data-testid': 'history-list', 'aria-label': 'Revisions, newest first' });
  const meta = h('p', { class: 'history-meta', 'data-testid': 'history-meta', 'aria-live': 'polite' });
  const authorsToggle = h('input', { type: 'checkbox', 'data-testid': 'history-authors' });
  const copyButton = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'history-copy' },
    icon('copy', 'icon-s'), 'Copy into the draft');
  const confirmRow = h('div', { class: 'confirm', hidden: true });
  const textView = h('div', { class: 'history-text', 'data-testid': 'history-text', tabindex: '0', role: 'document',
    'aria-label': 'Text at the chosen revision' });
  const caption = h('p', { class: 'history-caption', 'data-testid': 'history-caption' });
  const legend = h('ul', { class: 'history-legend', 'data-testid': 'history-legend', 'aria-label': 'Who wrote what', hidden: true });
  const status = h('p', { class: 'history-status', role: 'status' });

  const dialog = h('dialog', { class: 'dialog dialog-wide history-dialog', 'aria-labelledby': 'history-title', 'data-testid': 'history-dialog' },
    h('div', { class: 'dialog-header' }, title, close),
    h('div', { class: 'history-body' },
      h('div', { class: 'history-side' },
        h('div', { class: 'field history-slider-field' },
          h('label', { class: 'label', for: sliderId, text: 'Revision' }), h('div', { class: 'history-slider-row' }, slider, sliderValue)),
        status,
        list),
      h('div', { class: 'history-main' },
        h('div', { class: 'history-toolbar' },
          meta,
          h('div', { class: 'history-tools' },
            h('label', { class: 'check history-authors-label' }, authorsToggle, h('span', { text: 'Show who wrote what' })),
            copyButton)),
        confirmRow,
        textView,
        caption,
        legend)));
  document.body.append(dialog);

  let history = null; // DraftHistory once loaded
  let loading = null;
  let rev = 0; // the revision shown
  let following = true; // showing the newest revision: follow new edits
  let group = null; // the burst selected in the list, if any

  button.addEventListener('click', open);
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    confirmRow.hidden = true;
    button.focus();
  });
  slider.addEventListener('input', () => {
    rev = Number(slider.value);
    following = rev === history?.rev;
    group = groupOf(rev); // the slider selects its revision's group, highlighted in the list
    renderText();
    markSelected(true);
  });
  authorsToggle.addEventListener('change', renderText);
  copyButton.addEventListener('click', askCopy);

  // New revisions while the dialog is open join the list live.
  store.onApplied((steps) => {
    if (!history) return;
    let added = false;
    for (const step of steps) {
      if (step.type === 'snapshot') {
        history = null; // may have missed some: load again when needed
        if (dialog.open) load();
        return;
      }
      if (step.frame.event?.type !== 'purpose.edited') continue;
      if (history.add(step.frame)) added = true;
      else if (step.frame.event.rev > history.rev) {
        history = null;
        if (dialog.open) load();
        return;
      }
    }
    if (added && dialog.open) scheduleRender();
  });

  let renderTimer = null;
  function scheduleRender() {
    if (renderTimer) return;
    renderTimer = setTimeout(() => {
      renderTimer = null;
      if (following) rev = history.rev;
      renderAll();
    }, 250);
  }

  function open() {
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    if (!history) load();
    else {
      if (following) rev = history.rev;
      renderAll();
    }
    close.focus();
  }

  async function load() {
    if (loading) return loading;
    status.textContent = 'Loading the history…';
    list.replaceChildren();
    loading = (async () => {
      try {
        const entries = await purposeHistory(membership.roomId, membership.token);
        history = new DraftHistory(entries.filter((e) => e?.event?.type === 'purpose.edited'));
        rev = history.rev;
        following = true;
        group = null;
        status.textContent = '';
        renderAll();
      } catch (err) {
        status.textContent = `Couldn't load the history: ${String(err?.message ?? err).replace(/[.]$/, '')}.`;
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  function nameOf(memberId) {
    return store.getState().room?.members?.[memberId]?.name ?? 'Someone';
  }

  function renderAll() {
    if (!history) return;
    slider.max = String(history.rev);
    slider.value = String(rev);
    slider.disabled = history.rev === 0;
    renderList();
    renderText();
  }

  let groups = [];

  /** Adoptions (from the decision log and the purpose) and the running meeting's start, for the timeline. */
  function marks() {
    const room = store.getState().room;
    const out = [];
    const seen = new Set();
    for (const d of room?.decision?.log ?? []) {
      if (d.outcome !== 'carried' || !Number.isInteger(d.purposeRev) || seen.has(d.purposeRev)) continue;
      seen.add(d.purposeRev);
      out.push({ kind: 'adopted', rev: d.purposeRev, at: d.decidedAt, how: d.kind === 'purpose' ? 'by consent' : 'by a facilitator' });
    }
    const adopted = purpose(store.getState()).adopted;
    if (adopted && !seen.has(adopted.rev)) out.push({ kind: 'adopted', rev: adopted.rev, at: adopted.at, by: adopted.by });
    const meeting = room?.meeting?.meeting;
    if (meeting?.startedAt) out.push({ kind: 'meeting', at: meeting.startedAt, by: meeting.startedBy });
    return out;
  }

  function groupOf(r) {
    return groups.find((g) => r >= g.from && r <= g.to) ?? null;
  }

  /** "Ana", "Ana and Ben", "Ana, Ben and Cy". */
  function authorNames(g) {
    const names = g.authors.map((a) => nameOf(a.by));
    return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  }

  /** What a group added that is still there, in one short line. */
  function summary(g) {
    const added = history.addedIn(g.from, g.to).replace(/\s+/g, ' ').trim();
    if (added) return `added “${added.length > 70 ? `${added.slice(0, 69)}…` : added}”`;
    if (g.deleted) return 'deleted text';
    return 'rewrote text';
  }

  function renderList() {
    groups = history.groups(marks());
    if (!groups.length) {
      list.replaceChildren(h('li', { class: 'empty-note', text: 'No edits yet.' }));
      return;
    }
    const items = [];
    for (const g of groups) {
      const item = h('button', {
        type: 'button', class: 'history-group', 'data-testid': 'history-group', dataset: { from: g.from, to: g.to },
        onclick: () => {
          group = g;
          rev = g.to;
          following = rev === history.rev;
          slider.value = String(rev);
          renderText();
          markSelected();
        },
      },
      h('span', { class: 'history-dots', 'aria-hidden': 'true' },
        g.authors.slice(0, 3).map((a) => h('span', { class: `history-dot tint-${hueOf(a.by)}` }))),
      h('span', { class: 'history-group-main' },
        h('span', { class: 'history-who', 'data-testid': 'history-who', text: authorNames(g) }),
        h('span', { class: 'history-summary', 'data-testid': 'history-summary', text: summary(g) }),
        h('span', { class: 'history-what' },
          g.from === g.to ? `Revision ${g.to}` : `Revisions ${g.from}–${g.to}`,
          ` · ${g.edits === 1 ? '1 edit' : `${g.edits} edits`}`),
        g.adopted.length ? h('span', { class: 'tag history-adopted', 'data-testid': 'history-adopted' },
          icon('flag', 'icon-s'), `Adopted: revision ${g.adopted.map((m) => m.rev).join(', ')}`) : null),
      h('span', { class: 'history-side-meta' },
        timeAgo(h, g.endAt),
        h('span', { class: 'history-delta' },
          g.inserted ? h('span', { class: 'delta-plus', text: `+${numbers.format(g.inserted)}` }) : null,
          g.deleted ? h('span', { class: 'delta-minus', text: `−${numbers.format(g.deleted)}` }) : null)));
      items.push(h('li', {}, item));
      // Newest first: the meeting started just before (below) this group.
      if (g.meeting) {
        items.push(h('li', { class: 'history-mark', 'data-testid': 'history-meeting' },
          icon('agenda', 'icon-s'), h('span', {}, 'Meeting started ', timeAgo(h, g.meeting.at))));
      }
    }
    list.replaceChildren(...items);
    markSelected();
  }

  function markSelected(scroll = false) {
    const selectedGroup = group ?? groupOf(rev);
    for (const item of list.querySelectorAll('.history-group')) {
      const from = Number(item.dataset.from);
      const to = Number(item.dataset.to);
      const selected = Boolean(selectedGroup) && selectedGroup.from === from && selectedGroup.to === to;
      item.setAttribute('aria-current', selected ? 'true' : 'false');
      if (selected && scroll) item.scrollIntoView({ block: 'nearest' });
    }
  }

  function renderText() {
    if (!history) return;
    sliderValue.textContent = `${rev} of ${history.rev}`;
    const { text, runs } = history.at(rev);
    const entry = history.entry(rev);
    const authors = authorsToggle.checked;
    textView.dataset.mode = authors ? 'authors' : 'plain';
    if (rev === 0) {
      meta.textContent = history.rev ? 'Before the first edit: the draft was empty.' : 'No edits yet.';
    } else {
      meta.replaceChildren(
        h('strong', { text: `Revision ${rev}` }), ` of ${history.rev} · ${nameOf(entry.by)} · `,
        timeAgo(h, entry.at));
    }
    const shownGroup = group ?? groupOf(rev);
    const from = shownGroup ? shownGroup.from : rev;
    const to = rev;
    const shares = new Map();
    const pieces = piecesOf(text, runs).map((piece) => {
      if (piece.by) shares.set(piece.by, (shares.get(piece.by) ?? 0) + piece.text.length);
      if (authors && piece.by) {
        return h('span', { class: `authored tint-${hueOf(piece.by)}`, title: nameOf(piece.by), text: piece.text });
      }
      if (!authors && piece.rev >= from && piece.rev <= to && rev > 0) {
        return h('mark', { class: 'history-added', title: `Added in revision ${piece.rev}`, text: piece.text });
      }
      return piece.text;
    });
    textView.replaceChildren(...(text ? pieces : [h('span', { class: 'empty-note', text: 'Empty.' })]));
    const added = textView.querySelector('.history-added');
    caption.hidden = authors || !added;
    if (added) {
      const who = shownGroup ? authorNames(shownGroup) : nameOf(entry?.by);
      caption.replaceChildren(h('mark', { class: 'history-added', text: 'Highlighted' }),
        from === to ? `: what ${who} added in revision ${to}.` : `: what ${who} added in revisions ${from}–${to}.`);
    }
    legend.hidden = !authors || shares.size === 0;
    if (authors) {
      const total = text.length || 1;
      legend.replaceChildren(...[...shares.entries()].sort((a, b) => b[1] - a[1]).map(([by, n]) => h('li', { class: `legend-item tint-${hueOf(by)}` },
        h('span', { class: 'legend-swatch', 'aria-hidden': 'true' }),
        h('span', { text: `${nameOf(by)}: ${Math.round((n / total) * 100)}%` }))));
    }
    const state = store.getState();
    copyButton.hidden = !canEdit(state);
    const current = purpose(state);
    const lockedForMe = current.locked && !isFacilitator(state); // facilitators may still tidy a locked draft
    copyButton.disabled = lockedForMe || text === editor.text();
    copyButton.title = lockedForMe ? 'The draft is locked' : text === editor.text() ? 'The draft already has this text' : '';
  }

  function askCopy() {
    const { text } = history.at(rev);
    const yes = h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'history-copy-confirm' },
      `Replace the draft with revision ${rev}`);
    const no = h('button', { type: 'button', class: 'btn btn-quiet btn-small' }, 'Cancel');
    yes.addEventListener('click', () => {
      if (editor.replaceText(text)) {
        toast(`The working draft now holds the text of revision ${rev}.`, { kind: 'ok' });
        dialog.close();
      } else {
        toast('The draft cannot be changed right now.', { kind: 'error' });
      }
    });
    no.addEventListener('click', () => {
      confirmRow.hidden = true;
      copyButton.focus();
    });
    confirmRow.replaceChildren(
      h('p', { class: 'hint', text: 'Everyone sees the change at once, as one edit. The history keeps every version, so this can be undone the same way.' }),
      h('div', { class: 'confirm-buttons' }, yes, no));
    confirmRow.hidden = false;
    yes.focus();
  }

  return { dialog };
}
