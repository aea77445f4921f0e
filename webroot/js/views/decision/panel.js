// The Decisions panel: who facilitates (since when, by which decision) and handover offers; a
// form to put a proposal to the room (any method, or adopting the purpose, or a mandate); the
// open proposals with who has voted, this member's ballot, the running result when visible and
// the countdown; and the decision log. Renders from the store; the server checks every command.

import { h, keepFocus } from '../../dom.js';
import { icon } from '../../icons.js';
import { canEdit, isFacilitator, me } from '../../membership/selectors.js';
import * as commands from '../../decision/commands.js';
import {
  METHODS, POSITIONS, countRows, decisions, eligible, facilitation, hasOptions, inferenceRisk, methodLabel,
  nameOf, offersToMe, optionLabel, outcomeText,
} from '../../decision/selectors.js';
import { purposeOf } from '../../purpose/events.js';
import { timeAgo } from '../../time.js';
import { commandFailed, toast } from '../toast.js';

/** "2:05" / "1:02:05" for a countdown in ms. */
function clockText(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

function field(label, input, hint) {
  const id = input.id;
  return h('div', { class: 'field' }, h('label', { class: 'label', for: id, text: label }), input,
    hint ? h('p', { class: 'hint', text: hint }) : null);
}

function check(label, input) {
  return h('label', { class: 'check' }, input, h('span', { text: label }));
}

export function mountDecisions({ store, connection, slot }) {
  const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'data-testid': 'decision-announcer' });
  const facilitationEl = h('section', { class: 'dec-decision-section', 'aria-labelledby': 'dec-fac-title', 'data-testid': 'facilitation' });
  const proposeEl = h('section', { class: 'dec-decision-section', 'aria-labelledby': 'dec-propose-title' });
  const openEl = h('section', { class: 'dec-decision-section', 'aria-labelledby': 'dec-open-title', 'data-testid': 'open-proposals' });
  const logEl = h('section', { class: 'dec-decision-section', 'aria-labelledby': 'dec-log-title', 'data-testid': 'decision-log' });
  slot.replaceChildren(announcer, facilitationEl, openEl, proposeEl, logEl);

  /** Ballot being filled in per proposal and round, so a re-render keeps what the person typed. */
  const drafts = new Map();
  let lastLogLength = null;

  // ---- facilitation ------------------------------------------------------------------------------

  function renderFacilitation(state) {
    const rows = facilitation(state).map(({ member, since, decision }) => h('li', { class: 'dec-mandate', 'data-testid': 'mandate', dataset: { memberId: member.id } },
      h('strong', { text: member.name }),
      h('span', { class: 'dec-mandate-meta' },
        since ? [' · since ', timeAgo(h, since)] : [' · since joining the room'],
        decision ? [' · by decision: ', h('a', { href: `#decision-${decision.id}`, text: decision.question })]
          : ' · appointed directly, not by a decision')));
    const children = [
      h('h3', { class: 'section-title', id: 'dec-fac-title' }, icon('users', 'icon-s'), 'Who facilitates'),
      h('ul', { class: 'dec-mandates' }, rows),
    ];
    for (const offer of offersToMe(state)) {
      children.push(h('div', { class: 'dec-offer', role: 'group', 'aria-label': 'Offer of the facilitator\'s role', 'data-testid': 'handover-offer' },
        h('p', { text: `${offer.fromName} offers you the facilitator's role.` }),
        h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'handover-accept',
          onclick: () => run(commands.handover(connection, offer.from), 'accept the role') }, 'Accept the role')));
    }
    const part = decisions(state);
    const mine = part.offers?.[state.me];
    if (isFacilitator(state)) {
      const others = eligible(state).filter((m) => m.role !== 'facilitator');
      const select = h('select', { class: 'select', id: 'dec-handover-to', 'data-testid': 'handover-to' },
        others.map((m) => h('option', { value: m.id, text: m.name })));
      children.push(h('form', { class: 'dec-inline-form', 'data-testid': 'handover-form',
        onsubmit: (e) => { e.preventDefault(); if (select.value) run(commands.handover(connection, select.value), 'offer the role'); } },
      field('Hand your role to', select), h('button', { type: 'submit', class: 'btn btn-small', disabled: others.length === 0 }, 'Offer'),
      mine ? h('p', { class: 'hint', 'data-testid': 'handover-pending', text: `Offered to ${nameOf(state, mine)}; waiting for them to accept.` }) : null));
      const restrict = h('input', { type: 'checkbox', 'data-testid': 'decision-restrict', checked: part.restricted,
        onchange: (e) => run(commands.restrict(connection, e.target.checked), 'change who may propose') });
      children.push(check('During a meeting, only facilitators may make proposals', restrict));
    } else if (part.restricted) {
      children.push(h('p', { class: 'hint', text: 'During a meeting, only facilitators make proposals.' }));
    }
    facilitationEl.replaceChildren(...children);
  }

  // ---- the proposal form -------------------------------------------------------------------------

  const kind = h('select', { class: 'select', id: 'dec-kind', 'data-testid': 'decision-propose-kind' },
    h('option', { value: 'question', text: 'A question' }),
    h('option', { value: 'purpose', text: 'Adopt the purpose draft' }),
    h('option', { value: 'mandate', text: 'The facilitator\'s mandate' }));
  const question = h('input', { class: 'input', id: 'dec-question', maxlength: commands.MAX_QUESTION, 'data-testid': 'decision-propose-question' });
  const details = h('textarea', { class: 'input', id: 'dec-details', rows: 2, maxlength: commands.MAX_DETAILS, 'data-testid': 'decision-propose-details' });
  const method = h('select', { class: 'select', id: 'dec-method', 'data-testid': 'decision-propose-method' },
    METHODS.map((m) => h('option', { value: m.key, text: m.label })));
  const methodHint = h('p', { class: 'hint' });
  const options = h('textarea', { class: 'input', id: 'dec-options', rows: 3, 'data-testid': 'decision-propose-options',
    placeholder: 'One option per line' });
  const purposeText = h('blockquote', { class: 'adopted-text', 'data-testid': 'decision-propose-purpose-text' });
  const mandateMember = h('select', { class: 'select', id: 'dec-mandate-member', 'data-testid': 'decision-propose-mandate-member' });
  const mandateAction = h('select', { class: 'select', id: 'dec-mandate-action', 'data-testid': 'decision-propose-mandate-action' },
    h('option', { value: 'grant', text: 'give them the facilitator\'s role' }),
    h('option', { value: 'withdraw', text: 'withdraw their mandate' }));
  const successor = h('select', { class: 'select', id: 'dec-successor', 'data-testid': 'decision-propose-successor' });
  const anonymous = h('input', { type: 'checkbox', 'data-testid': 'decision-propose-anonymous' });
  const resultsHidden = h('input', { type: 'checkbox', 'data-testid': 'decision-propose-results-hidden' });
  const allVoted = h('input', { type: 'checkbox', 'data-testid': 'decision-propose-close-all-voted' });
  const quorum = h('input', { class: 'input dec-input-num', type: 'number', min: 1, id: 'dec-quorum', 'data-testid': 'decision-propose-quorum' });
  const quorumPercent = h('input', { class: 'input dec-input-num', type: 'number', min: 1, max: 100, id: 'dec-quorum-pct', 'data-testid': 'decision-propose-quorum-percent' });
  const deadline = h('input', { class: 'input dec-input-num', type: 'number', min: 1, id: 'dec-deadline', 'data-testid': 'decision-propose-deadline-minutes' });
  const majority = h('select', { class: 'select', id: 'dec-majority', 'data-testid': 'decision-propose-majority' },
    h('option', { value: 'simple', text: 'Simple majority' }), h('option', { value: 'two_thirds', text: 'Two thirds' }),
    h('option', { value: 'unanimity', text: 'Unanimity' }));
  const threshold = h('input', { class: 'input dec-input-num', type: 'number', min: 0, max: 5, value: 3, id: 'dec-threshold', 'data-testid': 'decision-propose-threshold' });
  const maxChoices = h('input', { class: 'input dec-input-num', type: 'number', min: 1, value: 1, id: 'dec-max-choices', 'data-testid': 'decision-propose-max-choices' });
  const budget = h('input', { class: 'input dec-input-num', type: 'number', min: 1, value: 5, id: 'dec-budget', 'data-testid': 'decision-propose-budget' });
  const cap = h('input', { class: 'input dec-input-num', type: 'number', min: 1, id: 'dec-cap', 'data-testid': 'decision-propose-cap' });
  const warning = h('p', { class: 'pill-note pill-warn', role: 'alert', 'data-testid': 'inference-warning', hidden: true,
    text: 'Anonymous ballots with results shown while open are not really secret: each change of the running result '
      + 'follows one person\'s ballot, so in a small group anyone watching can tell who voted how. Hide the results until the close to keep them secret.' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'decision-propose-submit' }, icon('plus', 'icon-s'), 'Put to the room');

  const groups = {
    question: h('div', {}, field('Question', question), field('Details (optional)', details)),
    methodRow: h('div', {}, field('Method', method), methodHint),
    options: field('Options', options, 'Two to twenty, one per line.'),
    purpose: h('div', {}, h('p', { class: 'hint', 'data-testid': 'decision-propose-purpose-rev' }), purposeText),
    mandate: h('div', { class: 'dec-inline-fields' }, field('Member', mandateMember), field('Proposal', mandateAction)),
    successor: field('Who facilitates instead (needed for the last facilitator)', successor),
    majority: field('Majority', majority),
    threshold: field('Carried when nobody is below', threshold),
    maxChoices: field('Choices per member, at most', maxChoices),
    dots: h('div', { class: 'dec-inline-fields' }, field('Dots per member', budget), field('Dots on one option, at most', cap)),
  };
  const form = h('form', { class: 'dec-propose-form', 'data-testid': 'decision-propose-form', novalidate: true },
    field('What to decide', kind), groups.question, groups.purpose, groups.mandate, groups.successor, groups.methodRow,
    groups.options, groups.majority, groups.threshold, groups.maxChoices, groups.dots,
    h('fieldset', { class: 'dec-settings' }, h('legend', { text: 'Settings' }),
      check('Anonymous ballots', anonymous), check('Hide results until the close', resultsHidden),
      check('Close when everyone has voted', allVoted),
      h('div', { class: 'dec-inline-fields' }, field('Quorum (ballots)', quorum), field('or % of those present', quorumPercent),
        field('Deadline (minutes)', deadline))),
    warning, h('div', { class: 'form-actions' }, submit));

  function updateForm(state) {
    const k = kind.value;
    const m = k === 'question' ? method.value : 'consent';
    groups.question.hidden = k !== 'question';
    groups.methodRow.hidden = k !== 'question';
    groups.options.hidden = k !== 'question' || !hasOptions(m);
    groups.purpose.hidden = k !== 'purpose';
    groups.mandate.hidden = k !== 'mandate';
    groups.successor.hidden = k !== 'mandate' || mandateAction.value !== 'withdraw';
    groups.majority.hidden = m !== 'yes_no';
    groups.threshold.hidden = m !== 'fist_to_five';
    groups.maxChoices.hidden = m !== 'choice';
    groups.dots.hidden = m !== 'dot_vote';
    methodHint.textContent = METHODS.find((x) => x.key === m)?.hint ?? '';
    warning.hidden = !(anonymous.checked && !resultsHidden.checked);
    const p = purposeOf(state.room);
    groups.purpose.querySelector('p').textContent = p.text.trim()
      ? `Revision ${p.rev}, exactly as it reads now; if the group consents, this text becomes the adopted purpose.`
      : 'The draft is empty: write it first.';
    purposeText.textContent = p.text;
    const members = eligible(state);
    const keep = (select, list) => {
      const was = select.value;
      select.replaceChildren(...list.map((x) => h('option', { value: x.id, text: `${x.name}${x.role === 'facilitator' ? ' (facilitator)' : ''}` })));
      if (list.some((x) => x.id === was)) select.value = was;
    };
    keep(mandateMember, members);
    keep(successor, [{ id: '', name: 'Nobody', role: '' }, ...members.filter((x) => x.role !== 'facilitator')]);
  }

  function settingsFromForm(m) {
    const num = (input) => (input.value === '' ? undefined : Number(input.value));
    const s = { anonymous: anonymous.checked, resultsHidden: resultsHidden.checked, closeWhenAllVoted: allVoted.checked };
    if (num(quorum) !== undefined) s.quorum = num(quorum);
    if (num(quorumPercent) !== undefined) s.quorumPercent = num(quorumPercent);
    if (num(deadline) !== undefined) s.deadlineSeconds = Math.round(num(deadline) * 60);
    if (m === 'yes_no') s.majority = majority.value;
    if (m === 'fist_to_five' && num(threshold) !== undefined) s.threshold = num(threshold);
    if (m === 'choice' && num(maxChoices) !== undefined) s.maxChoices = num(maxChoices);
    if (m === 'dot_vote') {
      if (num(budget) !== undefined) s.budget = num(budget);
      if (num(cap) !== undefined) s.perOptionCap = num(cap);
    }
    return s;
  }

  form.addEventListener('input', () => updateForm(store.getState()));
  form.addEventListener('change', () => updateForm(store.getState()));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const state = store.getState();
    const k = kind.value;
    let sent;
    if (k === 'question') {
      if (!question.value.trim()) {
        toast('Write the question first.', { kind: 'error' });
        question.focus();
        return;
      }
      const m = method.value;
      const list = hasOptions(m) ? options.value.split('\n').map((x) => x.trim()).filter(Boolean) : [];
      sent = commands.propose(connection, { question: question.value, details: details.value, method: m, options: list, settings: settingsFromForm(m) });
    } else if (k === 'purpose') {
      sent = commands.proposeAdoption(connection, purposeOf(state.room).rev, settingsFromForm('consent'));
    } else {
      sent = commands.proposeMandate(connection, { memberId: mandateMember.value, action: mandateAction.value,
        successorId: mandateAction.value === 'withdraw' ? successor.value : null, settings: settingsFromForm('consent') });
    }
    submit.disabled = true;
    try {
      await sent;
      question.value = '';
      details.value = '';
      options.value = '';
    } catch (err) {
      commandFailed('make the proposal', err);
    } finally {
      submit.disabled = false;
    }
  });

  function renderPropose(state) {
    // Hidden while empty: a section named by a title that is not there is not a valid region.
    proposeEl.hidden = !canEdit(state);
    if (!canEdit(state)) {
      proposeEl.replaceChildren();
      return;
    }
    if (!proposeEl.firstChild) {
      proposeEl.replaceChildren(h('details', { class: 'dec-propose', 'data-testid': 'decision-propose' },
        h('summary', { id: 'dec-propose-title', class: 'section-title' }, icon('plus', 'icon-s'), 'Make a proposal'), form));
    }
    updateForm(state);
  }

  // ---- open proposals ----------------------------------------------------------------------------

  function draftOf(p, mine) {
    const key = `${p.id}/${p.round}`;
    if (!drafts.has(key)) drafts.set(key, { ...(mine ?? {}) });
    return drafts.get(key);
  }

  function ballotForm(state, p) {
    const mine = p.ballots?.[state.me] ?? null;
    const draft = draftOf(p, mine);
    const name = `ballot-${p.id}-${p.round}`;
    const body = [];
    if (p.method === 'consent' || p.method === 'yes_no') {
      body.push(h('div', { class: 'dec-choices', role: 'radiogroup', 'aria-label': 'Your ballot' },
        Object.entries(POSITIONS[p.method]).map(([value, label]) => h('label', { class: 'dec-choice' },
          h('input', { type: 'radio', name, value, checked: draft.position === value, 'data-testid': `vote-${value}`,
            onchange: () => { draft.position = value; renderOpen(store.getState()); } }),
          h('span', { text: label })))));
      if (p.method === 'consent' && (draft.position === 'object' || draft.position === 'stand_aside')) {
        const reasonId = `${name}-reason`;
        body.push(field(draft.position === 'object' ? 'Your reason (needed to object)' : 'Why (optional)',
          h('textarea', { class: 'input', id: reasonId, rows: 2, maxlength: commands.MAX_REASON, 'data-testid': 'vote-reason',
            oninput: (e) => { draft.reason = e.target.value; } }, draft.reason ?? '')));
      }
    } else if (p.method === 'fist_to_five') {
      body.push(h('div', { class: 'dec-choices', role: 'radiogroup', 'aria-label': 'Your score, 0 to 5' },
        [0, 1, 2, 3, 4, 5].map((n) => h('label', { class: 'dec-choice' },
          h('input', { type: 'radio', name, value: String(n), checked: draft.score === n, 'data-testid': `vote-score-${n}`,
            onchange: () => { draft.score = n; } }), h('span', { text: String(n) })))));
    } else if (p.method === 'choice') {
      const single = p.settings.maxChoices === 1;
      const chosen = new Set(draft.options ?? []);
      body.push(h('div', { class: 'dec-choices', role: single ? 'radiogroup' : 'group', 'aria-label': single ? 'Your choice' : `Up to ${p.settings.maxChoices} options` },
        p.options.map((o) => h('label', { class: 'dec-choice' },
          h('input', { type: single ? 'radio' : 'checkbox', name, value: o.id, checked: chosen.has(o.id), 'data-testid': `vote-option-${o.id}`,
            onchange: (e) => {
              const set = new Set(single ? [] : draft.options ?? []);
              if (e.target.checked) set.add(o.id); else set.delete(o.id);
              draft.options = p.options.map((x) => x.id).filter((id) => set.has(id));
            } }), h('span', { text: o.label })))));
    } else if (p.method === 'dot_vote') {
      const dots = draft.dots ?? {};
      const left = h('p', { class: 'hint', 'data-testid': 'dots-left' });
      const update = () => {
        const used = Object.values(draft.dots ?? {}).reduce((a, b) => a + b, 0);
        left.textContent = `${p.settings.budget - used} of ${p.settings.budget} dots left (at most ${p.settings.perOptionCap} on one option).`;
      };
      body.push(h('div', { class: 'dec-dot-rows' }, p.options.map((o) => {
        const id = `${name}-${o.id}`;
        return h('div', { class: 'dec-dot-row' }, h('label', { for: id, text: o.label }),
          h('input', { class: 'input dec-input-num', type: 'number', min: 0, max: p.settings.perOptionCap, id, value: dots[o.id] ?? 0,
            'data-testid': `vote-dots-${o.id}`,
            oninput: (e) => { draft.dots = { ...(draft.dots ?? {}), [o.id]: Math.max(0, Number(e.target.value) || 0) }; update(); } }));
      })), left);
      update();
    } else if (p.method === 'ranked') {
      const ranking = draft.ranking ?? [];
      body.push(h('p', { class: 'hint', text: 'Give each option you want a rank (1 = first choice); leave the rest out.' }));
      body.push(h('div', { class: 'dec-dot-rows' }, p.options.map((o) => {
        const id = `${name}-${o.id}`;
        const at = ranking.indexOf(o.id);
        return h('div', { class: 'dec-dot-row' }, h('label', { for: id, text: o.label }),
          h('select', { class: 'select select-small', id, 'data-testid': `vote-rank-${o.id}`,
            onchange: (e) => {
              const ranks = new Map((draft.ranking ?? []).map((x, i) => [x, i + 1]));
              if (e.target.value) ranks.set(o.id, Number(e.target.value)); else ranks.delete(o.id);
              draft.ranking = [...ranks.entries()].sort((a, b) => a[1] - b[1]).map(([x]) => x);
            } },
          h('option', { value: '', text: '—' }),
          p.options.map((_, i) => h('option', { value: String(i + 1), text: String(i + 1), selected: at === i }))));
      })));
    }
    const submitBallot = h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'vote-submit' },
      mine ? 'Change my ballot' : 'Vote');
    return h('form', { class: 'dec-ballot', 'data-testid': 'ballot', novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        const ballot = {};
        for (const key of ['position', 'reason', 'score', 'options', 'dots', 'ranking']) if (draft[key] !== undefined && draft[key] !== null) ballot[key] = draft[key];
        run(commands.vote(connection, p.id, ballot), 'cast your ballot');
      } },
    body, h('div', { class: 'form-actions' }, submitBallot,
      mine ? h('span', { class: 'hint', 'data-testid': 'my-ballot' }, icon('check', 'icon-s'), 'You have voted; you may change it until the close.') : null));
  }

  function resultBlock(p, tally) {
    const rows = countRows(p, tally);
    const most = Math.max(1, ...rows.map(([, n]) => n));
    return h('div', { class: 'dec-result', 'data-testid': 'decision-proposal-result' },
      h('ul', { class: 'dec-result-bars' }, rows.map(([label, n]) => h('li', { class: 'dec-result-row' },
        h('span', { class: 'dec-result-label', text: label }),
        h('span', { class: 'dec-result-track', 'aria-hidden': 'true' }, fill(n / most)),
        h('span', { class: 'dec-result-count', text: String(n) })))),
      tally.rounds?.length > 1 ? roundsBlock(p, tally.rounds) : null,
      tally.objections?.length ? h('ul', { class: 'dec-objections', 'aria-label': 'Objections' }, tally.objections.map((o) => h('li', { class: 'dec-objection', 'data-testid': 'objection' },
        h('strong', { text: o.memberId ? nameOf(store.getState(), o.memberId) : 'Anonymous' }), ': ', h('span', { text: o.reason })))) : null);
  }

  function fill(share) {
    const el = h('span', { class: 'dec-result-fill' });
    el.style.width = `${share * 100}%`;
    return el;
  }

  /** "Round 1: Park 3, Library 2": each option in a bdi, so a right-to-left label keeps its count beside it. */
  function roundsBlock(p, rounds) {
    return h('ol', { class: 'dec-rounds', 'aria-label': 'Instant-runoff rounds', 'data-testid': 'runoff-rounds' }, rounds.map((r, i) => h('li', {},
      `Round ${i + 1}: `,
      ...Object.entries(r.counts).flatMap(([id, n], k) => [k ? ', ' : '', h('bdi', { text: optionLabel(p, id) }), ` ${n}`]),
      r.exhausted ? `, ${r.exhausted} exhausted` : '',
      ...(r.eliminated ? [' — ', h('bdi', { text: optionLabel(p, r.eliminated) }), ' eliminated'] : []))));
  }

  function proposalCard(state, p) {
    const self = me(state);
    const voter = canEdit(state);
    const secret = p.settings.anonymous;
    const voted = p.voters.map((id) => nameOf(state, id));
    const everyone = eligible(state);
    const notYet = everyone.filter((m) => !p.voters.includes(m.id)).map((m) => m.name);
    const mayClose = self && (p.proposedBy === self.id || self.role === 'facilitator');
    const meta = [methodLabel(p.method), secret ? 'anonymous' : 'named', p.settings.resultsHidden ? 'results after the close' : 'results live'];
    if (p.settings.quorum) meta.push(`quorum ${p.settings.quorum}`);
    if (p.settings.quorumPercent) meta.push(`quorum ${p.settings.quorumPercent}% of those present`);
    if (p.round > 1) meta.push(`round ${p.round}`);
    const card = h('article', { class: 'dec-proposal', 'data-testid': 'decision-proposal', 'data-id': p.id, 'aria-labelledby': `q-${p.id}` },
      h('header', { class: 'dec-proposal-head' },
        h('h4', { class: 'dec-proposal-question', id: `q-${p.id}`, 'data-testid': 'decision-proposal-question', text: p.question }),
        p.closesAt ? h('span', { class: 'dec-countdown', 'data-testid': 'decision-proposal-countdown', 'data-closes-at': String(p.closesAt) }) : null),
      h('p', { class: 'dec-proposal-meta', text: `${meta.join(' · ')} · proposed by ${nameOf(state, p.proposedBy)}` }),
      p.details ? h('p', { class: 'dec-proposal-details', text: p.details }) : null,
      p.kind === 'purpose' ? h('div', {}, h('p', { class: 'hint', text: `Adopts revision ${p.purposeRev} of the purpose, exactly:` }),
        h('blockquote', { class: 'adopted-text', 'data-testid': 'decision-proposal-purpose-text', text: p.purposeText })) : null,
      inferenceRisk(p.settings) ? h('p', { class: 'pill-note pill-warn', text: 'Results are live on an anonymous vote: changes in the result can tell who voted how.' }) : null,
      h('p', { class: 'dec-proposal-voters', 'data-testid': 'decision-proposal-voters', 'data-count': String(p.voters.length) },
        `${p.voters.length} of ${everyone.length} voted`, voted.length ? `: ${voted.join(', ')}` : '',
        notYet.length && voted.length ? `. Not yet: ${notYet.join(', ')}` : '', '.'),
      p.tally ? resultBlock(p, p.tally) : h('p', { class: 'hint', 'data-testid': 'decision-proposal-result-hidden',
        text: p.settings.resultsHidden ? 'Results are hidden until the close, for everyone.' : 'No ballots yet.' }),
      voter ? ballotForm(state, p) : null,
      mayClose ? h('div', { class: 'form-actions' },
        h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'decision-proposal-close',
          onclick: () => run(commands.close(connection, p.id), 'close the proposal') }, 'Close now'),
        p.proposedBy === self.id && p.method === 'consent' ? h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'decision-proposal-amend',
          onclick: () => {
            const text = window.prompt('Amend the proposal: its question (ballots will be cleared)', p.question);
            if (text !== null) run(commands.amend(connection, p.id, text), 'amend the proposal');
          } }, 'Amend and re-run') : null,
        h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': 'decision-proposal-withdraw',
          onclick: () => run(commands.withdraw(connection, p.id), 'withdraw the proposal') }, 'Withdraw')) : null);
    return card;
  }

  function renderOpen(state) {
    const open = decisions(state).proposals;
    keepFocus(openEl, () => openEl.replaceChildren(
      h('h3', { class: 'section-title', id: 'dec-open-title' }, icon('decisions', 'icon-s'), `Open proposals (${open.length})`),
      open.length ? h('div', { class: 'dec-proposals' }, open.map((p) => proposalCard(state, p)))
        : h('p', { class: 'empty-note', text: 'Nothing to decide right now.' })));
    tick();
  }

  // ---- the log -----------------------------------------------------------------------------------

  function decisionEntry(state, d) {
    const kindText = d.kind === 'facilitator' ? 'Facilitator decision' : d.kind === 'handover' ? 'Handover' : methodLabel(d.method);
    const facts = [];
    if (d.method) {
      facts.push(`turnout ${d.turnout} of ${d.eligible}`);
      facts.push(d.quorum ? `quorum ${d.quorum}` : 'no quorum set');
    }
    return h('li', { class: `dec-decision dec-outcome-${d.outcome}`, id: `decision-${d.id}`, 'data-testid': 'decision-entry', 'data-id': d.id },
      h('details', {},
        h('summary', {},
          h('span', { class: 'dec-decision-outcome', 'data-testid': 'decision-outcome', 'data-outcome': d.outcome, text: outcomeText(d) }),
          ' ', h('span', { class: 'dec-decision-question', text: d.question }),
          h('span', { class: 'dec-decision-when' }, ' · ', timeAgo(h, d.decidedAt))),
        h('p', { class: 'dec-proposal-meta', text: [kindText, ...facts].join(' · ') }),
        d.details ? h('p', { class: 'dec-proposal-details', text: d.details }) : null,
        d.purposeText ? h('div', {}, h('p', { class: 'hint', text: `Revision ${d.purposeRev} of the purpose:` }),
          h('blockquote', { class: 'adopted-text', text: d.purposeText })) : null,
        d.tally ? resultBlock(d, d.tally) : null,
        Object.keys(d.ballots ?? {}).length ? h('p', { class: 'hint', text: `Ballots: ${Object.entries(d.ballots).map(([id, b]) => `${nameOf(state, id)} ${ballotText(d, b)}`).join('; ')}.` }) : null,
        d.settings?.anonymous ? h('p', { class: 'hint', text: `Anonymous: who voted is known (${d.voters.map((id) => nameOf(state, id)).join(', ') || 'nobody'}), not how.` }) : null,
        h('p', { class: 'hint', 'data-testid': 'decision-present' },
          `Present: ${d.present.map((id) => nameOf(state, id)).join(', ') || 'nobody'}${d.presentFromMeeting ? '' : ' (no meeting running: every member who may vote)'}. `,
          `Facilitating: ${d.facilitators.map((id) => nameOf(state, id)).join(', ') || 'nobody'}. `,
          d.closedBy === 'system' ? `Closed by the room (${d.closeReason === 'deadline' ? 'deadline' : 'everyone voted'}).` : `Closed by ${nameOf(state, d.closedBy)}.`),
        rerunnable(state, d) ? h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'decision-rerun',
          onclick: () => {
            const text = window.prompt('Amend the proposal and run it again: its question', d.question);
            if (text !== null) run(commands.amend(connection, d.fromProposal, text), 'run the proposal again');
          } }, 'Amend and run again') : null));
  }

  /** The proposer may amend a consent proposal that did not carry and run it again (the latest decision of it). */
  function rerunnable(state, d) {
    const part = decisions(state);
    if (!d.fromProposal || d.method !== 'consent' || d.outcome === 'carried' || d.proposedBy !== state.me) return false;
    if (part.proposals.some((p) => p.id === d.fromProposal)) return false;
    const latest = [...part.log].reverse().find((x) => x.fromProposal === d.fromProposal);
    return latest?.id === d.id;
  }

  function ballotText(d, b) {
    if (b.position) return (POSITIONS[d.method]?.[b.position] ?? b.position) + (b.reason ? ` (“${b.reason}”)` : '');
    if (b.score !== null && b.score !== undefined) return String(b.score);
    if (b.options) return b.options.map((o) => optionLabel(d, o)).join(', ');
    if (b.dots) return Object.entries(b.dots).map(([o, n]) => `${optionLabel(d, o)} ${n}`).join(', ');
    if (b.ranking) return b.ranking.map((o) => optionLabel(d, o)).join(' > ');
    return '';
  }

  function renderLog(state) {
    const log = decisions(state).log;
    logEl.replaceChildren(
      h('h3', { class: 'section-title', id: 'dec-log-title' }, icon('history', 'icon-s'), `Decision log (${log.length})`),
      log.length ? h('ol', { class: 'dec-decisions', reversed: true }, [...log].reverse().map((d) => decisionEntry(state, d)))
        : h('p', { class: 'empty-note', text: 'No decisions yet.' }));
    if (lastLogLength !== null && log.length > lastLogLength) {
      const d = log[log.length - 1];
      announcer.textContent = `Decision: ${outcomeText(d)} — ${d.question}`;
    }
    lastLogLength = log.length;
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  async function run(promise, what) {
    try {
      await promise;
    } catch (err) {
      commandFailed(what, err);
    }
  }

  function tick() {
    const now = connection.serverNow?.() ?? Date.now();
    for (const el of openEl.querySelectorAll('[data-closes-at]')) {
      const left = Number(el.dataset.closesAt) - now;
      const text = left > 0 ? `closes in ${clockText(left)}` : 'closing…';
      if (el.textContent !== text) el.textContent = text;
    }
  }
  setInterval(tick, 1000);

  function render(state, prev) {
    const a = state.room?.decision;
    const b = prev?.room?.decision;
    const people = !prev || state.room?.members !== prev.room?.members || state.me !== prev.me;
    if (people || a?.mandates !== b?.mandates || a?.offers !== b?.offers || a?.restricted !== b?.restricted || a?.log !== b?.log) {
      keepFocus(facilitationEl, () => renderFacilitation(state));
    }
    if (people || state.room?.purpose?.rev !== prev?.room?.purpose?.rev) renderPropose(state);
    if (people || a?.proposals !== b?.proposals || a?.log !== b?.log) renderOpen(state);
    if (people || a?.log !== b?.log) renderLog(state);
  }

  store.subscribe((state, prev) => { if (state.room) render(state, prev); });
  if (store.getState().room) render(store.getState(), null);
}
