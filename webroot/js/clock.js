// The offset between the server's clock and this browser's, from ping round trips.
//
// A ping sent at sentAt and answered at receivedAt (this browser's epoch millis) carries the
// server's time when it answered. Assuming the answer was written halfway through the round trip,
// offset = serverTime - (sentAt + receivedAt) / 2, off by at most half the round trip. So of the
// recent samples the one with the shortest round trip is kept. Pure: no timers, no socket.

/** How many recent samples to choose the best from. */
export const KEEP_SAMPLES = 8;

export class ClockOffset {
  #keep;
  #samples = []; // {offset, roundTrip}, oldest first, at most #keep
  #rough = null; // serverTime - receivedAt of a frame with no matching send (welcome)

  constructor({ keep = KEEP_SAMPLES } = {}) {
    this.#keep = Math.max(1, keep);
  }

  /**
   * A ping sent at sentAt, answered with serverTime, received at receivedAt. Returns whether the
   * sample was taken (not when a number is missing or the round trip is negative, as when the
   * browser's clock was set back meanwhile).
   */
  sample(sentAt, serverTime, receivedAt) {
    if (![sentAt, serverTime, receivedAt].every(Number.isFinite)) return false;
    const roundTrip = receivedAt - sentAt;
    if (roundTrip < 0) return false;
    this.#samples.push({ offset: serverTime - (sentAt + receivedAt) / 2, roundTrip });
    if (this.#samples.length > this.#keep) this.#samples.shift();
    return true;
  }

  /**
   * A server time seen at receivedAt with no known send time (the welcome frame): a first guess,
   * late by the one-way delay, used only until a ping sample exists.
   */
  rough(serverTime, receivedAt) {
    if (![serverTime, receivedAt].every(Number.isFinite)) return false;
    this.#rough = serverTime - receivedAt;
    return true;
  }

  #best() {
    let best = null;
    for (const s of this.#samples) if (best === null || s.roundTrip < best.roundTrip) best = s;
    return best;
  }

  /** Server time minus browser time in ms (add it to Date.now()), or null with no estimate yet. */
  get offset() {
    const best = this.#best();
    return best ? best.offset : this.#rough;
  }

  /** The round trip of the sample the offset comes from, or null (none, or only a rough guess). */
  get roundTrip() {
    return this.#best()?.roundTrip ?? null;
  }

  /** How many ping samples are held (at most keep). */
  get size() {
    return this.#samples.length;
  }

  /** Forgets every sample and the rough guess (another server's clock). */
  reset() {
    this.#samples = [];
    this.#rough = null;
  }
}
