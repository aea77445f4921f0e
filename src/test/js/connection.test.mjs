// The connection's clock estimate and the session behaviour around it, against a fake WebSocket
// and mocked timers and clocks (connection.js reads window, document, navigator and WebSocket as
// globals, so they are stood in for here).
import {
  after, afterEach, before, beforeEach, describe, mock, test,
} from 'node:test';
import assert from 'node:assert/strict';

class FakeSocket {
  static CONNECTING = 0;

  static OPEN = 1;

  static CLOSING = 2;

  static CLOSED = 3;

  static all = [];

  constructor(url) {
    this.url = url;
    this.readyState = FakeSocket.CONNECTING;
    this.sent = [];
    this.listeners = {};
    this.closedWith = null;
    FakeSocket.all.push(this);
  }

  addEventListener(type, fn) {
    (this.listeners[type] ??= []).push(fn);
  }

  #emit(type, event) {
    for (const fn of this.listeners[type] ?? []) fn(event);
  }

  // the server's side
  accept() {
    this.readyState = FakeSocket.OPEN;
    this.#emit('open', {});
  }

  deliver(frame) {
    this.#emit('message', { data: JSON.stringify(frame) });
  }

  drop(code = 1006) {
    this.readyState = FakeSocket.CLOSED;
    this.#emit('close', { code });
  }

  // the board's side
  send(text) {
    this.sent.push(JSON.parse(text));
  }

  close(code, reason) {
    this.readyState = FakeSocket.CLOSED;
    this.closedWith = { code, reason };
  }

  get pings() {
    return this.sent.filter((m) => m.type === 'ping');
  }
}

const saved = {};
let Connection;

before(async () => {
  for (const name of ['window', 'document', 'WebSocket', 'navigator']) {
    saved[name] = Object.getOwnPropertyDescriptor(globalThis, name);
  }
  const define = (name, value) => Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  define('window', new EventTarget());
  const doc = new EventTarget();
  doc.visibilityState = 'visible';
  define('document', doc);
  define('WebSocket', FakeSocket);
  if (typeof globalThis.navigator === 'undefined') define('navigator', { onLine: true });
  ({ Connection } = await import('../../../webroot/js/connection.js'));
});

after(() => {
  for (const [name, descriptor] of Object.entries(saved)) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete globalThis[name];
  }
});

// Wall clock (Date.now) and monotonic clock (performance.now), moved together by advance().
let wall;
let mono;
let connection;
let frames;

function advance(ms) {
  wall += ms;
  mono += ms;
  mock.timers.tick(ms);
}

function start({ lastSeq = () => null } = {}) {
  frames = [];
  connection = new Connection({ url: 'ws://test/ws', token: 'tok', lastSeq, onFrames: (f) => frames.push(...f) });
  connection.start();
  return FakeSocket.all.at(-1);
}

function welcome(socket, { serverTime = wall, conn = 'c-1', node = 'n1' } = {}) {
  socket.deliver({ type: 'welcome', roomId: 'r1', node, conn, serverTime, member: { id: 'ana' } });
}

/** Answers a ping after up ms to the server, stamped with server time wall + offset, and down ms back. */
function pong(socket, ping, { offset, up, down, serverTime }) {
  advance(up);
  const stamp = serverTime ?? wall + offset;
  advance(down);
  socket.deliver({ type: 'pong', id: ping.id, ...(stamp === undefined ? {} : { serverTime: stamp }) });
}

beforeEach(() => {
  FakeSocket.all = [];
  wall = 1_700_000_000_000;
  mono = 50_000;
  mock.method(Date, 'now', () => wall);
  mock.method(performance, 'now', () => mono);
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
});

afterEach(() => {
  connection?.stop();
  connection = null;
  mock.timers.reset();
  mock.restoreAll();
});

