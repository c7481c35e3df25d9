// The background's gate: only known messages with sane fields get past it (checked before anything runs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BATCH, MAX_QUERY, MAX_TEXT, isValidRequest } from '../../extension/src/shared/messages.js';

test('known messages with sane fields pass', () => {
  for (const ok of [
    { type: 'lookupAt', text: '这家奶茶yyds', offset: 4 },
    { type: 'annotate', texts: ['yyds', ''] },
    { type: 'explain', texts: ['x'.repeat(MAX_TEXT)] },
    { type: 'search', query: 'tangping', limit: 20 },
    { type: 'entry', id: 0 },
    { type: 'status' },
  ]) {
    assert.equal(isValidRequest(ok), true, JSON.stringify(ok).slice(0, 80));
  }
});

test('anything else is refused', () => {
  for (const bad of [
    null,
    'lookupAt',
    [],
    {},
    { type: 'eval', code: '1' },
    { type: 'lookupAt', text: 'abc', offset: 3 },
    { type: 'lookupAt', text: 'abc', offset: -1 },
    { type: 'lookupAt', text: 'abc', offset: 1.5 },
    { type: 'lookupAt', text: 'abc', offset: '1' },
    { type: 'lookupAt', text: 'x'.repeat(MAX_TEXT + 1), offset: 0 },
    { type: 'lookupAt', text: 42, offset: 0 },
    { type: 'annotate', texts: 'yyds' },
    { type: 'annotate', texts: Array(MAX_BATCH + 1).fill('a') },
    { type: 'explain', texts: ['x'.repeat(MAX_TEXT + 1)] },
    { type: 'explain', texts: [{}] },
    { type: 'search', query: 'x'.repeat(MAX_QUERY + 1), limit: 5 },
    { type: 'search', query: 'x', limit: 101 },
    { type: 'entry', id: -1 },
    { type: 'entry', id: 2 ** 32 },
  ]) {
    assert.equal(isValidRequest(bad), false, JSON.stringify(bad)?.slice(0, 80));
  }
});
