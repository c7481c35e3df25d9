// A static server for the fixture pages, on the loopback interface only. Pages are served under any
// host name, so the browsers can be pointed at www.xiaohongshu.com and reach this server instead.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The host names the extension runs on; the browsers are pointed at this server for them. */
export const SITE_HOSTS = ['www.xiaohongshu.com', 'www.rednote.com'];

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };

/** Routes of the fake site: Xiaohongshu's URL shapes, each served by a fixture file. */
const ROUTES = [
  [/^\/explore\/?$/, 'feed.html'],
  // A note whose cover carries text (the picture reader's tests).
  [/^\/explore\/0{20}c0de/, 'picture-note.html'],
  [/^\/explore\/[0-9a-f]{24}/, 'note.html'],
  // The mobile web's note page.
  [/^\/discovery\/item\/[0-9a-f]{24}/, 'mobile-note.html'],
];

/** Starts the server; resolves with { port, hosts, close }: `hosts()` lists every host name asked for. */
export function startServer() {
  const hosts = new Set();
  const server = createServer(async (req, res) => {
    // As a proxy the server sees absolute URLs; as a plain server, paths with a Host header.
    const url = new URL(req.url, `http://${req.headers.host ?? 'fixture'}`);
    hosts.add(url.hostname);
    const route = ROUTES.find(([re]) => re.test(url.pathname));
    const file = route ? route[1] : normalize(url.pathname).replace(/^(\.\.[/\\])+/, '').slice(1);
    try {
      const body = await readFile(join(ROOT, file));
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (file === 'strict-csp.html') headers['content-security-policy'] = "default-src 'self'; script-src 'self'";
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ port, hosts: () => [...hosts].filter((h) => h !== '127.0.0.1'), close: () => new Promise((r) => server.close(r)) });
    });
  });
}
