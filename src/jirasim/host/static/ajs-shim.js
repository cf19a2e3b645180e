/*
 * connect-host.js expects Jira's jQuery as AJS.$ for a few DOM look-ups that remain even when a
 * product supplies its own providers (e.g. counting open dialogs before opening one). jirasim
 * has no jQuery, so this provides the handful of calls those paths make (look-ups, and attribute,
 * class and style changes on the elements found). Everything else goes through the providers
 * registered in host.js.
 */
(function () {
  'use strict';

  function isVisible(element) {
    return !!(element.offsetWidth || element.offsetHeight || element.getClientRects().length);
  }

  function select(selector) {
    if (typeof selector !== 'string') {
      return selector ? [selector] : [];
    }
    var visibleOnly = /:visible$/.test(selector);
    var css = selector.replace(/:visible$/, '');
    var found;
    try {
      found = Array.prototype.slice.call(document.querySelectorAll(css));
    } catch (e) {
      found = [];
    }
    return visibleOnly ? found.filter(isVisible) : found;
  }

  function wrap(elements) {
    var wrapped = {
      length: elements.length,
      get: function (index) { return index === undefined ? elements.slice() : elements[index]; },
      each: function (fn) { elements.forEach(function (el, i) { fn.call(el, i, el); }); return wrapped; },
      is: function (what) {
        return what === ':visible' ? elements.some(isVisible) : elements.some(function (el) {
          return el.matches && el.matches(what);
        });
      },
      find: function (selector) {
        var out = [];
        elements.forEach(function (el) {
          if (el.querySelectorAll) { out = out.concat(Array.prototype.slice.call(el.querySelectorAll(selector))); }
        });
        return wrap(out);
      },
      attr: function (name, value) {
        if (value === undefined) { return elements[0] ? elements[0].getAttribute(name) : undefined; }
        elements.forEach(function (el) { el.setAttribute(name, value); });
        return wrapped;
      },
      css: function (styles) {
        elements.forEach(function (el) { Object.assign(el.style, styles); });
        return wrapped;
      },
      addClass: function (name) { elements.forEach(function (el) { el.classList.add(name); }); return wrapped; },
      removeClass: function (name) { elements.forEach(function (el) { el.classList.remove(name); }); return wrapped; },
      hasClass: function (name) { return elements.some(function (el) { return el.classList.contains(name); }); },
      trigger: function () { return wrapped; },
      height: function () {
        var el = elements[0];
        return el === window ? window.innerHeight : (el ? el.getBoundingClientRect().height : 0);
      },
      // Dialog sizes given in px or % are capped to the window's (connect-host's dialog utils).
      width: function () {
        var el = elements[0];
        return el === window ? window.innerWidth : (el ? el.getBoundingClientRect().width : 0);
      },
      offset: function () {
        var el = elements[0];
        if (!el || !el.getBoundingClientRect) { return { top: 0, left: 0 }; }
        var rect = el.getBoundingClientRect();
        return { top: rect.top + window.scrollY, left: rect.left + window.scrollX };
      }
    };
    elements.forEach(function (el, i) { wrapped[i] = el; });
    return wrapped;
  }

  window.AJS = window.AJS || {};
  if (!window.AJS.$) {
    window.AJS.$ = function (selector) { return wrap(select(selector)); };
  }
  window.AJS.escapeHtml = window.AJS.escapeHtml || function (text) {
    var div = document.createElement('div');
    div.textContent = text == null ? '' : String(text);
    return div.innerHTML;
  };
})();
