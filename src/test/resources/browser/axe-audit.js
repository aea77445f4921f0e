// Injected by the browser tests (after axe.min.js) into every document a test browser opens. It
// audits with axe-core each view and dialog as it appears, once it has settled: the page itself
// (landing, join card, board), every open <dialog>, role=dialog/alertdialog, and the inline
// confirmations (role=group labelled "Confirm…", data-testid ending in -confirmation). Violations
// are written to the console as "[axe] {json}" lines, which the tests read from the browser log (it
// survives navigations); window.__cairnAxe.pending says whether an audit is still due or running.
(() => {
  if (window.top !== window || window.__cairnAxe) return;
  const SETTLE_MS = 250;
  const MAX_WAIT_MS = 3000;
  const VIEWS = '#board-layout, #join-view, #created-step, main.landing';
  /** The board is audited once it is live (before that its panels only say "Loading…"). */
  const READY = { 'board-layout': () => document.querySelector('[data-testid="connection-state"]')?.dataset.state === 'live' };
  const READY_MAX_MS = 15000;
  const DIALOGS = 'dialog[open], [role="dialog"], [role="alertdialog"], [role="group"][aria-label^="Confirm"], '
    + '[data-testid$="-confirmation"]';
  const state = { pending: 0, runs: 0, audited: new WeakSet(), queue: Promise.resolve(), sheets: [] };
  window.__cairnAxe = state;

  const visible = (el) => el.isConnected && !el.closest('[hidden]') && el.getClientRects().length > 0;

  function report(label, results) {
    for (const v of results.violations) {
      console.error('[axe] ' + JSON.stringify({
        page: location.pathname, context: label, rule: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 8).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: n.failureSummary })),
      }));
    }
  }

  /** Runs axe on one element (or the document) after the page has been quiet for a moment. */
  function audit(label, context, ready = () => true) {
    state.pending += 1;
    const isReady = new Promise((resolve) => {
      const started = Date.now();
      const poll = () => (ready() || Date.now() - started > READY_MAX_MS ? resolve() : setTimeout(poll, 50));
      poll();
    });
    const settled = () => new Promise((resolve) => {
      const started = Date.now();
      let timer = null;
      const done = () => {
        observer.disconnect();
        resolve();
      };
      const observer = new MutationObserver(() => {
        clearTimeout(timer);
        timer = Date.now() - started > MAX_WAIT_MS ? setTimeout(done, 0) : setTimeout(done, SETTLE_MS);
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      timer = setTimeout(done, SETTLE_MS);
    });
    state.queue = state.queue.then(() => isReady).then(settled).then(async () => {
      if (context !== document && !visible(context)) return;
      state.runs += 1;
      report(label, await window.axe.run(context === document ? document : context, { resultTypes: ['violations'] }));
    }).catch((err) => {
      console.error('[axe] ' + JSON.stringify({ page: location.pathname, context: label, rule: 'axe-error', help: String(err) }));
    }).finally(() => {
      state.pending -= 1;
    });
  }

  function scan() {
    for (const el of document.querySelectorAll(VIEWS)) {
      if (!state.audited.has(el) && visible(el)) {
        state.audited.add(el);
        audit('view #' + (el.id || el.className), document, READY[el.id]);
      }
    }
    for (const el of document.querySelectorAll(DIALOGS)) {
      if (!state.audited.has(el) && visible(el)) {
        state.audited.add(el);
        audit('dialog ' + (el.dataset.testid || el.id || el.getAttribute('aria-label') || el.tagName), el);
      }
    }
  }

  let scheduled = false;
  const watch = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      scan();
    });
  });
  const start = () => {
    watch.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['open', 'hidden', 'role', 'class'] });
    scan();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();
