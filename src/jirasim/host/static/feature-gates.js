/*
 * Jira starts Atlassian's feature-gate client before any Connect iframe loads. connect-host.js
 * adopts the page's client (window.__FEATUREGATES_JS__) when it loads, reads gates at once, and
 * logs a console error for each gate read while no client has started. jirasim's client has
 * started, keeps every gate off (what connect-host assumed without one) and sends nothing.
 */
(function () {
  'use strict';

  if (window.__FEATUREGATES_JS__) { return; }
  window.__FEATUREGATES_JS__ = {
    // connect-host.js's own client version: a different one makes it warn about two clients.
    getPackageVersion: function () { return '4.23.4'; },
    initializeCalled: function () { return true; },
    initializeCompleted: function () { return true; },
    checkGate: function () { return false; },
    getExperimentValue: function (experiment, parameter, defaultValue) { return defaultValue; }
  };
})();
