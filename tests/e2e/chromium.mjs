// Starts Debian's Chromium headless with the built extension (dist/chrome) loaded, and Xiaohongshu's
// host names pointed at the fixture server. Shared by the browser tests and the benchmark.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { SITE_HOSTS } from './server.mjs';

/** A persistent browser context with the extension (in a new profile, or in `profile` to start that
 *  browser again); resolves once its background has started. */
export async function launchChromium(server, { profile = null } = {}) {
  const extension = resolve('dist/chrome');
  profile ??= await mkdtemp(join(tmpdir(), 'redlens-chromium-'));
  const map = SITE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1000, height: 800 },
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
