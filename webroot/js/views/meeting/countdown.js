// The timebox: a countdown drawn from the server's absolute end and the board's clock-corrected
// now (connection.serverNow()), redrawn every 250 ms, never counted down by itself. A warning at
// the room's set time before the end and at zero: colour, an announcement for screen readers,
// and (if this person turned it on) a short tone. Past zero it shows the overrun.

import { h } from '../../dom.js';
import { crossed, format, phase, remaining, spoken } from '../../meeting/timer.js';

const FRAME_MS = 250;
const SOUND_KEY = 'cairn.meeting.sound';

export function soundOn() {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

export function setSound(on) {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // private mode: the choice lasts as long as the page
  }
}

let audio = null;

/** A short, soft tone: higher at zero than at the warning. */
function beep(kind) {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = kind === 'up' ? 880 : 660;
    gain.gain.setValueAtTime(0.0001, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.5);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.55);
  } catch {
    // no audio here: the visual and spoken warnings remain
  }
}

/**
 * A countdown element. update({timer, warnMs, label}) gives it the timer to show (null for
 * none); it draws itself until destroyed. announcer: a role=status element for the warnings.
 */
export function createCountdown({ connection, announcer }) {
  const digits = h('span', { class: 'countdown-digits', 'data-testid': 'timer-display', 'aria-hidden': 'true' });
  const label = h('span', { class: 'countdown-label', 'data-testid': 'timer-label' });
  const spokenNow = h('span', { class: 'visually-hidden', 'data-testid': 'timer-spoken' });
  const element = h('div', { class: 'countdown', 'data-testid': 'timer', role: 'timer', 'aria-live': 'off' },
    digits, label, spokenNow);
  let current = { timer: null, warnMs: 0, label: '' };
  let prevLeft = null;
  let prevTimerId = null;
  let interval = null;
  // Once played, the flash is gone for good: moving the element in the page must not replay it.
  element.addEventListener('animationend', () => element.classList.remove('flash'));

  function draw() {
    const { timer, warnMs } = current;
    const now = connection.serverNow();
    const left = remaining(timer, now);
    const state = phase(timer, now, warnMs);
    element.dataset.state = state;
    element.dataset.remainingMs = left == null ? '' : String(Math.round(left));
    element.dataset.endsAt = timer?.endsAt == null ? '' : String(timer.endsAt);
    const text = format(left);
    if (digits.textContent !== text) digits.textContent = text;
    const status = state === 'paused' ? 'Paused' : state === 'up' ? (left < -999 ? 'Over time' : 'Time is up') : '';
    if (label.textContent !== status) label.textContent = status;
    const words = timer ? `${current.label ? `${current.label}: ` : ''}${spoken(left)}${state === 'paused' ? ', paused' : ''}` : '';
    if (spokenNow.textContent !== words) spokenNow.textContent = words;
    if (timer && timer.id === prevTimerId && timer.endsAt != null) {
      for (const crossing of crossed(prevLeft, left, warnMs)) warn(crossing, left);
    }
    prevTimerId = timer?.id ?? null;
    prevLeft = left;
  }

  function warn(kind, left) {
    const what = current.label ? ` for ${current.label}` : '';
    announcer.textContent = kind === 'up' ? `Time is up${what}.` : `${spoken(left).replace(/ left$/, '')} left${what}.`;
    element.classList.remove('flash');
    void element.offsetWidth; // restart the animation
    element.classList.add('flash');
    if (soundOn()) beep(kind);
  }

  return {
    element,
    update(next) {
      current = next;
      if (next.timer && !interval) interval = setInterval(draw, FRAME_MS);
      if (!next.timer && interval) {
        clearInterval(interval);
        interval = null;
      }
      element.hidden = !next.timer;
      draw();
    },
    destroy() {
      clearInterval(interval);
      interval = null;
    },
  };
}
