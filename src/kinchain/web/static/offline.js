/* Ticks and a check-in made offline: kept on this phone (localStorage) and sent once the phone
   is online again. Each is sent with its idempotency key (a tick: its day and exercise; a
   check-in: the key in its form), so the server keeps it once however often it is sent. */
(function () {
  'use strict';
  var QUEUE = 'kinchain-offline-queue';

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', {scope: '/'}).catch(function () {});
  }

  function load() {
    try { return JSON.parse(window.localStorage.getItem(QUEUE) || '[]'); } catch (e) { return []; }
  }
  function save(queue) { window.localStorage.setItem(QUEUE, JSON.stringify(queue)); }
  function note(text) {
    var notes = document.querySelectorAll('.offline-note');
    for (var i = 0; i < notes.length; i++) { notes[i].textContent = text; notes[i].hidden = !text; }
  }
  function fields(form) {
    var out = [];
    new FormData(form).forEach(function (value, name) { out.push([name, String(value)]); });
    return out;
  }
  function keyOf(form, body) {
    var get = function (name) {
      for (var i = 0; i < body.length; i++) { if (body[i][0] === name) { return body[i][1]; } }
      return '';
    };
    return form.dataset.offline === 'tick' ? form.action + '|' + get('day') + '|' + get('exercise')
      : form.action + '|' + get('key');
  }
  function enqueue(form) {
    var body = fields(form);
    var item = {url: form.action, body: body, id: keyOf(form, body)};
    var queue = load();
    if (!queue.some(function (x) { return x.id === item.id; })) { queue.push(item); }
    save(queue);
    if (form.dataset.offline === 'tick') {
      var button = form.querySelector('button');
      if (button) { button.textContent = 'Done (saved on this phone)'; button.disabled = true; }
      note('You are offline: your ticks are saved on this phone and sent when you are online.');
    } else {
      note('You are offline: your check-in is saved on this phone and sent when you are online.');
    }
  }

  var flushing = false;
  function flush() {
    if (flushing || !navigator.onLine) { return; }
    var queue = load();
    if (!queue.length) { return; }
    flushing = true;
    var left = [];
    var chain = Promise.resolve();
    queue.forEach(function (item) {
      chain = chain.then(function () {
        return fetch(item.url, {method: 'POST', body: new URLSearchParams(item.body),
                                credentials: 'same-origin', headers: {'HX-Request': 'true'}})
          .then(function (answer) {
            if (answer.status >= 500 || answer.status === 401 || answer.status === 403) {
              left.push(item);
            }
          }).catch(function () { left.push(item); });
      });
    });
    chain.then(function () {
      save(left);
      flushing = false;
      note(left.length ? 'Some of what you did offline is not sent yet; sign in again to send it.'
        : 'What you did offline is sent to your coach.');
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.dataset || !form.dataset.offline || navigator.onLine) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    enqueue(form);
  }, true);
  document.addEventListener('htmx:sendError', function (event) {
    var form = event.detail && event.detail.elt;
    if (form && form.dataset && form.dataset.offline) { enqueue(form); }
  });
  window.addEventListener('online', flush);
  flush();
}());
