// CivNet's service worker, served at /sw.js by offline.views.worker after a first line `const CONFIG = {...}`:
// the shell's version, its files and the offline page of each language.
// It keeps the app shell (precached at install) and serves the offline copies of forms that offline.js stored
// while online (cache "civnet-pages"); pages are always asked of the network first. It never opens the outbox
// (IndexedDB): installing a new version cannot touch waiting records.
"use strict";
const SHELL = "civnet-shell-" + CONFIG.version;
const STATIC = "civnet-static-" + CONFIG.version; // other static files pages used, dropped with their version
const PAGES = "civnet-pages"; // offline copies of forms, written and cleared by offline.js only
const STATIC_LIMIT = 60;
// A static file's name without the hash a production build adds (civnet.1a2b3c4d5e6f.css -> civnet.css), so that
// a form copy kept before an update still finds the shell's current file.
const unhashed = (path) => path.replace(/\.[0-9a-f]{12}(\.[a-z0-9]+)$/, "$1");
const SHELL_BY_NAME = new Map(CONFIG.shell.map((url) => [unhashed(url), url]));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(CONFIG.shell))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => /^civnet-(shell|static)-/.test(name) && name !== SHELL && name !== STATIC)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function languageOf(url) {
  const first = url.pathname.split("/")[1];
  return CONFIG.offline[first] ? first : Object.keys(CONFIG.offline)[0];
}

async function offlinePage(url) {
  const shell = await caches.open(SHELL);
  return (await shell.match(CONFIG.offline[languageOf(url)])) || Response.error();
}

async function navigate(request) {
  const url = new URL(request.url);
  try {
    return await fetch(request);
  } catch (error) {
    if (request.method === "GET") {  // only the pruned copies offline.js kept of pages with offline forms
      const copy = await (await caches.open(PAGES)).match(url.pathname);
      if (copy) return copy;
    }
    // Any other page, or a form sent as the connection dropped (offline.js then keeps the record).
    return offlinePage(url);
  }
}

async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - STATIC_LIMIT)).map((key) => cache.delete(key)));
}

async function staticFile(request) {
  const url = new URL(request.url);
  const shell = await caches.open(SHELL);
  const hit = (await shell.match(request)) || (await (await caches.open(STATIC)).match(request));
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(STATIC);
      await cache.put(request, response.clone());
      trim(cache);
    }
    return response;
  } catch (error) {
    const current = SHELL_BY_NAME.get(unhashed(url.pathname));
    const fallback = current && (await shell.match(current));
    if (fallback) return fallback;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else if (request.method === "GET" && url.pathname.startsWith(CONFIG.static)) {
    event.respondWith(staticFile(request));
  }
});
