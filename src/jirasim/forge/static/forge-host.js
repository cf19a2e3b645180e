/*
 * jirasim host page, Forge side: mounts each Forge app frame (Custom UI resource, sandboxed,
 * from the resource origin) and answers the bridge calls its global-bridge.js relays by
 * postMessage. Only messages from a mounted frame's window and the resource origin count.
 *
 * - fetchProduct: jirasim's REST API as the signed-in user (session cookie), marked with the
 *   installation so the server applies the app's scopes; faults (429...) come through as is.
 * - invoke: POST /_jirasim/forge/invoke; the server mints the FIT and calls the remote.
 * - getContext, navigate, createHistory (+ historyUpdate/historyGo), submit, showFlag,
 *   closeFlag, enableTheming, getUrl, reload, changeWindowTitle, refresh; others are refused.
 * - openModal: the app's resource again, in a modal over the whole page, with the opener's
 *   context plus `extension.modal`; its view.close(payload) goes to the opener's onClose.
 */
(function () {
  'use strict';

  var page = JSON.parse(document.getElementById('jirasim-page').textContent);
  var specs = page.forge || [];
  var TAG = 'jirasim-forge';
  var FORGE_HEADER = 'X-Jirasim-Forge-App';
  // Headers a frame may not set on a product request: the browser and the host own them.
  var FORBIDDEN = ['cookie', 'host', 'origin', 'referer', 'content-length', 'authorization',
    'x-jirasim-connect-app', FORGE_HEADER.toLowerCase()];
  var mounted = [];

  /* ---------------------------------------------------------------- frames */

  function mount(entry, which) {
    var target = which === 'edit' ? entry.spec.edit : entry.spec.view;
    entry.current = target;
    entry.entryPoint = which;
    var iframe = document.createElement('iframe');
    iframe.className = 'app-frame forge-frame';
    iframe.setAttribute('sandbox', entry.spec.sandbox);
    iframe.setAttribute('title', entry.spec.title);
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    iframe.src = target.frameUrl;
    entry.container.setAttribute('data-bridge', 'pending');
    entry.container.setAttribute('data-entry-point', which);
    if (entry.iframe && entry.iframe.parentNode) { entry.iframe.parentNode.removeChild(entry.iframe); }
    entry.iframe = iframe;
    entry.container.appendChild(iframe);
    size(entry);
  }

  function size(entry) {
    if (entry.modal) { return; }
    if (entry.spec.pagePath) {
      var top = entry.iframe.getBoundingClientRect().top + window.scrollY;
      entry.iframe.style.height = Math.max(300, window.innerHeight - top - 1) + 'px';
    } else {
      entry.iframe.style.height = '400px';
    }
  }

  function reply(entry, id, ok, value) {
    var message = { channel: TAG, kind: 'reply', id: id, ok: ok };
    if (ok) { message.result = value; } else { message.error = String((value && value.message) || value); }
    entry.iframe.contentWindow.postMessage(message, entry.spec.resourceOrigin);
  }

  function tell(entry, message) {
    message.channel = TAG;
    entry.iframe.contentWindow.postMessage(message, entry.spec.resourceOrigin);
  }

  window.addEventListener('message', function (event) {
    var entry = mounted.find(function (e) { return e.iframe && e.iframe.contentWindow === event.source; });
    if (!entry || event.origin !== entry.spec.resourceOrigin) { return; }
    var data = event.data;
    if (!data || data.channel !== TAG) { return; }
    if (data.kind === 'csp') {
      postJson('/_jirasim/forge/csp-violations', { violation: data.violation });
      return;
    }
    if (data.kind !== 'call') { return; }
    entry.container.setAttribute('data-bridge', 'established');
    var handler = handlers[data.name];
    var result = handler
      ? Promise.resolve().then(function () { return handler(entry, data.payload); })
      : Promise.reject(new Error('jirasim does not implement the Forge bridge call "' + data.name + '"'));
    result.then(function (value) { reply(entry, data.id, true, value); },
      function (error) { reply(entry, data.id, false, error); });
  });

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) { throw new Error((json.errorMessages || ['request failed']).join(' ')); }
        return json;
      });
    });
  }

  /* ---------------------------------------------------------------- history */

  function appLocation(entry) {
    var rest = window.location.pathname.slice(entry.spec.pagePath.length) || '/';
    return {
      pathname: rest.charAt(0) === '/' ? rest : '/' + rest,
      search: window.location.search,
      hash: window.location.hash,
      state: (window.history.state && window.history.state.forge) || null
    };
  }

  window.addEventListener('popstate', function () {
    mounted.forEach(function (entry) {
      if (entry.spec.pagePath) { tell(entry, { kind: 'history', location: appLocation(entry) }); }
    });
  });

  /* ---------------------------------------------------------------- navigation */

  function targetUrl(entry, payload) {
    if (typeof payload.url === 'string') { return payload.url; }
    switch (payload.target) {
      case 'issue': return '/browse/' + encodeURIComponent(payload.issueKey);
      case 'dashboard': return '/';
      case 'projectSettingsDetails': return '/projects/' + encodeURIComponent(payload.projectKey);
      case 'module': {
        var base = entry.spec.modulePages[payload.moduleKey];
        if (!base) { throw new Error('No page module "' + payload.moduleKey + '" to navigate to'); }
        var path = payload.path ? String(payload.path) : '';
        return base + (path && path.charAt(0) !== '/' ? '/' : '') + path;
      }
      default: throw new Error('Unsupported navigation target "' + payload.target + '"');
    }
  }

  /* ---------------------------------------------------------------- flags */

  function showFlag(entry, options) {
    var flag = document.createElement('div');
    flag.className = 'flag forge-flag ' + (options.appearance || options.type || 'info');
    flag.setAttribute('data-testid', 'forge-flag');
    flag.setAttribute('data-flag-id', String(options.id));
    var close = document.createElement('button');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.textContent = '×';
    close.addEventListener('click', function () { flag.remove(); });
    var title = document.createElement('strong');
    title.textContent = options.title || '';
    var body = document.createElement('div');
    body.textContent = options.description || '';
    flag.appendChild(close);
    flag.appendChild(title);
    flag.appendChild(body);
    (options.actions || []).forEach(function (action) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'flag-action';
      button.textContent = action.text;
      button.addEventListener('click', function () {
        tell(entry, { kind: 'flagAction', key: options.id + ':' + action.index });
      });
      flag.appendChild(button);
    });
    document.getElementById('jirasim-flags').appendChild(flag);
    if (options.isAutoDismiss) { setTimeout(function () { flag.remove(); }, 8000); }
  }

  /* ---------------------------------------------------------------- modals */

  // Forge's documented modal sizes (width, height): small 400px x 20vh (at least 320px), medium
  // 600px x 40vh (at least 520px), large 800px x 70vh (at least 720px), xlarge 968px x 90vh,
  // max the whole page. Medium when no size is given.
  var MODAL_SIZES = {
    small: ['400px', 'max(20vh, 320px)'],
    medium: ['600px', 'max(40vh, 520px)'],
    large: ['800px', 'max(70vh, 720px)'],
    xlarge: ['968px', '90vh'],
    max: ['100%', '100%']
  };

  function openModal(opener, options) {
    if (mounted.some(function (e) { return e.modal; })) { return false; }
    var backdrop = document.createElement('div');
    backdrop.className = 'dialog-backdrop forge-modal-backdrop';
    backdrop.setAttribute('data-testid', 'forge-modal');
    var box = document.createElement('div');
    box.className = 'dialog forge-modal';
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-label', options.title || opener.spec.title);
    var dimensions = MODAL_SIZES[options.size] || MODAL_SIZES.medium;
    box.style.width = dimensions[0];
    backdrop.appendChild(box);
    document.body.appendChild(backdrop);
    var context = JSON.parse(JSON.stringify(opener.current.context));
    context.extension = Object.assign({}, context.extension, { modal: options.context || {} });
    var entry = {
      spec: opener.spec, container: box, iframe: null, modal: true, opener: opener,
      modalId: options.modalId, element: backdrop,
      current: { frameUrl: opener.current.frameUrl, context: context, ref: opener.current.ref },
      entryPoint: 'modal'
    };
    var iframe = document.createElement('iframe');
    iframe.className = 'app-frame forge-frame';
    iframe.setAttribute('sandbox', opener.spec.sandbox);
    iframe.setAttribute('title', options.title || opener.spec.title);
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    iframe.style.height = dimensions[1];
    iframe.src = opener.current.frameUrl;
    entry.iframe = iframe;
    box.appendChild(iframe);
    mounted.push(entry);
    // As Jira's modal (Atlaskit's focus lock): focus moves into the modal, onto the app's frame.
    iframe.focus();
    function dismiss() { closeModal(entry, undefined); }
    if (options.closeOnOverlayClick !== false) {
      backdrop.addEventListener('click', function (event) { if (event.target === backdrop) { dismiss(); } });
    }
    return true;
  }

  function closeModal(entry, payload) {
    mounted = mounted.filter(function (e) { return e !== entry; });
    if (entry.element.parentNode) { entry.element.parentNode.removeChild(entry.element); }
    if (entry.opener.iframe) { tell(entry.opener, { kind: 'modalClosed', modalId: entry.modalId, payload: payload }); }
  }

  /* ---------------------------------------------------------------- bridge calls */

  var handlers = {
    getContext: function (entry) { return entry.current.context; },

    fetchProduct: function (entry, payload) {
      // Only the product's REST API, never another origin or a page of the site. The check is
      // on the parsed URL, so dot segments (also %2e%2e) cannot climb out of /rest/.
      var target = new URL(String(payload.restPath || ''), window.location.origin);
      if (payload.product !== 'jira' || target.origin !== window.location.origin ||
          !/^\/rest\//.test(target.pathname)) {
        throw new Error('requestJira only accepts /rest/ paths of Jira');
      }
      var restPath = target.pathname + target.search;
      var init = payload.fetchRequestInit || {};
      var headers = new Headers();
      (init.headers || []).forEach(function (pair) {
        if (FORBIDDEN.indexOf(String(pair[0]).toLowerCase()) < 0) { headers.append(pair[0], pair[1]); }
      });
      headers.set(FORGE_HEADER, entry.spec.installationId);
      var method = String(init.method || 'GET').toUpperCase();
      var body = method === 'GET' || method === 'HEAD' ? undefined : (init.body == null ? undefined : init.body);
      return fetch(restPath, { method: method, headers: headers, body: body, credentials: 'same-origin' })
        .then(function (response) {
          return response.text().then(function (text) {
            var responseHeaders = {};
            response.headers.forEach(function (value, name) { responseHeaders[name] = value; });
            return { status: response.status, statusText: response.statusText, headers: responseHeaders, body: text, isAttachment: false };
          });
        });
    },

    invoke: function (entry, payload) {
      return postJson('/_jirasim/forge/invoke', { view: entry.current.ref, call: payload })
        .then(function (answer) {
          if (!answer.ok) { throw new Error(answer.error); }
          return { success: true, payload: answer.payload };
        });
    },

    navigate: function (entry, payload) {
      var url = targetUrl(entry, payload || {});
      if (payload.type === 'new-tab') { window.open(url, '_blank', 'noopener'); } else { window.location.assign(url); }
    },
    getUrl: function (entry, payload) { return new URL(targetUrl(entry, payload || {}), window.location.href).href; },
    reload: function () { window.location.reload(); },

    createHistory: function (entry) {
      if (!entry.spec.pagePath) { throw new Error('createHistory is only available on pages'); }
      return { location: appLocation(entry) };
    },
    historyUpdate: function (entry, payload) {
      var location = payload.location || {};
      var url = entry.spec.pagePath + (location.pathname === '/' ? '' : location.pathname || '') +
        (location.search || '') + (location.hash || '');
      var method = payload.action === 'replace' ? 'replaceState' : 'pushState';
      window.history[method]({ forge: location.state === undefined ? null : location.state }, '', url);
    },
    historyGo: function (entry, payload) { window.history.go(Number(payload.delta) || 0); },

    submit: function (entry, payload) {
      if (entry.entryPoint !== 'edit') { return false; }
      return postJson('/_jirasim/forge/gadget-configuration', { view: entry.current.ref, configuration: payload })
        .then(function (answer) {
          entry.spec.view.context = answer.context;
          if (entry.spec.edit) { entry.spec.edit.context.extension.gadgetConfiguration = answer.context.extension.gadgetConfiguration; }
          // The edit view gets its answer before it goes away (Jira closes it after the save).
          setTimeout(function () { mount(entry, 'view'); }, 250);
          return true;
        });
    },
    refresh: function (entry) {
      if (entry.spec.pagePath) { return false; }
      setTimeout(function () { mount(entry, entry.entryPoint); }, 0);
      return true;
    },
    close: function (entry, payload) {
      if (!entry.modal) { return false; }
      closeModal(entry, payload);
      return true;
    },
    openModal: function (entry, payload) { return openModal(entry, payload || {}); },
    open: function () { return false; },

    showFlag: function (entry, payload) { showFlag(entry, payload || {}); },
    closeFlag: function (entry, payload) {
      var flag = document.querySelector('[data-testid="forge-flag"][data-flag-id="' + CSS.escape(String(payload.id)) + '"]');
      if (flag) { flag.remove(); }
    },
    enableTheming: function () { document.documentElement.setAttribute('data-color-mode', 'light'); },
    changeWindowTitle: function (entry, title) { if (entry.spec.pagePath) { document.title = String(title); } },
    emit: function () {},
    emitPublic: function () {},
    emitReadyEvent: function () {}
  };

  /* ---------------------------------------------------------------- start */

  specs.forEach(function (spec) {
    var container = document.getElementById(spec.container);
    if (!container) { return; }
    var entry = { spec: spec, container: container, iframe: null };
    mounted.push(entry);
    mount(entry, 'view');
  });

  document.querySelectorAll('[data-testid="forge-gadget-edit"]').forEach(function (button) {
    button.addEventListener('click', function () {
      var entry = mounted.find(function (e) { return e.spec.container === button.getAttribute('data-container'); });
      if (entry && entry.spec.edit) { mount(entry, entry.entryPoint === 'edit' ? 'view' : 'edit'); }
    });
  });

  window.addEventListener('resize', function () { mounted.forEach(size); });
})();
