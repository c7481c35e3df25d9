// Starts Debian's Chromium headless with the built extension (dist/chrome) loaded, and Xiaohongshu's
// host names pointed at the fixture server. Shared by the browser tests and the benchmark.

import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { SITE_HOSTS } from './server.mjs';
import { probeSource, shadowHost, until } from './page-helpers.mjs';

/** A phone, as Playwright emulates one: its screen, its pixel density, touch and its browser's name. */
export const PHONE = Object.freeze({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
});

/** A persistent browser context with the extension (dist/chrome, or the unpacked copy at `extension`; in
 *  a new profile, or in `profile` to start that browser again), as a desktop or as a `phone`; resolves
 *  once its background has started. */
export async function launchChromium(server, { profile = null, phone = false, extension = resolve('dist/chrome') } = {}) {
  profile ??= await mkdtemp(join(tmpdir(), 'redlens-chromium-'));
  const map = SITE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    ...(phone ? PHONE : { viewport: { width: 1000, height: 800 } }),
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      `--host-resolver-rules=${map}`,
      // The fixture server speaks plain HTTP; the sites it stands in for are HTTPS, secure contexts (where
      // the browser offers APIs such as its translator). Treat them so here too.
      `--unsafely-treat-insecure-origin-as-secure=${SITE_HOSTS.map((h) => `http://${h}`).join(',')}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host, profile };
}

/** A copy of the built extension (dist/chrome) that holds the host permission for all pages, which lets
 *  its background capture a tab without the user's gesture: headless Chromium has no toolbar to click
 *  and no key reaches its shortcuts, and the gesture's one effect is that grant (activeTab). For the
 *  tests and the benchmark of reading pictures only. */
export async function extensionThatMayCapture() {
  const extension = await mkdtemp(join(tmpdir(), 'redlens-capture-'));
  await cp(resolve('dist/chrome'), extension, { recursive: true });
  const manifest = JSON.parse(await readFile(join(extension, 'manifest.json'), 'utf8'));
  manifest.host_permissions.push('<all_urls>');
  await writeFile(join(extension, 'manifest.json'), JSON.stringify(manifest));
  return extension;
}

/** Waits until the background has built its segmenter (hovers before that use longest match). */
export async function segmenterReady(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  // `until`, not waitForFunction: that takes the promise the check returns as its answer.
  await until(page, () => chrome.runtime.sendMessage({ type: 'status' }).then((r) => r?.ok && r.result.segmenterReady), {
    timeout: 30000,
  });
  await page.close();
}

/** What `probe` reads in the closed shadow root of RedLens's `which` host ('card' or 'panel'), through
 *  DevTools (closed shadow roots are out of the page's reach), or null where there is none. The hosts'
 *  names are random for each page load; they are known by what their shadow roots hold. */
export async function probeShadow(page, which, probe, executionContextId = undefined) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const found = shadowHost(root, which);
    if (!found) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: found.shadowRoots[0].backendNodeId, executionContextId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      returnByValue: true,
      functionDeclaration: probeSource(probe),
    });
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** Records in `into` every http(s) request of `context` to a host other than the fixture sites':
 *  the extension must make none. */
export function recordForeignRequests(context, into) {
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (!SITE_HOSTS.includes(url.hostname) && url.protocol.startsWith('http')) into.push(r.url());
  });
}
