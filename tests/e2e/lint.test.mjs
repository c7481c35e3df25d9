// Static checks of what ships and of the tests: web-ext's linter (Mozilla's add-on checks, offline)
// on the Firefox build, no HTML or code built from strings anywhere in the extension, and no wait that
// cannot wait.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

test('the Firefox build installs on Firefox for Android too, from the same version', () => {
  const { gecko, gecko_android: android } = JSON.parse(readFileSync('dist/firefox/manifest.json', 'utf8')).browser_specific_settings;
  assert.ok(android, 'gecko_android is declared');
  assert.equal(android.strict_min_version, gecko.strict_min_version);
});

test('web-ext lint finds nothing in dist/firefox', () => {
  const out = execFileSync(resolve('node_modules/.bin/web-ext'), ['lint', '--source-dir', 'dist/firefox', '--output', 'json'], {
    encoding: 'utf8',
  });
  const report = JSON.parse(out);
  const problems = [...report.errors, ...report.warnings].map((m) => `${m.code} ${m.file ?? ''}: ${m.message}`);
  assert.deepEqual(problems, []);
});

// No HTML is ever built from strings and no code from text, in the sources or in what ships (the
// bundles include the wasm-bindgen glue), in the extension and in the playground site.
test('no HTML sinks or eval in the extension or the site', () => {
  const sinks = /\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|\beval\(|new Function\(|setTimeout\(\s*['"`]/;
  const files = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.(m?js|html)$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  const shipped = ['extension', 'www', 'dist/chrome', 'dist/firefox', 'dist/www'].flatMap(files);
  assert.ok(shipped.some((f) => f.endsWith('dist/www/app.js')), 'the site is built and checked');
  const offending = shipped.filter((f) =>
    sinks.test(readFileSync(f, 'utf8')),
  );
  assert.deepEqual(offending, []);
});

// Nothing outside the extension can reach it: no page may message it or load its files.
test('the manifests open nothing to pages', () => {
  for (const browser of ['chrome', 'firefox']) {
    const manifest = JSON.parse(readFileSync(`dist/${browser}/manifest.json`, 'utf8'));
    assert.equal(manifest.externally_connectable, undefined, browser);
    assert.equal(manifest.web_accessible_resources, undefined, browser);
    // Chrome's service worker cannot start the picture reader's worker: an offscreen document hosts it.
    const offscreen = browser === 'chrome' ? ['offscreen'] : [];
    assert.deepEqual(manifest.permissions, ['storage', 'scripting', 'activeTab', 'contextMenus', ...offscreen], browser);
    // No host permission beyond Xiaohongshu's: pictures are read from a capture of the tab, which the
    // user's gesture allows (activeTab), never fetched from their servers.
    assert.deepEqual(manifest.host_permissions, ['*://www.xiaohongshu.com/*', '*://www.rednote.com/*'], browser);
  }
});

// Playwright's waitForFunction takes the promise an async predicate returns as "true" and stops
// waiting at once; such a wait checks nothing (a restart test passed its wait and then failed on what
// it waited for; the wait for the segmenter, whose check returned a `.then()` chain, had never waited).
// The tests wait on async checks with `until` instead.
test('no browser test waits on an async predicate with waitForFunction', () => {
  const dirs = ['tests/e2e', 'tests/bench'];
  const offending = dirs
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.mjs')).map((f) => join(d, f)))
    .filter((f) => /waitForFunction\(\s*(async\b|\([^)]*\)\s*=>[^\n]*\.then\()/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offending, []);
});
