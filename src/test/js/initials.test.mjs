import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initials } from '../../../webroot/js/membership/initials.js';

test('initials come from letters only, so a bracket or a digit never shows', () => {
  assert.equal(initials('Carol (projector)'), 'CP');
  assert.equal(initials('(projector) Carol'), 'PC');
  assert.equal(initials('Ben 2'), 'B');
  assert.equal(initials('"Ana"'), 'A');
});

test('the first two words with a letter, upper-cased, in any script', () => {
  assert.equal(initials('ana maría lópez'), 'AM');
  assert.equal(initials('Émile Zola'), 'ÉZ');
  assert.equal(initials('  Łucja   Nowak '), 'ŁN');
  assert.equal(initials('李 小龍'), '李小');
});

test('a name without letters gets a question mark', () => {
  assert.equal(initials('123'), '?');
  assert.equal(initials('🙂 🙂'), '?');
  assert.equal(initials(''), '?');
});
