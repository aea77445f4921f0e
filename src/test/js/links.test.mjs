import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { inviteFromHash, joinKeyFromHash, parsePastedLink } from '../../../webroot/js/links.js';

describe('room links', () => {
  test('the room link key and the facilitator key are read from the fragment', () => {
    assert.equal(joinKeyFromHash('#join=abc_DEF-1'), 'abc_DEF-1');
    assert.equal(inviteFromHash('#invite=Zz9'), 'Zz9');
    assert.equal(joinKeyFromHash('#invite=Zz9'), null);
    assert.equal(joinKeyFromHash('#join=<script>'), null, 'only key characters');
    assert.equal(joinKeyFromHash(''), null);
  });

  test('a pasted link keeps its key', () => {
    const origin = 'https://cairn.example.org';
    assert.equal(parsePastedLink('https://cairn.example.org/r/abcdefghijkl#join=k3y', origin),
      'https://cairn.example.org/r/abcdefghijkl#join=k3y');
    assert.equal(parsePastedLink('/r/abcdefghijkl#invite=f4c', origin), 'https://cairn.example.org/r/abcdefghijkl#invite=f4c');
    assert.equal(parsePastedLink('abcdefghijkl', origin), 'https://cairn.example.org/r/abcdefghijkl');
    assert.equal(parsePastedLink('javascript:alert(1)', origin), null);
  });
});
