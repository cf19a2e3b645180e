/*
 * jirasim's Forge Custom UI bridge, injected first in the app's index.html as the Forge CLI
 * injects https://forge.cdn.prod.atlassian-dev.net/global-bridge.js. It defines
 * window.__bridge.callBridge(name, payload), which the real @forge/bridge calls, and relays each
 * call to the Jira host page by postMessage (request ids; only the page origin, only the parent).
 *
 * Built here, inside the frame, because functions cannot cross postMessage:
 * - createHistory: a history object whose push/replace update it at once and tell the host
 *   (which updates the page URL); the host reports back/forward as 'history' messages.
 * - showFlag actions' onClick callbacks and events.on subscriptions.
 * - openModal's onClose: kept here; the host reports the modal's view.close payload as
 *   'modalClosed'.
 * CSP violations in the frame are forwarded to the host, which records them for tests.
 */
(function () {
  'use strict';

  var HOST_ORIGIN = __JIRASIM_PAGE_ORIGIN__;
  var TAG = 'jirasim-forge';
  var pending = {};
  var nextId = 1;
  var histories = [];
  var flagActions = {};
  var modalCallbacks = {};

  function post(message) {
    message.channel = TAG;
    window.parent.postMessage(message, HOST_ORIGIN);
  }

  function send(name, payload) {
    return new Promise(function (resolve, reject) {
      var id = 'call-' + nextId++;
      pending[id] = { resolve: resolve, reject: reject };
      try {
        post({ kind: 'call', id: id, name: name, payload: payload === undefined ? null : payload });
      } catch (error) {
        // DataCloneError: the payload holds something postMessage cannot copy.
        delete pending[id];
        reject(new Error('The ' + name + ' payload cannot be sent to the host: ' + error.message));
      }
    });
  }

  /* ---------------------------------------------------------------- history */

  function parsePath(path, state) {
    if (path && typeof path === 'object') {
      return {
        pathname: path.pathname || '/',
        search: path.search || '',
        hash: path.hash || '',
        state: path.state === undefined ? (state === undefined ? null : state) : path.state
      };
    }
    var url = new URL(String(path), 'http://app.invalid/');
    return { pathname: url.pathname, search: url.search, hash: url.hash, state: state === undefined ? null : state };
  }

  function createHistory() {
    return send('createHistory', null).then(function (initial) {
      var listeners = [];
      var history = {
        action: 'POP',
        location: initial.location,
        length: 1,
        listen: function (callback) {
          listeners.push(callback);
          return function unlisten() {
            listeners = listeners.filter(function (other) { return other !== callback; });
          };
        },
        push: function (path, state) { change('PUSH', parsePath(path, state)); },
        replace: function (path, state) { change('REPLACE', parsePath(path, state)); },
        go: function (delta) { send('historyGo', { delta: delta }); },
        back: function () { send('historyGo', { delta: -1 }); },
        forward: function () { send('historyGo', { delta: 1 }); },
        createHref: function (location) {
          var parsed = parsePath(location);
          return parsed.pathname + parsed.search + parsed.hash;
        },
        block: function () { return function () {}; }
      };
      function notify(action, location) {
        history.action = action;
        history.location = location;
        listeners.slice().forEach(function (callback) { callback(location, action); });
      }
      function change(action, location) {
        location.key = Math.random().toString(36).slice(2, 10);
        notify(action, location);
        send('historyUpdate', { action: action === 'PUSH' ? 'push' : 'replace', location: location });
      }
      histories.push(notify);
      return history;
    });
  }

  /* ---------------------------------------------------------------- flags and events */

  function showFlag(options) {
    var actions = (options && options.actions) || [];
    var plain = Object.assign({}, options, {
      actions: actions.map(function (action, index) {
        flagActions[options.id + ':' + index] = action.onClick;
        return { text: String(action.text), index: index };
      })
    });
    return send('showFlag', plain);
  }

  var subscriptions = {};
  function subscribe(payload) {
    var list = subscriptions[payload.event] = subscriptions[payload.event] || [];
    list.push(payload.callback);
    return Promise.resolve({
      unsubscribe: function () {
        subscriptions[payload.event] = list.filter(function (cb) { return cb !== payload.callback; });
      }
    });
  }

  /* ---------------------------------------------------------------- modals */

  function openModal(options) {
    var modalId = 'modal-' + nextId++;
    modalCallbacks[modalId] = options.onClose;
    var plain = Object.assign({}, options, { modalId: modalId });
    delete plain.onClose;
    return send('openModal', plain).then(function (opened) {
      if (opened === false) { delete modalCallbacks[modalId]; }
      return opened;
    });
  }

  /* ---------------------------------------------------------------- host messages */

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== HOST_ORIGIN) { return; }
    var data = event.data;
    if (!data || data.channel !== TAG) { return; }
    if (data.kind === 'reply') {
      var call = pending[data.id];
      if (!call) { return; }
      delete pending[data.id];
      if (data.ok) { call.resolve(data.result); } else { call.reject(new Error(data.error)); }
    } else if (data.kind === 'history') {
      histories.forEach(function (notify) { notify('POP', data.location); });
    } else if (data.kind === 'modalClosed') {
      var onClose = modalCallbacks[data.modalId];
      delete modalCallbacks[data.modalId];
      if (typeof onClose === 'function') { onClose(data.payload); }
    } else if (data.kind === 'flagAction') {
      var onClick = flagActions[data.key];
      if (typeof onClick === 'function') { onClick(); }
    }
  });

  document.addEventListener('securitypolicyviolation', function (event) {
    post({
      kind: 'csp',
      violation: {
        documentURI: event.documentURI,
        blockedURI: event.blockedURI,
        violatedDirective: event.violatedDirective,
        effectiveDirective: event.effectiveDirective,
        sourceFile: event.sourceFile,
        lineNumber: event.lineNumber,
        sample: event.sample
      }
    });
  });

  function callBridge(name, payload) {
    switch (name) {
      case 'createHistory': return createHistory();
      case 'showFlag': return showFlag(payload || {});
      case 'openModal': return openModal(payload || {});
      case 'on':
      case 'onPublic': return subscribe(payload || {});
      default: return send(name, payload);
    }
  }

  Object.defineProperty(window, '__bridge', {
    value: Object.freeze({ callBridge: callBridge }),
    writable: false,
    configurable: false
  });
})();
