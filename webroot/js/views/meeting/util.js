// Small helpers the meeting views share.

import { commandFailed } from '../toast.js';

/** Runs a command; a refusal becomes a toast ("Couldn't pause the timer: …"). Never rejects. */
export function act(what, promise) {
  return promise.catch((err) => commandFailed(what, err));
}

export function memberName(state, id) {
  return state.room?.members?.[id]?.name ?? 'someone';
}
