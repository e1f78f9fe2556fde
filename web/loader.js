// Sets up the Emscripten Module for yiyang.js (loaded right after this file, both deferred): the canvas,
// where the .wasm lives, and a visible message instead of a blank page when loading fails.
(function () {
  'use strict';
  var canvas = document.getElementById('canvas');
  function showError(text) {
    var el = document.getElementById('yy-loading-text');
    if (el) el.textContent = text;
    var box = document.getElementById('yy-loading');
    if (box) box.classList.add('yy-error');
  }
  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();
    showError('图形上下文已丢失，请刷新页面');
  }, false);
  // The Chinese font (1.5 MB) is fetched now, in parallel with yiyang.js/.wasm; the C++ side takes the
  // bytes when it is ready for them (yy_font_take in client_wasm/platform/browser_library.js).
  // The name below is rewritten to the fingerprinted one (yiyang-cjk.<hash>.otf) when the site is assembled
  // (scripts/fingerprint-site.py); C++ reads it from here for its own fallback fetch.
  var font = { status: 0, bytes: null, url: 'yiyang-cjk.otf' };
  if (window.fetch) {
    fetch(font.url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { font.status = r.status; return null; }
      return r.arrayBuffer().then(function (b) { font.bytes = new Uint8Array(b); font.status = 200; });
    }).catch(function () { font.status = -1; });
  } else {
    font.status = -2;                                   // no fetch(): C++ falls back to emscripten_fetch
  }
  window.Module = {
    yyFont: font,
    canvas: canvas,
    locateFile: function (path) { return path; },
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    onAbort: function () { showError('工作台出现错误，请刷新页面重试'); }
  };
  if (typeof WebAssembly !== 'object') showError('此浏览器不支持 WebAssembly，请使用新版 Chrome、Edge 或 Firefox');
})();
