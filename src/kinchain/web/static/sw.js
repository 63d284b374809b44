/* kinchain's service worker: today's routine and the check-in keep working offline once opened.
   Pages: the network first, the last copy when offline. Static files: the cache first.
   Signing in or out empties the cache, so a shared phone keeps no one's pages. */
'use strict';
var CACHE = 'kinchain-v1';
var ASSETS = ['/static/app.css', '/static/htmx.min.js', '/static/timer.js', '/static/offline.js'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== CACHE; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function mine(url) {
  return /^\/my\/[^/]+\/(today|checkin)$/.test(url.pathname);
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || request.method !== 'GET') {
    return;
  }
  if (url.pathname === '/login' || url.pathname === '/logout') {
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  if (url.pathname.indexOf('/static/') === 0) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (answer) {
        var copy = answer.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        return answer;
      });
    }));
    return;
  }
  if (mine(url)) {
    event.respondWith(fetch(request).then(function (answer) {
      if (answer.ok) {
        var copy = answer.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return answer;
    }).catch(function () {
      return caches.match(request).then(function (hit) {
        return hit || new Response('You are offline and this page was not opened before.',
          {status: 503, headers: {'Content-Type': 'text/plain; charset=utf-8'}});
      });
    }));
  }
});