describe('Connection: the server clock', () => {
  test('before welcome there is no offset, serverNow is the local time and conn is null', () => {
    const socket = start();
    socket.accept();
    assert.deepEqual(socket.sent, [{ type: 'hello', token: 'tok' }]);
    assert.equal(connection.clockOffset, null);
    assert.equal(connection.serverNow(), wall);
    assert.equal(connection.conn, null);
  });

  test('welcome: conn is remembered, serverTime gives a rough offset, and a ping goes out at once', () => {
    const socket = start();
    socket.accept();
    welcome(socket, { serverTime: wall + 7_000, conn: 'conn-42' });
    assert.equal(connection.conn, 'conn-42');
    assert.equal(connection.clockOffset, 7_000);
    assert.equal(connection.serverNow(), wall + 7_000);
    assert.equal(socket.pings.length, 1);
    assert.equal(frames[0].type, 'welcome', 'the welcome still reaches the board');
    assert.equal(connection.live, true);
  });

  test('the ping after welcome goes out ahead of the re-sent outbox', () => {
    const socket = start();
    socket.accept();
    const acked = connection.send('room.rename', { title: 'T' });
    assert.equal(socket.sent.length, 1, 'not sent before welcome');
    welcome(socket);
    assert.deepEqual(socket.sent.map((m) => m.type), ['hello', 'ping', 'room.rename']);
    socket.deliver({ type: 'ack', id: socket.sent[2].id, seq: 4 });
    return acked.then((seq) => assert.equal(seq, 4));
  });

  test('a pong sets the offset from the midpoint of its round trip', () => {
    const socket = start();
    socket.accept();
    welcome(socket, { serverTime: wall + 2_900 }); // rough: late by the one-way delay
    const sentAt = wall;
    pong(socket, socket.pings[0], { offset: 3_000, up: 30, down: 70 });
    // server stamped sentAt + 30 + 3000; midpoint is sentAt + 50 → 2980 (true offset 3000, rtt 100)
    assert.equal(connection.clockOffset, sentAt + 30 + 3_000 - (sentAt + sentAt + 100) / 2);
    assert.equal(connection.clockOffset, 2_980);
    assert.equal(connection.serverNow(), wall + 2_980);
  });

  test('the round trip is measured on the monotonic clock, not on a wall clock set meanwhile', () => {
    const socket = start();
    socket.accept();
    welcome(socket);
    const ping = socket.pings[0];
    mono += 40; // 40 ms go by…
    wall += 40 - 60_000; // …while the wall clock is set back a minute
    socket.deliver({ type: 'pong', id: ping.id, serverTime: wall + 5_000 - 20 });
    assert.equal(connection.clockOffset, 5_000 - 20 - (-20), 'offset against the wall clock as it reads now');
  });

  test('keeps the estimate of the shortest round trip among the last 8 pongs', () => {
    const socket = start();
    socket.accept();
    welcome(socket);
    pong(socket, socket.pings[0], { offset: 1_000, up: 5, down: 5 }); // rtt 10: offset 1000
    assert.equal(connection.clockOffset, 1_000);
    for (let i = 1; i <= 7; i += 1) {
      advance(20_000); // the periodic ping
      assert.equal(socket.pings.length, i + 1);
      pong(socket, socket.pings[i], { offset: 1_000, up: 200, down: 0 }); // rtt 200: estimate 1100
      assert.equal(connection.clockOffset, 1_000, `after ${i} slower pongs`);
    }
    advance(20_000);
    pong(socket, socket.pings[8], { offset: 1_000, up: 150, down: 0 }); // rtt 150: estimate 1075
    assert.equal(connection.clockOffset, 1_075, 'the rtt-10 sample aged out; rtt 150 is the best left');
  });

  test('a pong without serverTime, or for a ping it does not know, is no sample but still clears the pong timer', () => {
    const socket = start();
    socket.accept();
    welcome(socket, { serverTime: wall + 500 });
    advance(20_000);
    assert.equal(socket.pings.length, 2);
    socket.deliver({ type: 'pong', id: 'someone-elses-ping', serverTime: wall + 99_999 });
    socket.deliver({ type: 'pong', id: socket.pings[1].id }); // an older server: no serverTime
    assert.equal(connection.clockOffset, 500, 'still the rough guess');
    advance(10_000);
    assert.equal(socket.closedWith, null, 'the pong timer was cleared');
    assert.equal(FakeSocket.all.length, 1);
  });

  test('pongs that come back on a later socket for pings of an earlier one are ignored', () => {
    const first = start();
    first.accept();
    welcome(first, { serverTime: wall });
    const oldPing = first.pings[0];
    first.drop(1006);
    advance(1_000); // the retry (≤ 500 ms after a first failure)
    const second = FakeSocket.all[1];
    assert.ok(second, 'reconnected');
    second.accept();
    welcome(second, { serverTime: wall + 10 });
    second.deliver({ type: 'pong', id: oldPing.id, serverTime: wall + 50_000 });
    assert.equal(connection.clockOffset, 10);
  });
});

