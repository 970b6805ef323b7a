// The offline copy of one language of the site (generator/site/worker/sw.js, written by compendium build).
// One cache per language and build, named after the build's version (a hash of what it holds): a new build
// fills a cache of its own and replaces the old one whole once it is complete, never file by file.
"use strict";
const CONFIG = __CONFIG__;
const PREFIX = "compendium-" + CONFIG.lang + "-";
const CACHE = PREFIX + CONFIG.version;
const SCOPE = self.registration.scope;
const STATE = SCOPE + "offline/state.json";  // {saved: true} once "save for offline" has kept every page
const TYPES = {html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8",
  json: "application/json", svg: "image/svg+xml", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg",
  gif: "image/gif", webp: "image/webp", webmanifest: "application/manifest+json", txt: "text/plain; charset=utf-8"};
const CARD = /^search\/d\/(\d+)\.js$/;

function address(path) { return new URL(path, SCOPE).href; }
function typeOf(path) { return TYPES[path.split(".").pop().toLowerCase()] || "application/octet-stream"; }
// the file a request asks for, relative to the language's folder ("" → index.html); null outside it
function pathOf(url) {
  const parsed = new URL(url);
  if (parsed.origin !== self.location.origin || !(parsed.origin + parsed.pathname).startsWith(SCOPE)) return null;
  let path = decodeURIComponent(parsed.pathname.slice(new URL(SCOPE).pathname.length));
  if (path === "" || path.endsWith("/")) path += "index.html";
  return path;
}

// ----- the catalog: every file this build may keep beyond its core, with its hash; the pages' titles and search cards -----
let catalog = null;
function getCatalog() {
  if (!catalog) {
    catalog = caches.open(CACHE).then((cache) => cache.match(address(CONFIG.catalog)))
      .then((response) => response ? response.json() : null)
      .then((data) => {
        if (!data) { catalog = null; return null; }
        for (const n in data.cards) data.titles[data.cards[n].u] = data.cards[n].t;  // a search page file names its page
        return data;
      }, () => { catalog = null; return null; });
  }
  return catalog;
}
function base64url(bytes) {
  return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}
async function hashOf(buffer) {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", buffer)).subarray(0, 6));
}

// ----- packs: one download, many files -----
const STALLED = 30000;  // ms without a byte: the network dropped; give up (the reader can try again) rather than wait
// a pack that arrived cut off or changed (not what this build wrote): the reader is told so, not "the network dropped"
function damaged(message) { return Object.assign(new Error(message), {damaged: true}); }
async function download(pack, progress) {
  const stop = new AbortController();
  let timer = setTimeout(() => stop.abort(), STALLED);
  const bytes = new Uint8Array(pack.bytes);
  let received = 0;
  try {
    // "reload": never the browser's copy, which may be an earlier attempt's damaged one (a pack is fetched only when
    // its files are not kept, so this costs nothing on the way there)
    const response = await fetch(address(pack.url), {signal: stop.signal, cache: "reload"});
    if (!response.ok) throw new Error(pack.url + ": HTTP " + response.status);
    const reader = response.body.getReader();
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      clearTimeout(timer);
      timer = setTimeout(() => stop.abort(), STALLED);
      if (received + value.length > bytes.length) throw damaged(pack.url + ": longer than this build's pack");
      bytes.set(value, received);
      received += value.length;
      if (progress) progress(value.length);
    }
  } catch (error) {
    if (error && error.damaged) throw error;
    throw new Error(stop.signal.aborted ? pack.url + ": no data for " + STALLED / 1000 + " s" : String(error && error.message || error));
  } finally {
    clearTimeout(timer);
  }
  // a cut-off or damaged download, or another build's pack, is never unpacked: the pages keep coming from the network
  if (received !== bytes.length || await hashOf(bytes) !== pack.hash) {
    throw damaged(pack.url + ": damaged (" + received + " of " + pack.bytes + " bytes)");
  }
  try {
    return packFiles(lzmaDecode(bytes, pack.size));  // pack.js, lzma.js: they end in an error, never a loop, on bad input
  } catch (error) {
    throw damaged(pack.url + ": " + (error && error.message || error));
  }
}
function doneMark(pack) { return address(pack.url) + "#done"; }
async function unpack(cache, pack, progress) {
  if (await cache.match(doneMark(pack))) { if (progress) progress(pack.bytes); return; }
  const files = await download(pack, progress);
  await Promise.all(files.map(([path, body]) =>
    cache.put(address(path), new Response(body, {headers: {"Content-Type": typeOf(path)}}))));
  await cache.put(doneMark(pack), new Response(""));
}
async function isSaved(cache) {
  const state = await cache.match(STATE);
  return !!(state && (await state.json()).saved);
}

