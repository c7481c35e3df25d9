// web-ext's linter (Mozilla's add-on checks, offline) on the Firefox build: no errors, no warnings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

test('web-ext lint finds nothing in dist/firefox', () => {
  const out = execFileSync(resolve('node_modules/.bin/web-ext'), ['lint', '--source-dir', 'dist/firefox', '--output', 'json'], {
    encoding: 'utf8',
  });
  const report = JSON.parse(out);
  const problems = [...report.errors, ...report.warnings].map((m) => `${m.code} ${m.file ?? ''}: ${m.message}`);
  assert.deepEqual(problems, []);
});