describe('Connection: reconnects and the clock', () => {
  function reconnect(socket) {
    socket.drop(1006);
    advance(1_000);
    const next = FakeSocket.all.at(-1);
    assert.notEqual(next, socket);
    next.accept();
    return next;
  }

  test('back on the same node the best sample is kept; the new welcome pings again', () => {
    const first = start();
    first.accept();
    welcome(first, { conn: 'c-1' });
    pong(first, first.pings[0], { offset: 4_000, up: 10, down: 10 });
    const second = reconnect(first);
    welcome(second, { serverTime: wall + 9_999, conn: 'c-2' });
    assert.equal(connection.conn, 'c-2');
    assert.equal(connection.clockOffset, 4_000, 'a rough guess does not replace a real sample');
    assert.equal(second.pings.length, 1);
  });

  test('on another node the estimate starts over from its welcome', () => {
    const first = start();
    first.accept();
    welcome(first, { node: 'n1' });
    pong(first, first.pings[0], { offset: 4_000, up: 10, down: 10 });
    const second = reconnect(first);
    welcome(second, { serverTime: wall + 9_000, node: 'n2' });
    assert.equal(connection.clockOffset, 9_000);
    pong(second, second.pings[0], { offset: 9_100, up: 20, down: 20 });
    assert.equal(connection.clockOffset, 9_100);
  });
});

describe('Connection: the periodic ping is unchanged', () => {
  test('an unanswered periodic ping drops the connection after 10 s and reconnects', () => {
    const socket = start();
    socket.accept();
    welcome(socket);
    pong(socket, socket.pings[0], { offset: 0, up: 1, down: 1 });
    advance(20_000);
    assert.equal(socket.pings.length, 2);
    advance(9_999);
    assert.equal(socket.closedWith, null);
    advance(1);
    assert.deepEqual(socket.closedWith, { code: 4100, reason: 'no pong' });
    assert.equal(connection.status.state, 'reconnecting');
    advance(1_000);
    assert.equal(FakeSocket.all.length, 2);
  });

  test('the ping at welcome does not arm the dead-connection timer', () => {
    const socket = start();
    socket.accept();
    welcome(socket); // its ping is never answered
    advance(19_999);
    assert.equal(socket.closedWith, null);
    assert.equal(socket.pings.length, 1);
    advance(1);
    assert.equal(socket.pings.length, 2, 'the periodic ping still goes out at 20 s');
    socket.deliver({ type: 'pong', id: socket.pings[1].id, serverTime: wall });
    advance(10_000);
    assert.equal(socket.closedWith, null);
  });

  test('a periodic ping is skipped while one is unanswered', () => {
    const socket = start();
    socket.accept();
    welcome(socket);
    advance(20_000);
    assert.equal(socket.pings.length, 2);
    advance(5_000);
    socket.deliver({ type: 'pong', id: socket.pings[1].id, serverTime: wall });
    advance(15_000);
    assert.equal(socket.pings.length, 3);
  });
});
