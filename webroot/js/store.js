// The board's copy of one room: a snapshot plus the events after it, who is online, who "I" am,
// and the connection's status. Feature modules supply the event reducers; views subscribe and
// render from here. The server's order is the truth: an event applies only at seq == room.seq + 1.

/**
 * reducers: {eventType: (room, event, frame) => room}, one map merged from every feature.
 * Returns {getState, subscribe, receive, setConnection}.
 */
export function createStore(reducers) {
  let state = {
    me: null, // member id from welcome
    node: null, // which server node we talk to
    room: null, // {id, title, seq, createdAt, members: {id: {id, name, role, joinedAt}}}
    online: new Set(),
    connection: { state: 'connecting', attempt: 0, retryAt: null, reason: null },
  };
  const listeners = new Set();
  const stepListeners = new Set();

  /** steps: what was applied, in order, for step listeners; they hear it before subscribers render. */
  function set(next, steps = []) {
    const prev = state;
    state = Object.freeze({ ...state, ...next });
    if (steps.length) for (const fn of [...stepListeners]) fn(steps, state);
    for (const fn of [...listeners]) fn(state, prev);
  }

  function applyEvent(room, frame) {
    const reduce = reducers[frame.event?.type];
    const next = reduce ? reduce(room, frame.event, frame) : room;
    return { ...next, seq: frame.seq };
  }

  /**
   * Applies a batch of server frames in order and notifies subscribers once. Returns
   * {gap: true} when an event does not follow on (the board must resync), the error frames
   * that answered no command, for the caller to show, and frames of other types (for example a
   * feature's transient frames) for the caller to route.
   */
  function receive(frames) {
    let { me, node, room, online } = state;
    let gap = false;
    const errors = [];
    const other = [];
    const steps = [];
    for (const frame of frames) {
      switch (frame.type) {
        case 'welcome':
          me = frame.member?.id ?? me;
          node = frame.node ?? node;
          break;
        case 'snapshot':
          room = fromSnapshot(frame.room, frame.seq);
          steps.push({ type: 'snapshot', seq: room.seq, room });
          gap = false;
          break;
        case 'event':
          if (gap) break;
          if (!room || frame.seq > room.seq + 1) gap = true;
          else if (frame.seq === room.seq + 1) {
            room = applyEvent(room, frame);
            steps.push({ type: 'event', frame });
          }
          break; // seq <= room.seq: already applied
        case 'presence':
          online = new Set(Array.isArray(frame.online) ? frame.online : []);
          break;
        case 'error':
          errors.push(frame);
          break;
        default:
          other.push(frame);
          break;
      }
    }
    const changed = me !== state.me || node !== state.node || room !== state.room || online !== state.online;
    if (changed) set({ me, node, room, online }, steps);
    return { gap, errors, other };
  }

  return {
    getState: () => state,
    /** Calls fn(state, previous) after every change; returns an unsubscribe function. */
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /**
     * Calls fn(steps, state) after each batch that applied a snapshot or events, before
     * subscribers: steps are {type: 'snapshot', seq, room} and {type: 'event', frame}, in order.
     * For features that follow the event stream itself (the purpose draft's OT client).
     */
    onApplied(fn) {
      stepListeners.add(fn);
      return () => stepListeners.delete(fn);
    },
    receive,
    setConnection(connection) {
      set({ connection });
    },
  };
}

/** The room as the snapshot has it; parts other features add (purpose, decisions, …) are kept as sent. */
function fromSnapshot(room, seq) {
  const members = {};
  for (const [id, m] of Object.entries(room?.members ?? {})) members[id] = { ...m };
  return {
    ...room,
    id: room?.id ?? null,
    title: room?.title ?? '',
    seq: Number.isInteger(seq) ? seq : room?.seq ?? 0,
    createdAt: room?.createdAt ?? 0,
    members,
  };
}
