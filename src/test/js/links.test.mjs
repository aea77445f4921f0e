import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { inviteFromHash, isLoopbackUrl, joinKeyFromHash, parsePastedLink } from '../../../webroot/js/links.js';

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

test('a link to this machine only is recognised, so the board can warn before it is shared', () => {
  assert.equal(isLoopbackUrl('http://localhost:8080/r/AbCd2345EfGh'), true);
  assert.equal(isLoopbackUrl('http://127.0.0.1:8080/r/AbCd2345EfGh#invite=x'), true);
  assert.equal(isLoopbackUrl('http://127.1.2.3/r/AbCd2345EfGh'), true);
  assert.equal(isLoopbackUrl('http://[::1]:8080/'), true);
  assert.equal(isLoopbackUrl('http://192.168.1.20:8080/r/AbCd2345EfGh'), false);
  assert.equal(isLoopbackUrl('https://cairn.example.org/r/AbCd2345EfGh'), false);
  assert.equal(isLoopbackUrl('https://localhost.example.org/'), false);
  assert.equal(isLoopbackUrl('not a link'), false);
});
