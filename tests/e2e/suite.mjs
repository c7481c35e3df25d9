// The frame every Chromium test file runs in: the fixture server, Chromium with the extension, and a
// record of the requests the browser made to other hosts (the extension must make none).

import { after, before } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { extensionThatMayCapture, launchChromium, recordForeignRequests, segmenterReady } from './chromium.mjs';
import { startServer } from './server.mjs';

/** Where the browser tests leave their screenshots and downloads. */
export const ARTIFACTS = resolve('target/e2e');

/** Registers the test file's `before` and `after` hooks, and returns what they open (`server`, `context`,
 *  `extensionId`, and `foreignRequests`, the requests made to other hosts), filled in once `before` has
 *  run. Chromium starts as a `phone`, or with the copy of the extension that may capture pages
 *  (`mayCapture`, see extensionThatMayCapture); with `segmenter`, `before` also waits until the
 *  background has built its segmenter. */
export function chromiumSuite({ phone = false, mayCapture = false, segmenter = true } = {}) {
  const suite = { server: null, context: null, extensionId: null, foreignRequests: [] };
  before(async () => {
    suite.server = await startServer();
    await mkdir(ARTIFACTS, { recursive: true });
    const extension = mayCapture ? await extensionThatMayCapture() : undefined;
    const launched = await launchChromium(suite.server, { phone, extension });
    Object.assign(suite, { context: launched.context, extensionId: launched.extensionId });
    recordForeignRequests(suite.context, suite.foreignRequests);
    if (segmenter) await segmenterReady(suite.context, suite.extensionId);
  });
  after(async () => {
    await suite.context?.close();
    await suite.server?.close();
  });
  return suite;
}
