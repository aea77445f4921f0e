import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { fileNameFrom, meetingLabel } from '../../../webroot/js/record/render.js';

describe('the record page', () => {
  test('a download keeps the server\'s file name only when it is plain letters, digits, dots and dashes', () => {
    assert.equal(fileNameFrom('attachment; filename="record-garden-club-meeting-1.md"', 'x.md'), 'record-garden-club-meeting-1.md');
    assert.equal(fileNameFrom('attachment; filename="../../etc/passwd"', 'x.md'), 'x.md');
    assert.equal(fileNameFrom('attachment; filename="<script>.md"', 'x.md'), 'x.md');
    assert.equal(fileNameFrom(null, 'record.json'), 'record.json');
  });

  test('the span picker names a meeting by its number and start, and says when it still runs', () => {
    const ended = meetingLabel({ number: 2, startedAt: Date.UTC(2026, 11, 2, 9, 40), endedAt: Date.UTC(2026, 11, 2, 10, 0) }, 'en-GB');
    assert.match(ended, /^Meeting 2 · /);
    assert.doesNotMatch(ended, /running/);
    assert.match(meetingLabel({ number: 3, startedAt: 0, endedAt: null }, 'en-GB'), /\(running\)$/);
  });
});
