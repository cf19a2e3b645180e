/*
 * jirasim host page: embeds app iframes with Atlassian's connect-host.js and implements the
 * host-side Connect modules the product (Jira) is responsible for.
 *
 * - iframes: connectHost.createExtension() gives the iframe attributes (the simple-xdm `name`
 *   JSON with extension_id, api, origin, options); this file creates the element.
 * - AP.request (a global module) calls jirasim's REST API as the signed-in user, marked with
 *   the app key so the server applies the app's scopes, and settles like AP.request does:
 *   resolve {body, xhr}, reject {err, xhr} for HTTP errors (4xx, 429, 5xx).
 * - context, navigator, user, jira (dashboard item): promise-returning modules.
 * - flag, dialog, resizing: providers plugged into connect-host's own modules.
 */
(function () {
  'use strict';

  var host = window.connectHost;
  var page = JSON.parse(document.getElementById('jirasim-page').textContent);
  // connect-host reads the descriptor's dialog options (chrome, size) from here, as in Jira.
  window._AP = Object.assign(window._AP || {}, { dialogModules: page.dialogModules || {} });
  var APP_HEADER = 'X-Jirasim-Connect-App';

  function promised(fn) {
    fn.returnsPromise = true;
    return fn;
  }

  // simple-xdm passes the calling iframe's registration as the last argument's _context.
  function extensionOf(callback) {
    return (callback && callback._context && callback._context.extension) || {};
  }

  function iframeOf(context) {
    return document.getElementById(context && (context.extension_id || (context.extension || {}).id));
  }

  /* ---------------------------------------------------------------- AP.request */

  function responseHeaders(response) {
    var headers = {};
    response.headers.forEach(function (value, name) { headers[name.toLowerCase()] = value; });
    return headers;
  }

  function withQuery(url, data) {
    if (data === undefined || data === null || data === '') { return url; }
    var query = typeof data === 'string' ? data : new URLSearchParams(data).toString();
    return url + (url.indexOf('?') >= 0 ? '&' : '?') + query;
  }

  var request = promised(function request(urlOrOptions, options, callback) {
    var extension = extensionOf(callback);
    var opts = typeof urlOrOptions === 'string'
      ? Object.assign({}, options || {}, { url: urlOrOptions })
      : Object.assign({}, urlOrOptions || {});
    var method = String(opts.type || 'GET').toUpperCase();
    var url = String(opts.url || '');
    // AP.request reaches the product's REST API only, never another origin or page.
    if (!/^\/rest\//.test(url)) {
      return Promise.reject({ err: 'AP.request only accepts /rest/ URLs of the product', xhr: { status: 0 } });
    }
    var headers = { Accept: 'application/json' };
    headers[APP_HEADER] = extension.addon_key;
    ['Accept', 'If-Match', 'If-None-Match'].forEach(function (name) {
      if (opts.headers && opts.headers[name]) { headers[name] = opts.headers[name]; }
    });
    var body;
    if (method === 'GET' || method === 'HEAD') {
      url = withQuery(url, opts.data);
    } else if (opts.data !== undefined) {
      body = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
      headers['Content-Type'] = opts.contentType || 'application/json';
    }
    return fetch(url, { method: method, headers: headers, body: body, credentials: 'same-origin' })
      .then(function (response) {
        return response.text().then(function (text) {
          var xhr = {
            status: response.status,
            statusText: response.statusText,
            responseText: text,
            readyState: 4,
            headers: responseHeaders(response)
          };
          if (response.ok) { return { body: text, xhr: xhr }; }
          throw { err: text || response.statusText, xhr: xhr };
        });
      }, function (error) {
        throw { err: String(error), xhr: { status: 0, statusText: 'error', responseText: '', headers: {} } };
      });
  });
  host.defineModule({ request: request });

  /* ---------------------------------------------------------------- AP.context */

  function bridgeFetch(path, method, addonKey) {
    var headers = {};
    headers[APP_HEADER] = addonKey;
    return fetch(path, { method: method, headers: headers, credentials: 'same-origin' }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) { throw new Error((json.errorMessages || ['bridge call failed']).join(' ')); }
        return json;
      });
    });
  }

  host.defineModule('context', {
    getToken: promised(function getToken(callback) {
      return bridgeFetch('/_jirasim/bridge/context-token', 'POST', extensionOf(callback).addon_key)
        .then(function (json) { return json.token; });
    }),
    getContext: promised(function getContext(callback) {
      var options = extensionOf(callback).options || {};
      return Promise.resolve(options.jirasimContext || {});
    })
  });

  /* ---------------------------------------------------------------- AP.navigator */

  function targetUrl(target, context, extension) {
    context = context || {};
    switch (target) {
      case 'issue': return '/browse/' + encodeURIComponent(context.issueKey);
      case 'dashboard': return '/';
      case 'project':
      case 'projectAdminSummary': return '/projects/' + encodeURIComponent(context.projectKey || context.projectId);
      case 'addonModule': {
        var query = Object.keys(context.customData || {}).map(function (key) {
          return encodeURIComponent('ac.' + key) + '=' + encodeURIComponent(context.customData[key]);
        }).join('&');
        return '/plugins/servlet/ac/' + encodeURIComponent(context.addonKey || extension.addon_key) + '/' +
          encodeURIComponent(context.moduleKey) + (query ? '?' + query : '');
      }
      case 'site': return context.absoluteUrl || context.relativeUrl || '/';
      default: return null;
    }
  }

  host.defineModule('navigator', {
    go: function go(target, context, callback) {
      var url = targetUrl(target, context, extensionOf(callback));
      if (url) { window.location.assign(url); }
    },
    reload: function reload() { window.location.reload(); },
    getLocation: promised(function getLocation() {
      return Promise.resolve({ href: window.location.href, target: document.body.dataset.target || 'page' });
    })
  });

  /* ---------------------------------------------------------------- AP.history */

  // As in Jira: a page module's state lives in the page URL's anchor after "#!", so Back,
  // Forward, a reload and a shared link all carry it. Dialogs and gadgets have no history.
  var STATE_PREFIX = '#!';

  function stateOfHash(hash) {
    return hash.indexOf(STATE_PREFIX) === 0 ? hash.slice(STATE_PREFIX.length) : '';
  }

  function stateText(newState) {
    if (newState === undefined || newState === null) { return ''; }
    return typeof newState === 'string' ? newState : new URLSearchParams(newState).toString();
  }

  function historyAllowed(callback) {
    var options = extensionOf(callback).options || {};
    return Boolean(options.isFullPage) && !options.isDialog;
  }

  function withState(newState) {
    return window.location.pathname + window.location.search + STATE_PREFIX + stateText(newState);
  }

  // Extensions that asked for popState, by extension id. simple-xdm answers a callback only once,
  // so each change reaches them as the `history_popstate` event (AP.events.on in the iframe).
  var popStateListeners = {};
  var lastHref = window.location.href;

  host.defineModule('history', {
    back: function back(callback) { if (historyAllowed(callback)) { window.history.back(); } },
    forward: function forward(callback) { if (historyAllowed(callback)) { window.history.forward(); } },
    go: function go(delta, callback) { if (historyAllowed(callback)) { window.history.go(Number(delta) || 0); } },
    // Neither push nor replace calls the popState listeners, as in Jira.
    pushState: function pushState(newState, callback) {
      if (!historyAllowed(callback)) { return; }
      window.history.pushState(null, '', withState(newState));
      lastHref = window.location.href;
    },
    replaceState: function replaceState(newState, callback) {
      if (!historyAllowed(callback)) { return; }
      window.history.replaceState(null, '', withState(newState));
      lastHref = window.location.href;
    },
    getState: promised(function getState(type, callback) {
      var hash = stateOfHash(window.location.hash);
      if (type === 'all') {
        return Promise.resolve({ hash: hash, href: window.location.href, key: extensionOf(callback).addon_key, title: document.title });
      }
      return Promise.resolve(hash);
    }),
    popState: function popState(callback) {
      var extension = extensionOf(callback);
      var id = callback && callback._context && callback._context.extension_id;
      if (!historyAllowed(callback) || !id) { return; }
      popStateListeners[id] = { addon_key: extension.addon_key, key: extension.key };
    }
  });

  window.addEventListener('popstate', function () {
    var event = { oldURL: lastHref, newURL: window.location.href, state: stateOfHash(window.location.hash) };
    lastHref = window.location.href;
    Object.keys(popStateListeners).forEach(function (id) {
      if (!document.getElementById(id)) { delete popStateListeners[id]; return; }
      host.broadcastEvent('history_popstate', popStateListeners[id], event);
    });
  });

  /* ---------------------------------------------------------------- AP.user */

  host.defineModule('user', {
    getCurrentUser: promised(function getCurrentUser() {
      return Promise.resolve({ atlassianAccountId: page.user ? page.user.accountId : null });
    }),
    getTimeZone: promised(function getTimeZone() {
      return Promise.resolve(page.user ? page.user.timeZone : 'UTC');
    }),
    getLocale: promised(function getLocale() { return Promise.resolve('en-US'); })
  });

  /* ---------------------------------------------------------------- AP.jira */

  host.defineModule('jira', {
    isDashboardItemEditable: promised(function isDashboardItemEditable(callback) {
      return Promise.resolve(Boolean((extensionOf(callback).options || {}).dashboardItemEditable));
    }),
    setDashboardItemTitle: function setDashboardItemTitle(title, callback) {
      var iframe = iframeOf(callback && callback._context);
      var gadget = iframe && iframe.closest('.gadget');
      var heading = gadget && gadget.querySelector('h3');
      if (heading) { heading.textContent = String(title); }
    }
  });

  /* ---------------------------------------------------------------- providers */

  function providerModule(name, provider) {
    host.getFrameworkAdaptor().registerModule({
      getModuleRegistrationName: function () { return name; },
      isEnabled: function () { return true; },
      getProvider: function () { return provider; }
    });
  }

  // AP.flag.create: a banner in the page's flag area.
  providerModule('flag', {
    create: function (options) {
      var flag = document.createElement('div');
      flag.className = 'flag ' + (options.type || 'info');
      flag.id = 'flag-' + options.id;
      var close = document.createElement('button');
      close.type = 'button';
      close.setAttribute('aria-label', 'Close');
      close.textContent = '×';
      var title = document.createElement('strong');
      title.textContent = options.title || '';
      var body = document.createElement('div');
      body.textContent = options.body || '';
      flag.appendChild(close);
      flag.appendChild(title);
      flag.appendChild(body);
      document.getElementById('jirasim-flags').appendChild(flag);
      var handle = {
        close: function () {
          if (flag.parentNode) { flag.parentNode.removeChild(flag); }
          if (options.onClose) { options.onClose(options.id); }
        }
      };
      close.addEventListener('click', handle.close);
      if (options.close === 'auto') { setTimeout(handle.close, 8000); }
      return handle;
    }
  });

  // AP.dialog.create: a modal with the app's dialog module in an iframe.
  var openDialog = null;
  providerModule('dialog', {
    create: function (options, extension) {
      var backdrop = document.createElement('div');
      backdrop.className = 'dialog-backdrop';
      var dialog = document.createElement('div');
      dialog.className = 'dialog';
      dialog.setAttribute('role', 'dialog');
      dialog.setAttribute('aria-modal', 'true');
      var header = document.createElement('header');
      header.textContent = options.header || '';
      var frameBox = document.createElement('div');
      var footer = document.createElement('footer');
      (options.actions || []).forEach(function (action) {
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = action.text;
        button.addEventListener('click', function () { if (action.onClick) { action.onClick(); } });
        footer.appendChild(button);
      });
      // As in Jira: `chrome: false` leaves header and buttons to the app's frame; width and
      // height size the frame.
      if (options.chrome !== false) { dialog.appendChild(header); }
      dialog.appendChild(frameBox);
      if (options.chrome !== false) { dialog.appendChild(footer); }
      if (options.width) { dialog.style.width = String(options.width); }
      backdrop.appendChild(dialog);
      document.body.appendChild(backdrop);
      openDialog = { addonKey: extension.addon_key, element: backdrop };
      var path = '/_jirasim/bridge/iframe-url?module=' + encodeURIComponent(extension.key);
      fetch(path, { headers: (function () { var h = {}; h[APP_HEADER] = extension.addon_key; return h; })(), credentials: 'same-origin' })
        .then(function (response) { return response.json(); })
        .then(function (json) {
          if (json.url) {
            var frame = embed({ addon_key: extension.addon_key, key: extension.key, url: json.url,
              // dialogId ties the frame to its dialog: AP.dialog.getCustomData looks it up by it.
              options: Object.assign({}, extension.options, { isDialog: true, noDOM: true, dialogId: options.id }) }, frameBox);
            if (options.height) { frame.style.height = String(options.height); }
            // As Jira's modal (Atlaskit's focus lock): focus moves into the dialog, here its only
            // content, the app's frame, so the keyboard works there at once.
            frame.focus();
          }
        });
    },
    close: function () {
      if (openDialog && openDialog.element.parentNode) { openDialog.element.parentNode.removeChild(openDialog.element); }
      openDialog = null;
    },
    isActiveDialog: function (addonKey) { return !!openDialog && openDialog.addonKey === addonKey; },
    setButtonDisabled: function () {},
    isButtonDisabled: function () { return false; },
    toggleButton: function () {},
    setButtonHidden: function () {},
    isButtonHidden: function () { return false; },
    createButton: function () {}
  });

  // AP.resize / AP.sizeToParent.
  var sizedToParent = {};
  function fillParent(iframe) {
    var top = iframe.getBoundingClientRect().top + window.scrollY;
    iframe.style.width = '100%';
    iframe.style.height = Math.max(200, window.innerHeight - top - 1) + 'px';
  }
  host.registerProvider('addon', {
    resize: function (width, height, context) {
      var iframe = iframeOf(context);
      if (!iframe || sizedToParent[iframe.id]) { return; }
      if (width) { iframe.style.width = /^\d+$/.test(String(width)) ? width + 'px' : width; }
      if (height) { iframe.style.height = /^\d+$/.test(String(height)) ? height + 'px' : height; }
    },
    sizeToParent: function (hideFooter, context) {
      var iframe = iframeOf(context);
      var options = (context && context.extension && context.extension.options) || {};
      // As in Jira, only full-page modules (general, project and admin pages) may fill the page.
      if (!iframe || !options.isFullPage) { return; }
      sizedToParent[iframe.id] = true;
      iframe.classList.add('sized-to-parent');
      fillParent(iframe);
    },
    registerUnmountCallback: function () {}
  });
  window.addEventListener('resize', function () {
    Object.keys(sizedToParent).forEach(function (id) {
      var iframe = document.getElementById(id);
      if (iframe) { fillParent(iframe); }
    });
  });

  /* ---------------------------------------------------------------- iframes */

  function embed(spec, container) {
    var options = spec.options || {};
    if (options.isFullPage && !options.isDialog) {
      // The state a reload or a shared link carries after "#!" (AP.history.getState too).
      options = Object.assign({}, options, { history: { state: stateOfHash(window.location.hash) } });
    }
    var created = host.createExtension({
      addon_key: spec.addon_key,
      key: spec.key,
      url: spec.url,
      options: options
    });
    var iframe = document.createElement('iframe');
    var attributes = created.iframeAttributes;
    Object.keys(attributes).forEach(function (name) { iframe.setAttribute(name, attributes[name]); });
    iframe.className = 'app-frame ap-iframe';
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    if (!attributes.height) { iframe.style.height = '600px'; }
    container.appendChild(iframe);
    return iframe;
  }

  host.onIframeEstablished(function (data) {
    var id = data.extension && data.extension.id;
    var iframe = id && document.getElementById(id);
    if (iframe && iframe.parentNode) { iframe.parentNode.setAttribute('data-bridge', 'established'); }
  });

  var switcher = document.querySelector('[data-autosubmit]');
  if (switcher) {
    switcher.addEventListener('change', function () { switcher.form.submit(); });
  }

  page.embeds.forEach(function (spec) {
    var container = document.getElementById(spec.container);
    if (container) { embed(spec, container); }
  });
})();
