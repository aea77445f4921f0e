import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ClockOffset, KEEP_SAMPLES } from '../../../webroot/js/clock.js';
import { seeded } from './support/random.mjs';

describe('ClockOffset', () => {
  test('has no estimate before any sample', () => {
    const clock = new ClockOffset();
    assert.equal(clock.offset, null);
    assert.equal(clock.roundTrip, null);
    assert.equal(clock.size, 0);
  });

  test('one sample: the server time minus the midpoint of the round trip', () => {
    const clock = new ClockOffset();
    // sent at 1,000, answered by a server 5,000 ms ahead at its 6,040, back at 1,080
    assert.equal(clock.sample(1000, 6040, 1080), true);
    assert.equal(clock.offset, 5000);
    assert.equal(clock.roundTrip, 80);
  });

  test('a server behind this browser gives a negative offset', () => {
    const clock = new ClockOffset();
    clock.sample(10_000, 7_510, 10_020);
    assert.equal(clock.offset, -2500);
  });

  test('the rough guess from welcome counts only until a ping sample exists', () => {
    const clock = new ClockOffset();
    assert.equal(clock.rough(9_000, 4_000), true);
    assert.equal(clock.offset, 5000);
    assert.equal(clock.roundTrip, null, 'a rough guess has no round trip');
    clock.sample(4_100, 9_160, 4_120);
    assert.equal(clock.offset, 5050);
    clock.rough(20_000, 4_200); // a later welcome does not displace a real sample
    assert.equal(clock.offset, 5050);
  });

  test('keeps the sample with the shortest round trip', () => {
    const clock = new ClockOffset();
    clock.sample(0, 1_000 + 150, 300); // rtt 300 → offset 1000
    clock.sample(1_000, 2_000 + 1_020, 1_040); // rtt 40 → offset 2000
    clock.sample(2_000, 3_000 + 2_250, 2_500); // rtt 500 → offset 3000
    assert.equal(clock.offset, 2000);
    assert.equal(clock.roundTrip, 40);
  });

  test('at equal round trips the older sample stays', () => {
    const clock = new ClockOffset();
    clock.sample(0, 110, 20);
    clock.sample(100, 330, 120);
    assert.equal(clock.offset, 100);
  });

  test(`only the last ${KEEP_SAMPLES} samples count: the best one ages out`, () => {
    const clock = new ClockOffset();
    clock.sample(0, 1_005, 10); // rtt 10, offset 1000: the best
    for (let i = 1; i < KEEP_SAMPLES; i += 1) clock.sample(i * 1000, i * 1000 + 2_050, i * 1000 + 100);
    assert.equal(clock.size, KEEP_SAMPLES);
    assert.equal(clock.offset, 1000, 'still among the last 8');
    clock.sample(9_000, 9_000 + 3_000 + 60, 9_120); // rtt 120
    assert.equal(clock.size, KEEP_SAMPLES);
    assert.equal(clock.offset, 2000, 'the best of what is left (rtt 100)');
    assert.equal(clock.roundTrip, 100);
  });

  test('the number of samples kept can be chosen', () => {
    const clock = new ClockOffset({ keep: 2 });
    clock.sample(0, 1_005, 10);
    clock.sample(100, 2_150, 200);
    clock.sample(200, 3_250, 300);
    assert.equal(clock.size, 2);
    assert.equal(clock.offset, 2000);
  });

  test('refuses samples with a negative round trip or a missing number', () => {
    const clock = new ClockOffset();
    assert.equal(clock.sample(100, 5_000, 90), false, 'received before it was sent: clock set back');
    assert.equal(clock.sample(100, undefined, 120), false, 'a pong without serverTime');
    assert.equal(clock.sample(100, null, 120), false);
    assert.equal(clock.sample(NaN, 5_000, 120), false);
    assert.equal(clock.sample(100, '5000', 120), false);
    assert.equal(clock.rough(undefined, 100), false);
    assert.equal(clock.offset, null);
    assert.equal(clock.size, 0);
    assert.equal(clock.sample(100, 5_000, 100), true, 'a zero round trip is fine');
    assert.equal(clock.offset, 4900);
  });

  test('reset forgets the samples and the rough guess', () => {
    const clock = new ClockOffset();
    clock.rough(5_000, 1_000);
    clock.sample(0, 1_005, 10);
    clock.reset();
    assert.equal(clock.offset, null);
    assert.equal(clock.size, 0);
  });

  test('seeded: with asymmetric delays the estimate is the min-round-trip sample, within half of it', () => {
    const rnd = seeded(31);
    for (let run = 0; run < 200; run += 1) {
      const trueOffset = rnd.int(-3_600_000, 3_600_000);
      const clock = new ClockOffset();
      const samples = [];
      let now = 1_700_000_000_000 + rnd.int(0, 1e9);
      const n = rnd.int(1, 20);
      for (let i = 0; i < n; i += 1) {
        now += rnd.int(1, 20_000);
        const up = rnd.chance(0.2) ? rnd.int(200, 3000) : rnd.int(1, 80); // sometimes a stall
        const down = rnd.chance(0.2) ? rnd.int(200, 3000) : rnd.int(1, 80);
        const sentAt = now;
        const serverTime = sentAt + up + trueOffset;
        const receivedAt = sentAt + up + down;
        clock.sample(sentAt, serverTime, receivedAt);
        samples.push({ offset: serverTime - (sentAt + receivedAt) / 2, roundTrip: up + down });
        now = receivedAt;
      }
      const recent = samples.slice(-KEEP_SAMPLES);
      const best = recent.reduce((a, b) => (b.roundTrip < a.roundTrip ? b : a));
      assert.equal(clock.offset, best.offset);
      assert.equal(clock.roundTrip, best.roundTrip);
      assert.ok(Math.abs(clock.offset - trueOffset) <= best.roundTrip / 2, JSON.stringify({ trueOffset, best }));
    }
  });
});