// ----- install: the core (and every page, if this reader had saved them) before this build takes over -----
async function olderCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}
self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const older = await olderCaches();
    const cache = await caches.open(CACHE);
    await unpack(cache, CONFIG.core);
    await keepAssets(cache, older);
    let saved = false;
    for (const name of older) if (await isSaved(await caches.open(name))) saved = true;
    if (saved) {
      for (const pack of CONFIG.rest) await unpack(cache, pack);
      await cache.put(STATE, new Response(JSON.stringify({saved: true}), {headers: {"Content-Type": "application/json"}}));
    } else {
      await keepReadPages(older, cache);
    }
  })().catch(async (error) => {
    // this build's copy could not be made (the network dropped, a pack was damaged): no half copy is left behind;
    // an older build's copy, if any, goes on serving, else the pages come from the network as without a worker
    await caches.delete(CACHE);
    throw error;
  }));
});
// the styles, scripts and images of the core pages: the older build's copy when unchanged, else the one the page has
// just loaded (the HTTP cache, never the network), else the asset pack; each checked against this build's hash
async function keepAssets(cache, older) {
  const missing = [];
  await Promise.all(Object.keys(CONFIG.assets).map(async (path) => {
    const hash = CONFIG.assets[path];
    if (await cache.match(address(path))) return;
    for (const name of older) {
      const copy = await (await caches.open(name)).match(address(path));
      const buffer = copy && await copy.arrayBuffer();
      if (buffer && await hashOf(buffer) === hash) return put(cache, path, buffer);
    }
    const cached = await fetch(address(path), {cache: "only-if-cached", mode: "same-origin"}).catch(() => null);
    const buffer = cached && cached.ok && await cached.arrayBuffer();
    if (buffer && await hashOf(buffer) === hash) return put(cache, path, buffer);
    missing.push(path);
  }));
  if (!missing.length) return;
  const files = new Map(await download(CONFIG.assetPack));
  for (const path of missing) {
    if (!files.has(path) || await hashOf(files.get(path)) !== CONFIG.assets[path]) throw new Error(path + ": not in the asset pack");
    await put(cache, path, files.get(path));
  }
}
function put(cache, path, body) {
  return cache.put(address(path), new Response(body, {headers: {"Content-Type": typeOf(path)}}));
}
// pages read with the older build are fetched again in this build's version (a reader's pages stay offline)
async function keepReadPages(older, cache) {
  const data = await getCatalog();
  const wanted = new Set();
  for (const name of older) {
    for (const request of await (await caches.open(name)).keys()) {
      const path = pathOf(request.url);
      if (path && data.files[path] && !(await cache.match(request.url))) wanted.add(path);
    }
  }
  await Promise.allSettled(Array.from(wanted).slice(0, 200).map((path) =>
    fetch(address(path), {cache: "no-cache"}).then((response) => keep(cache, path, response, data))));
}
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await olderCaches()) await caches.delete(name);
    await self.clients.claim();
  })());
});

// ----- answering requests: this build's copy first, then the network; offline, the site's own offline page -----
async function keep(cache, path, response, data) {
  if (!response.ok || response.type !== "basic" || !data || !data.files[path]) return false;
  const buffer = await response.arrayBuffer();
  if ((await hashOf(buffer)) !== data.files[path]) {  // another build's file: a newer one is on the server
    self.registration.update().catch(() => {});
    return false;
  }
  await cache.put(address(path), new Response(buffer, {headers: {"Content-Type": typeOf(path)}}));
  return true;
}
async function answer(event, path) {
  const request = event.request, navigate = request.mode === "navigate";
  const cache = await caches.open(CACHE);
  const hit = await cache.match(address(path));
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok) event.waitUntil(getCatalog().then((data) => keep(cache, path, response.clone(), data)).catch(() => {}));
    return response;
  } catch (error) {
    if (navigate) return Response.redirect(address(CONFIG.offline) + "?from=" + encodeURIComponent(path), 302);
    const card = CARD.exec(path), data = card && await getCatalog();
    if (data && data.cards[card[1]]) {  // a search result's page file: its card with the title, without a snippet
      const record = Object.assign({}, data.cards[card[1]], {p: []});
      return new Response(data.call[0] + card[1] + "," + JSON.stringify(record) + data.call[1],
        {headers: {"Content-Type": typeOf(path)}});
    }
    return Response.error();
  }
}
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const path = pathOf(request.url);
  if (path === null) return;
  if (CONFIG.network.some((prefix) => path.startsWith(prefix))) return;  // downloads: the browser's own way
  if (CONFIG.skip.some((prefix) => path.startsWith(prefix))) {
    // another language's pages, which its own worker keeps once one of them is read: the network, else this offline page
    if (request.mode === "navigate") {
      event.respondWith(fetch(request).catch(() =>
        Response.redirect(address(CONFIG.offline) + "?from=" + encodeURIComponent(path), 302)));
    }
    return;
  }
  event.respondWith(answer(event, path));
});

