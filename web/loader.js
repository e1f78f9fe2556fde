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
  window.Module = {
    canvas: canvas,
    locateFile: function (path) { return path; },
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    onAbort: function () { showError('工作台出现错误，请刷新页面重试'); }
  };
  if (typeof WebAssembly !== 'object') showError('此浏览器不支持 WebAssembly，请使用新版 Chrome、Edge 或 Firefox');
})();
