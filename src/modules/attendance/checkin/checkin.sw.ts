import { STYLESHEET_PATH } from '../../../web/stylesheet.js';

/**
 * The check-in page's service worker, served from the page's own path so its scope is exactly one
 * event's door page. It keeps the page, its scripts and the stylesheet for reopening without a connection; the
 * roster and the queue live in the page's localStorage, never in this cache.
 */
export function checkinServiceWorker(pagePath: string, version: string): string {
  return `'use strict';
const CACHE = 'aula-checkin-${version}';
const PAGE = ${JSON.stringify(pagePath)};
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll([PAGE, '/assets/checkin.js', ${JSON.stringify(STYLESHEET_PATH)}])).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('aula-checkin-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== location.origin) return;
  if (req.mode === 'navigate' && url.pathname === PAGE) {
    // Network first: the page carries a fresh CSRF token; the cached copy is for no connection.
    e.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) caches.open(CACHE).then((c) => c.put(PAGE, res.clone()));
          return res;
        })
        .catch(() => caches.match(PAGE).then((r) => r || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    e.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) caches.open(CACHE).then((c) => c.put(req, res.clone()));
            return res;
          }),
      ),
    );
  }
});
`;
}
