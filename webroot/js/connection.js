// One WebSocket per open board: says hello with the member token (and the last applied seq, to
// resume), reconnects with exponential backoff and jitter, keeps unacknowledged commands in an
// outbox and re-sends them with the same ids after a reconnect (the server applies each id once),
// pings the server to notice dead connections, estimates the server's clock from the pongs, and
// reports its status to whoever listens.

import { ClockOffset } from './clock.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;
const PING_EVERY_MS = 20_000;
const PONG_WITHIN_MS = 10_000;
const WELCOME_WITHIN_MS = 15_000;
const STABLE_AFTER_MS = 10_000; // a connection that lived this long resets the backoff
const FLOODED_RETRY_MS = 5_000;
const PINGS_REMEMBERED = 8; // send times of unanswered pings kept for the clock estimate

/** Close codes after which reconnecting cannot help. */
const FINAL_CLOSES = {
  4001: 'unauthorized', // token bad or expired
  4004: 'not_found', // room or membership gone
};

/** Frames the connection answers itself; everything else goes to onFrames. */
const SESSION_FRAMES = new Set(['welcome', 'pong', 'ack']);

export function socketUrl(location = window.location) {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

/** A command the server refused: code is one of the protocol's error codes. */
export class CommandError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** A clock for round trips that the user or NTP setting the wall clock cannot disturb. */
function monotonicNow() {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function randomTag() {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

/**
 * Status: {state, attempt, retryAt, reason, since}
 *   state: 'connecting' (first time) | 'live' | 'reconnecting' | 'offline'
 *   attempt: how many reconnects in a row have failed (reconnecting)
 *   retryAt: epoch millis of the next try (reconnecting, offline for network)
 *   reason: 'network' (browser offline) | 'unauthorized' | 'not_found' (offline for good)
 */
export class Connection {
  #url;
  #token;
  #lastSeq;
  #onFrames;
  #listeners = new Set();
  #status = { state: 'connecting', attempt: 0, retryAt: null, reason: null, since: Date.now() };
  #socket = null;
  #welcomed = false;
  #liveSince = 0;
  #attempt = 0;
  #retryTimer = null;
  #welcomeTimer = null;
  #pingTimer = null;
  #pongTimer = null;
  #outbox = new Map(); // id → {message, resolve, reject}
  #tag = randomTag();
  #counter = 0;
  #stopped = false;
  #resumable = true;
  #clock = new ClockOffset();
  #pings = new Map(); // ping id → monotonicNow() when sent, on the current socket
  #conn = null;
  #node = null;

  /**
   * url: the socket URL; token: the member token; lastSeq(): the last applied seq or null;
   * onFrames(frames): receives snapshot, event, presence and unsolicited error frames in order.
   */
  constructor({ url, token, lastSeq, onFrames }) {
    this.#url = url;
    this.#token = token;
    this.#lastSeq = lastSeq;
    this.#onFrames = onFrames;
  }

  get status() {
    return this.#status;
  }

  /** Calls fn(status) now and on every change; returns an unsubscribe function. */
  onStatus(fn) {
    this.#listeners.add(fn);
    fn(this.#status);
    return () => this.#listeners.delete(fn);
  }

  start() {
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    document.addEventListener('visibilitychange', this.#onVisible);
    this.#open();
  }

  /** Closes for good: no reconnects, pending commands fail. */
  stop() {
    this.#stopped = true;
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onVisible);
    this.#clearTimers();
    if (this.#socket) this.#socket.close(1000, 'board closed');
    this.#socket = null;
    for (const [, pending] of this.#outbox) pending.reject(new CommandError('closed', 'the board was closed'));
    this.#outbox.clear();
  }

  /** Reconnects at once instead of waiting for the next retry. */
  retryNow() {
    if (this.#stopped || this.#socket) return;
    clearTimeout(this.#retryTimer);
    this.#open();
  }

  /** Drops the connection and comes back without lastSeq, so the server sends a fresh snapshot. */
  resync() {
    if (this.#stopped) return;
    this.#resumable = false;
    this.#abandon('resync');
    this.#welcomed = false;
    this.#open();
  }

  /** A fresh command id, for a caller that must know the id before the answer (the purpose editor). */
  nextId() {
    this.#counter += 1;
    return `${this.#tag}-${this.#counter}`;
  }

  /**
   * Sends a command; resolves with the ack's seq, rejects with a CommandError. Commands wait in the
   * outbox while the socket is down and are re-sent with the same id after a reconnect. options.id
   * (from nextId(), or the id of a command to send again unchanged) replaces the generated id.
   */
  send(type, body = {}, { id = this.nextId() } = {}) {
    const message = { ...body, type, id };
    return new Promise((resolve, reject) => {
      this.#outbox.get(id)?.reject(new CommandError('replaced', 'sent again'));
      this.#outbox.set(id, { message, resolve, reject });
      if (this.#welcomed) this.#write(message);
    });
  }

  /**
   * Sends a message that is not a command (no id, no answer, not kept), such as a caret. Dropped
   * when the socket is not live; returns whether it went out.
   */
  signal(message) {
    if (!this.#welcomed || this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  /** Whether the socket is open and the server has welcomed it. */
  get live() {
    return this.#welcomed;
  }

  /** How many commands await an answer. */
  get pending() {
    return this.#outbox.size;
  }

  /** This board's connection id from the latest welcome (signals from it carry it), or null. */
  get conn() {
    return this.#conn;
  }

  /**
   * The server's clock minus this browser's, in whole ms: from the ping with the shortest round
   * trip of the last few, or a rough guess from welcome until the first pong; null before welcome.
   */
  get clockOffset() {
    const offset = this.#clock.offset;
    return offset === null ? null : Math.round(offset);
  }

  /** The server's time now, in epoch millis, as well as this board can tell (Date.now() before welcome). */
  serverNow() {
    return Date.now() + (this.clockOffset ?? 0);
  }

  // ---- socket lifecycle ----------------------------------------------------------------------

  #open() {
    if (this.#stopped) return;
    this.#clearTimers();
    this.#welcomed = false;
    this.#pings.clear();
    let socket;
    try {
      socket = new WebSocket(this.#url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.addEventListener('open', () => {
      if (socket !== this.#socket) return;
      const hello = { type: 'hello', token: this.#token };
      const seq = this.#resumable ? this.#lastSeq() : null;
      if (Number.isInteger(seq) && seq >= 0) hello.lastSeq = seq;
      this.#resumable = true;
      socket.send(JSON.stringify(hello));
    });
    socket.addEventListener('message', (e) => {
      if (socket === this.#socket) this.#receive(e.data);
    });
    socket.addEventListener('close', (e) => {
      if (socket === this.#socket) this.#closed(e.code);
    });
    // A socket that never gets to welcome (hung TCP, stuck proxy) is given up on.
    this.#welcomeTimer = setTimeout(() => {
      if (socket !== this.#socket || this.#welcomed) return;
      this.#abandon('no welcome');
      this.#closed(1006);
    }, WELCOME_WITHIN_MS);
  }

  #closed(code) {
    const wasLive = this.#welcomed;
    this.#socket = null;
    this.#welcomed = false;
    this.#clearTimers();
    if (this.#stopped) return;
    const final = FINAL_CLOSES[code];
    if (final) {
      this.#setStatus({ state: 'offline', attempt: this.#attempt, retryAt: null, reason: final });
      for (const [, pending] of this.#outbox) pending.reject(new CommandError('closed', 'the connection ended'));
      this.#outbox.clear();
      window.removeEventListener('online', this.#onOnline);
      return;
    }
    if (wasLive && Date.now() - this.#liveSince > STABLE_AFTER_MS) this.#attempt = 0;
    this.#scheduleRetry(code);
  }

  #scheduleRetry(code) {
    this.#attempt += 1;
    const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.#attempt - 1));
    let delay = ceiling / 2 + Math.random() * (ceiling / 2); // "equal jitter": spread, never zero
    if (code === 1001 && this.#attempt === 1) delay = Math.random() * FIRST_RETRY_MS; // node going away: come back at once, spread out
    if (code === 1008) delay = Math.max(delay, FLOODED_RETRY_MS);
    const retryAt = Date.now() + delay;
    const offline = navigator.onLine === false;
    this.#setStatus({
      state: offline ? 'offline' : 'reconnecting',
      attempt: this.#attempt,
      retryAt,
      reason: offline ? 'network' : null,
    });
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#open(), delay);
  }

  #clearTimers() {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#welcomeTimer);
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    this.#retryTimer = this.#welcomeTimer = this.#pingTimer = this.#pongTimer = null;
  }

  #onOnline = () => {
    if (!this.#socket && !this.#stopped) this.retryNow();
  };

  #onOffline = () => {
    if (!this.#socket && !this.#stopped && this.#status.state === 'reconnecting') {
      this.#setStatus({ ...this.#status, state: 'offline', reason: 'network' });
    }
  };

  #onVisible = () => {
    if (document.visibilityState === 'visible' && !this.#socket && this.#status.state === 'reconnecting') {
      this.retryNow();
    }
  };

  /** Lets go of a socket the browser still thinks is open; its close event will be ignored. */
  #abandon(reason) {
    const socket = this.#socket;
    this.#socket = null;
    try {
      socket?.close(4100, reason);
    } catch {
      // already closing
    }
  }

  // ---- frames --------------------------------------------------------------------------------

  #receive(text) {
    const at = { wall: Date.now(), mono: monotonicNow() }; // before parsing: a pong's arrival
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return; // not ours to fix; the server only sends JSON
    }
    const frames = Array.isArray(data) ? data : [data];
    const forBoard = [];
    for (const frame of frames) {
      if (!frame || typeof frame !== 'object') continue;
      if (SESSION_FRAMES.has(frame.type)) this.#session(frame, at);
      else if (frame.type === 'error' && frame.id && this.#outbox.has(frame.id)) this.#refused(frame);
      else forBoard.push(frame);
    }
    if (forBoard.length) this.#onFrames(forBoard);
  }

  #session(frame, at) {
    switch (frame.type) {
      case 'welcome':
        this.#welcomed = true;
        this.#liveSince = Date.now();
        clearTimeout(this.#welcomeTimer);
        this.#welcomeClock(frame, at);
        this.#startPinging();
        this.#ping(); // a clock sample within one round trip, ahead of the re-sent outbox
        this.#onFrames([frame]);
        this.#setStatus({ state: 'live', attempt: 0, retryAt: null, reason: null });
        for (const [, pending] of this.#outbox) this.#write(pending.message);
        break;
      case 'pong': {
        clearTimeout(this.#pongTimer);
        this.#pongTimer = null;
        const sentAt = this.#pings.get(frame.id);
        if (sentAt !== undefined) {
          this.#pings.delete(frame.id);
          // Wall-clock times, with the round trip measured on the monotonic clock.
          const roundTrip = at.mono - sentAt;
          this.#clock.sample(at.wall - roundTrip, frame.serverTime, at.wall);
        }
        break;
      }
      case 'ack': {
        const pending = this.#outbox.get(frame.id);
        if (pending) {
          this.#outbox.delete(frame.id);
          pending.resolve(frame.seq);
        }
        break;
      }
      default:
        break;
    }
  }

  #refused(frame) {
    const pending = this.#outbox.get(frame.id);
    this.#outbox.delete(frame.id);
    pending.reject(new CommandError(frame.code, frame.message || frame.code));
  }

  /** The welcome's conn, and its serverTime as a first, rough clock estimate. */
  #welcomeClock(frame, at) {
    this.#conn = typeof frame.conn === 'string' ? frame.conn : null;
    const node = frame.node ?? null;
    if (node !== this.#node) this.#clock.reset(); // another server's clock: start over
    this.#node = node;
    this.#clock.rough(frame.serverTime, at.wall);
  }

  /** An app-level ping; its pong (with serverTime) becomes a clock sample. */
  #ping() {
    const id = `${this.nextId()}p`;
    this.#pings.set(id, monotonicNow());
    if (this.#pings.size > PINGS_REMEMBERED) this.#pings.delete(this.#pings.keys().next().value);
    this.#write({ type: 'ping', id });
  }

  #startPinging() {
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => {
      if (!this.#welcomed || this.#pongTimer) return;
      this.#ping();
      const socket = this.#socket;
      this.#pongTimer = setTimeout(() => {
        // No pong: the connection is dead even if the browser has not noticed yet.
        if (!socket || socket !== this.#socket) return;
        this.#abandon('no pong');
        this.#closed(1006);
      }, PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  #write(message) {
    if (this.#socket && this.#socket.readyState === WebSocket.OPEN) {
      this.#socket.send(JSON.stringify(message));
    }
  }

  #setStatus(next) {
    this.#status = { ...next, since: Date.now() };
    for (const fn of this.#listeners) fn(this.#status);
  }
}