// ----- what the pages ask: status, keeping the page just read, saving or removing every page, updating -----
async function status(wanted) {
  const cache = await caches.open(CACHE), data = await getCatalog();
  const kept = new Set((await cache.keys()).map((request) => pathOf(request.url)));
  let pages = 0, restBytes = 0;
  for (const path of kept) if (path && path.endsWith(".html")) pages++;
  for (const pack of CONFIG.rest) if (!(await cache.match(doneMark(pack)))) restBytes += pack.bytes;
  const saved = await isSaved(cache);
  const read = [];
  if (data) {
    for (const path of kept) {
      if (path && path.endsWith(".html") && data.files[path]) read.push([path, data.titles[path] || path]);
    }
  }
  return {version: CONFIG.version, core: CONFIG.core.bytes + (CONFIG.assetPack ? CONFIG.assetPack.bytes : 0),
    pages: CONFIG.pages, keptPages: pages, saved: saved,
    toDownload: restBytes, total: CONFIG.rest.reduce((sum, pack) => sum + pack.bytes, 0),
    size: CONFIG.rest.reduce((sum, pack) => sum + pack.size, CONFIG.core.size),
    shards: CONFIG.shards, shardsInCore: CONFIG.shardsInCore, read: read.sort(),
    wanted: data && wanted ? data.titles[wanted] || "" : "",
    otherLanguage: !!wanted && CONFIG.skip.some((prefix) => wanted.startsWith(prefix))};
}
async function broadcast(message) {
  for (const client of await self.clients.matchAll({type: "window", includeUncontrolled: true})) client.postMessage(message);
}
let saving = null;
function save() {
  if (!saving) {
    saving = (async () => {
      const cache = await caches.open(CACHE);
      const total = CONFIG.rest.reduce((sum, pack) => sum + pack.bytes, 0);
      let done = 0, last = 0;
      const progress = (bytes) => {
        done += bytes;
        const now = Date.now();
        if (now - last > 150 || done >= total) { last = now; broadcast({type: "progress", done: done, total: total}); }
      };
      for (const pack of CONFIG.rest) await unpack(cache, pack, progress);
      await cache.put(STATE, new Response(JSON.stringify({saved: true}), {headers: {"Content-Type": "application/json"}}));
      if (navigator.storage && navigator.storage.persist) await navigator.storage.persist().catch(() => false);
      await broadcast({type: "saved", status: await status()});
    })().catch((error) => broadcast({type: "failed", damaged: !!(error && error.damaged),
      message: String(error && error.message || error)}))
      .finally(() => { saving = null; });
  }
  return saving;
}
async function remove() {
  const cache = await caches.open(CACHE), data = await getCatalog();
  await cache.delete(STATE);
  for (const pack of CONFIG.rest) await cache.delete(doneMark(pack));
  if (data) {
    await Promise.all(Object.keys(data.files).map((path) => cache.delete(address(path))));
  }
  await broadcast({type: "removed", status: await status()});
}
self.addEventListener("message", (event) => {
  const message = event.data || {}, port = event.ports && event.ports[0];
  if (message.type === "status") event.waitUntil(status(message.path).then((result) => port && port.postMessage(result)));
  else if (message.type === "save") event.waitUntil(save());
  else if (message.type === "remove") event.waitUntil(remove());
  else if (message.type === "update") self.skipWaiting();
  else if (message.type === "read" && typeof message.url === "string") {
    // the page that registered the worker was loaded before it: keep it too
    const path = pathOf(message.url);
    if (path) {
      event.waitUntil(Promise.all([caches.open(CACHE), getCatalog()]).then(async ([cache, data]) => {
        if (!data || !data.files[path] || await cache.match(address(path))) return;
        await keep(cache, path, await fetch(address(path)), data);
      }).catch(() => {}));
    }
  }
});
