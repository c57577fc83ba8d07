// Injected by the preview server (test/preview/server.ts) into sidebar.html, before the sidebar's
// own script: `google.script.run` as HtmlService provides it, with the "server" being the preview
// page around this iframe. A call posts {type: 'tsugi-run', id, name, args} to window.parent; the
// page runs the add-on's global of that name and answers {type: 'tsugi-run-result', id, ok,
// value | error}, and the success or failure handler runs asynchronously, as in Apps Script.
// Arguments and results cross as JSON (no Date objects, functions or DOM nodes), like the real one.
(function () {
  'use strict';
  var pending = {};
  var sequence = 0;

  function copy(config, key, value) {
    var next = { success: config.success, failure: config.failure, userObject: config.userObject };
    next[key] = value;
    return next;
  }

  function asJson(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  function send(name, args, config) {
    var id = 'run-' + ++sequence + '-' + Math.random().toString(36).slice(2, 8);
    var payload;
    try {
      payload = asJson(args);
    } catch (error) {
      // Apps Script refuses arguments it cannot serialise before calling anything.
      settle(config, false, 'Invalid argument: ' + (error && error.message ? error.message : String(error)));
      return;
    }
    pending[id] = config;
    window.parent.postMessage({ type: 'tsugi-run', id: id, name: name, args: payload }, window.location.origin);
  }

  function settle(config, ok, valueOrError) {
    setTimeout(function () {
      if (ok) {
        if (config.success) config.success(valueOrError, config.userObject);
        return;
      }
      var error = new Error(String(valueOrError));
      error.name = 'ScriptError';
      if (config.failure) config.failure(error, config.userObject);
      else if (window.console) window.console.error(error);
    }, 0);
  }

  function runner(config) {
    return new Proxy(
      {},
      {
        get: function (_target, name) {
          if (typeof name !== 'string' || name === 'then' || name === 'toJSON') return undefined;
          if (name === 'withSuccessHandler') return function (fn) { return runner(copy(config, 'success', fn)); };
          if (name === 'withFailureHandler') return function (fn) { return runner(copy(config, 'failure', fn)); };
          if (name === 'withUserObject') return function (object) { return runner(copy(config, 'userObject', object)); };
          return function () {
            send(name, Array.prototype.slice.call(arguments), config);
          };
        },
      },
    );
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent) return;
    var data = event.data;
    if (!data || data.type !== 'tsugi-run-result' || typeof data.id !== 'string') return;
    var config = pending[data.id];
    if (!config) return;
    delete pending[data.id];
    settle(config, data.ok === true, data.ok === true ? data.value : data.error);
  });

  window.google = window.google || {};
  window.google.script = window.google.script || {};
  window.google.script.run = runner({ success: null, failure: null, userObject: undefined });
})();
