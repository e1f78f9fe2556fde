// Browser side of the platform glue (linked with --js-library): the IME text agent, the clipboard, the
// aria-live region, canvas sizing, the "something happened" flag that wakes an idle render loop, and
// timing marks. C++ pulls queued events once per frame (see platform/browser.hpp); nothing here calls C++.
mergeInto(LibraryManager.library, {
  $YY: {
    dirty: 1,            // events since the last frame (the loop renders only when this or C++ asks)
    texts: [],           // committed text (typed characters and IME commits) not yet handed to ImGui
    clip: '',            // the last text copied by ImGui or pasted by the browser
    composing: false,
    agentActive: false,
    agent: null,
    live: null,
    liveText: '',
    t0: 0,
    marks: {},
    audio: null,         // the AudioContext of the SOS alarm, created on the first beep
    seq: 0,      // input events seen (the test hook's "settled": every event has been drawn)
    wake: function() { YY.dirty = 1; YY.seq++; },
    toHeap: function(s) {
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    },
    // The file chooser for evidence files (JPEG, PNG, WebP, PDF): each chosen file posted raw to url?name=… one by
    // one; YY[queue] (taken and replaced by C++'s pull) gets {kind: 'started', <key>: id, count} and then
    // {kind: 'done', <key>: id, status, text} per file.
    pickEvidenceFiles: function(inputId, queue, key, id, url) {
      var push = function(e) { (YY[queue] = YY[queue] || []).push(e); };
      var input = document.createElement('input');
      input.type = 'file';
      input.accept = 'image/jpeg,image/png,image/webp,application/pdf,.pdf,.jpg,.jpeg,.png';
      input.multiple = true;
      input.style.display = 'none';
      input.id = inputId;
      document.body.appendChild(input);
      var done = function() { if (input.parentNode) input.parentNode.removeChild(input); };
      var event = function(fields) { var e = {}; e[key] = id; for (var k in fields) e[k] = fields[k]; return e; };
      input.addEventListener('cancel', done);
      input.addEventListener('change', function() {
        var files = Array.prototype.slice.call(input.files || []);
        done();
        if (files.length === 0) return;
        push(event({kind: 'started', count: files.length}));
        files.forEach(function(f) {
          fetch(url + '?name=' + encodeURIComponent(f.name || ''), {
            method: 'POST', credentials: 'same-origin', body: f,
            headers: {'Content-Type': f.type || 'application/octet-stream', 'X-Yiyang-Request': '1'}
          }).then(function(r) {
            return r.text().then(function(t) {
              push(event({kind: 'done', status: r.status, text: t}));
              YY.wake();
            });
          }).catch(function() {
            push(event({kind: 'done', status: 0, text: ''}));
            YY.wake();
          });
        });
        YY.wake();
      });
      input.click();
    },
    copyFallback: function(text) {
      // execCommand('copy') on a temporary textarea: works on plain http while the user gesture is fresh.
      var ta = document.createElement('textarea');
      ta.value = text;
      ta.setAttribute('readonly', '');
      ta.style.position = 'fixed';
      ta.style.left = '-10000px';
      document.body.appendChild(ta);
      ta.select();
      try { document.execCommand('copy'); } catch (e) {}
      document.body.removeChild(ta);
      if (YY.agentActive && YY.agent) YY.agent.focus({preventScroll: true});
    },
  },

  yy_browser_init__deps: ['$YY'],
  yy_browser_init: function() {
    YY.t0 = (typeof performance !== 'undefined') ? performance.now() : Date.now();
    var canvas = Module['canvas'];
    var agent = document.getElementById('yy-text-agent');
    YY.agent = agent;
    YY.live = document.getElementById('yy-live');
    var wakeEvents = ['keydown', 'keyup', 'keypress', 'mousemove', 'mousedown', 'mouseup', 'wheel',
                      'touchstart', 'touchmove', 'touchend', 'touchcancel', 'resize', 'focus', 'blur',
                      'visibilitychange', 'pointerdown', 'pointerup'];
    wakeEvents.forEach(function(name) { window.addEventListener(name, YY.wake, true); });
    // Pinch zoom and the on-screen keyboard change the visual viewport without a window resize everywhere.
    if (window.visualViewport) {
      window.visualViewport.addEventListener('resize', YY.wake);
      window.visualViewport.addEventListener('scroll', YY.wake);
    }
    // The dashboard's shortcuts (client_wasm/ui/keys.cpp) are not the browser's: no find bar on Ctrl+F, no
    // address bar on Ctrl+K, no help page on F1, no menu on Alt+letter. (Tab is kept by the GLFW shim.)
    window.addEventListener('keydown', function(e) {
      var k = e.key || '';
      var mine = (e.ctrlKey && !e.altKey && (k === 'k' || k === 'K' || k === 'f' || k === 'F')) ||
                 (e.altKey && !e.ctrlKey && /^(Digit[1-9]|KeyN|KeyO)$/.test(e.code || '')) ||
                 k === 'F1';
      if (mine) e.preventDefault();
    }, true);
    // Keep the text agent focused while ImGui edits text: a click on the canvas must not move focus.
    if (canvas) {
      canvas.addEventListener('mousedown', function(e) { e.preventDefault(); }, false);
      canvas.addEventListener('contextmenu', function(e) { e.preventDefault(); }, false);
    }
    document.addEventListener('paste', function(e) {
      var t = e.clipboardData ? e.clipboardData.getData('text/plain') : null;
      if (t !== null && t !== undefined) YY.clip = t;
      e.preventDefault();            // ImGui inserts it (it sees Ctrl+V and asks for the clipboard)
      YY.wake();
    }, true);
    if (agent) {
      agent.addEventListener('compositionstart', function() {
        YY.composing = true;
        agent.classList.add('composing');     // the browser shows the pre-edit text at ImGui's caret
        YY.wake();
      });
      agent.addEventListener('compositionupdate', YY.wake);
      agent.addEventListener('compositionend', function(e) {
        YY.composing = false;
        agent.classList.remove('composing');
        if (e.data) YY.texts.push(e.data);
        agent.value = '';
        YY.wake();
      });
      agent.addEventListener('input', function(e) {
        // Composition text arrives once, at compositionend; pastes arrive through the clipboard path.
        if (e.isComposing || YY.composing || e.inputType === 'insertCompositionText') return;
        if (e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop') { agent.value = ''; return; }
        var t = (e.data !== null && e.data !== undefined) ? e.data : agent.value;
        if (t) YY.texts.push(t);
        agent.value = '';
        YY.wake();
      });
    }
    if (window.matchMedia) {
      // A devicePixelRatio change (browser zoom, moving to another monitor) fires no resize everywhere.
      var watchDpr = function() {
        var mq = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
        var handler = function() { YY.wake(); mq.removeListener(handler); watchDpr(); };
        if (mq.addListener) mq.addListener(handler);
      };
      watchDpr();
    }
  },

  yy_take_dirty__deps: ['$YY'],
  yy_take_dirty: function() { var d = YY.dirty; YY.dirty = 0; return d; },

  yy_input_seq__deps: ['$YY'],
  yy_input_seq: function() { return YY.seq; },

  yy_wake__deps: ['$YY'],
  yy_wake: function() { YY.wake(); },

  // Committed text since the last call, malloc'ed (C++ frees it), or 0.
  yy_take_text__deps: ['$YY', 'malloc'],
  yy_take_text: function() {
    if (YY.texts.length === 0) return 0;
    var s = YY.texts.join('');
    YY.texts = [];
    return YY.toHeap(s);
  },

  // The font started by web/loader.js: 0 while loading, the HTTP status (or -1 network error, -2 not
  // started) otherwise; on 200 *out_ptr / *out_size receive a malloc'ed copy (C++ frees it).
  yy_font_take__deps: ['malloc'],
  yy_font_take: function(outPtr, outSize) {
    var f = Module['yyFont'];
    if (!f) return -2;
    if (f.status !== 200) return f.status;
    var p = _malloc(f.bytes.length);
    HEAPU8.set(f.bytes, p);
    HEAP32[outPtr >> 2] = p;
    HEAP32[outSize >> 2] = f.bytes.length;
    f.bytes = null;
    f.status = 1;                                      // taken
    return 200;
  },

  // The font's URL as web/loader.js names it (fingerprinted by scripts/fingerprint-site.py), for the
  // fallback fetch from C++; malloc'ed, the caller frees it.
  yy_font_url__deps: ['$YY', 'malloc'],
  yy_font_url: function() {
    var f = Module['yyFont'];
    return YY.toHeap((f && f.url) || 'yiyang-cjk.otf');
  },

  yy_device_pixel_ratio: function() { return window.devicePixelRatio || 1; },

  // CSS size of the canvas (it fills the window; see web/style.css).
  yy_canvas_css_width: function() {
    var c = Module['canvas'];
    return c ? c.getBoundingClientRect().width : window.innerWidth;
  },
  yy_canvas_css_height: function() {
    var c = Module['canvas'];
    return c ? c.getBoundingClientRect().height : window.innerHeight;
  },
  // Backing store in device pixels. Never through glfwSetWindowSize: the shim turns the screen size
  // into a fullscreen request.
  yy_set_canvas_backing_size: function(w, h) {
    var c = Module['canvas'];
    if (!c) return;
    if (c.width !== w) c.width = w;
    if (c.height !== h) c.height = h;
  },

  // The hidden <input> that receives IME composition: follows ImGui's caret (CSS px), focused while
  // ImGui wants text, blurred otherwise.
  yy_text_agent__deps: ['$YY'],
  yy_text_agent: function(active, x, y, lineHeight) {
    var a = YY.agent;
    if (!a) return;
    a.style.left = Math.round(x) + 'px';
    a.style.top = Math.round(y) + 'px';
    a.style.height = Math.max(1, Math.round(lineHeight)) + 'px';
    a.style.fontSize = Math.max(8, Math.round(lineHeight * 0.95)) + 'px';
    if (active && !YY.agentActive) {
      YY.agentActive = true;
      a.value = '';
      a.focus({preventScroll: true});
    } else if (!active && YY.agentActive) {
      YY.agentActive = false;
      YY.composing = false;
      a.classList.remove('composing');
      a.value = '';
      a.blur();
    } else if (active && document.activeElement !== a) {
      a.focus({preventScroll: true});
    }
  },
  yy_text_agent_focused__deps: ['$YY'],
  yy_text_agent_focused: function() { return (YY.agent && document.activeElement === YY.agent) ? 1 : 0; },

  yy_clipboard_set__deps: ['$YY'],
  yy_clipboard_set: function(ptr) {
    var text = UTF8ToString(ptr);
    YY.clip = text;
    try {
      if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
        navigator.clipboard.writeText(text).catch(function() { YY.copyFallback(text); });
        return;
      }
    } catch (e) {}
    YY.copyFallback(text);
  },
  // 导出: fetched, then saved through a link with the download attribute (named as the server's Content-Disposition);
  // 打印: the print page in a new tab. The session cookie goes along with both (SameSite=Strict, same site).
  yy_open_url__deps: ['$YY'],
  yy_open_url: function(ptr, download) {
    var url = UTF8ToString(ptr);
    if (download) {
      // Fetched first: a refusal (bad filter, too many rows: a JSON error) is queued for the dashboard to show
      // (yy_download_take_error) instead of being saved as a file; the file itself is saved under its own name.
      fetch(url, {credentials: 'same-origin'}).then(function(r) {
        if (!r.ok) {
          return r.text().then(function(t) {
            YY.downloadErrors = YY.downloadErrors || [];
            YY.downloadErrors.push({status: r.status, text: t});
            YY.wake();
          });
        }
        var cd = r.headers.get('Content-Disposition') || '';
        var name = 'export.xlsx';
        var m = /filename\*=UTF-8''([^;]+)/i.exec(cd) || /filename="([^"]+)"/i.exec(cd);
        if (m) { try { name = decodeURIComponent(m[1]); } catch (e) { name = m[1]; } }
        return r.blob().then(function(b) {
          var href = URL.createObjectURL(b);
          var a = document.createElement('a');
          a.href = href;
          a.download = name;
          a.rel = 'noopener';
          document.body.appendChild(a);
          a.click();
          setTimeout(function() { a.remove(); URL.revokeObjectURL(href); }, 60000);
        });
      }).catch(function() {
        YY.downloadErrors = YY.downloadErrors || [];
        YY.downloadErrors.push({status: 0, text: ''});
        YY.wake();
      });
    } else {
      window.open(url, '_blank', 'noopener');
    }
  },
  // The first refused download's reply text (malloc'ed, C++ frees it) and its status in *statusPtr, or 0.
  yy_download_take_error__deps: ['$YY', 'malloc'],
  yy_download_take_error: function(statusPtr) {
    if (!YY.downloadErrors || YY.downloadErrors.length === 0) return 0;
    var e = YY.downloadErrors.shift();
    HEAP32[statusPtr >> 2] = e.status;
    return YY.toHeap(e.text);
  },
  // Small per-user preferences (the tables' layout, platform/layout_store.cpp); "" when storage is unavailable.
  yy_storage_get__deps: ['$YY', 'malloc'],
  yy_storage_get: function(ptr) {
    var v = '';
    try { v = window.localStorage.getItem(UTF8ToString(ptr)) || ''; } catch (e) {}
    return YY.toHeap(v);
  },
  yy_storage_set: function(keyPtr, valuePtr) {
    try { window.localStorage.setItem(UTF8ToString(keyPtr), UTF8ToString(valuePtr)); } catch (e) {}
  },
  yy_clipboard_get__deps: ['$YY', 'malloc'],
  yy_clipboard_get: function() { return YY.toHeap(YY.clip || ''); },

  // The offscreen aria-live region: screen readers announce the screen's title and status.
  yy_set_live__deps: ['$YY'],
  yy_set_live: function(ptr) {
    var text = UTF8ToString(ptr);
    if (YY.live && text !== YY.liveText) {
      YY.liveText = text;
      YY.live.textContent = text;
    }
  },
  // The screen reader mirror: a hidden region rebuilt from the JSON of client_wasm/ui/a11y.cpp (called only
  // when it changed). Built with textContent: names and addresses never become markup.
  yy_set_mirror: function(ptr) {
    var root = document.getElementById('yy-mirror');
    if (!root) return;
    var m;
    try { m = JSON.parse(UTF8ToString(ptr)); } catch (e) { return; }
    var el = function(tag, text, parent) {
      var n = document.createElement(tag);
      if (text !== undefined && text !== null) n.textContent = text;
      (parent || root).appendChild(n);
      return n;
    };
    while (root.firstChild) root.removeChild(root.firstChild);
    el('h1', m.title || '');
    (m.headings || []).forEach(function(h) { if (h !== m.title) el('h2', h); });
    var f = m.focus || {};
    var focus = el('p', f.label || f.kind ? ('焦点：' + [f.label, f.kind, f.value].filter(function(x) { return x; }).join('，')) : '');
    focus.id = 'yy-mirror-focus';
    if ((m.figures || []).length) {
      var dl = el('dl');
      dl.setAttribute('aria-label', '指标');
      m.figures.forEach(function(p) { el('dt', p[0], dl); el('dd', p[1], dl); });
    }
    if ((m.rows || []).length) {
      var t = el('table');
      el('caption', m.table || '表格', t);
      var hr = el('tr', null, el('thead', null, t));
      (m.columns || []).forEach(function(c) { el('th', c, hr).setAttribute('scope', 'col'); });
      var body = el('tbody', null, t);
      m.rows.forEach(function(r) {
        var tr = el('tr', null, body);
        r.forEach(function(c) { el('td', c, tr); });
      });
    }
  },

  // localStorage for the display settings; malloc'ed string or 0 (C++ frees it).
  yy_pref_get__deps: ['$YY', 'malloc'],
  yy_pref_get: function(key) {
    try {
      var v = window.localStorage.getItem(UTF8ToString(key));
      return v === null ? 0 : YY.toHeap(v);
    } catch (e) { return 0; }
  },
  yy_pref_set: function(key, value) {
    try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
  },

  // ?redraw=always: draw every ImGui frame (the loop before draw-on-change), for the A/B of tests/e2e/bench-ui.mjs.
  yy_always_draw: function() { return /[?&]redraw=always\b/.test(window.location.search) ? 1 : 0; },

  yy_set_title: function(ptr) { document.title = UTF8ToString(ptr); },

  yy_loading_status: function(ptr) {
    var el = document.getElementById('yy-loading-text');
    if (el) el.textContent = UTF8ToString(ptr);
  },
  yy_loading_done: function() {
    var el = document.getElementById('yy-loading');
    if (el && el.parentNode) el.parentNode.removeChild(el);
  },

  // Milliseconds since the page started (performance.now()).
  // Seconds since 1970 in China Standard Time (a "local epoch", shared/date.hpp LocalSeconds).
  yy_now_local_s: function() { return Math.floor(Date.now() / 1000) + 8 * 3600; },
  yy_now_ms: function() { return (typeof performance !== 'undefined') ? performance.now() : Date.now(); },
  // Today's civil date in China Standard Time (UTC+8), whatever the machine's zone: written to out[0..2].
  yy_today_cst: function(out) {
    var d = new Date(Date.now() + 8 * 3600 * 1000);
    HEAP32[out >> 2] = d.getUTCFullYear();
    HEAP32[(out >> 2) + 1] = d.getUTCMonth() + 1;
    HEAP32[(out >> 2) + 2] = d.getUTCDate();
  },
  // The SOS alarm: two short square-wave tones (880 Hz, 660 Hz). Returns 1 when the context is running (the
  // page has had a user gesture), 0 otherwise; never throws (no audio is not an error worth showing).
  yy_alarm_beep__deps: ['$YY'],
  yy_alarm_beep: function() {
    try {
      var AC = window.AudioContext || window.webkitAudioContext;
      if (!AC) return 0;
      if (!YY.audio) YY.audio = new AC();
      var ctx = YY.audio;
      if (ctx.state === 'suspended' && ctx.resume) { var p = ctx.resume(); if (p && p.catch) p.catch(function() {}); }
      if (ctx.state !== 'running') return 0;
      var t = ctx.currentTime + 0.01;
      [[0, 880], [0.22, 660]].forEach(function(step) {
        var o = ctx.createOscillator();
        var g = ctx.createGain();
        o.type = 'square';
        o.frequency.setValueAtTime(step[1], t + step[0]);
        g.gain.setValueAtTime(0.0001, t + step[0]);
        g.gain.exponentialRampToValueAtTime(0.15, t + step[0] + 0.02);
        g.gain.exponentialRampToValueAtTime(0.0001, t + step[0] + 0.18);
        o.connect(g);
        g.connect(ctx.destination);
        o.start(t + step[0]);
        o.stop(t + step[0] + 0.2);
      });
      return 1;
    } catch (e) {
      return 0;
    }
  },
  // ---- evidence photos (platform/photos.hpp) ----------------------------------------------------------
  // Opens the file chooser (a phone offers its rear camera: capture="environment") and posts each chosen file as
  // it is, raw, to /api/v1/orders/{id}/evidence: the bytes never pass through WebAssembly memory. What happened is
  // queued for C++ (yy_photo_take_events), like the other browser events.
  yy_photo_pick__deps: ['$YY'],
  yy_photo_pick: function(orderId) {
    YY.photoEvents = YY.photoEvents || [];
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.setAttribute('capture', 'environment');
    input.multiple = true;
    input.style.display = 'none';
    input.id = 'yy-photo-input';
    document.body.appendChild(input);
    var done = function() { if (input.parentNode) input.parentNode.removeChild(input); };
    input.addEventListener('cancel', done);
    input.addEventListener('change', function() {
      var files = Array.prototype.slice.call(input.files || []);
      done();
      if (files.length === 0) return;
      YY.photoEvents.push({kind: 'started', order: orderId, count: files.length});
      files.forEach(function(f) {
        fetch('/api/v1/orders/' + orderId + '/evidence', {
          method: 'POST', credentials: 'same-origin', body: f,
          headers: {'Content-Type': f.type || 'application/octet-stream', 'X-Yiyang-Request': '1'}
        }).then(function(r) {
          return r.text().then(function(t) {
            YY.photoEvents.push({kind: 'done', order: orderId, status: r.status, text: t});
            YY.wake();
          });
        }).catch(function() {
          YY.photoEvents.push({kind: 'done', order: orderId, status: 0, text: ''});
          YY.wake();
        });
      });
      YY.wake();
    });
    input.click();
  },
  // Issue 13: an activity record's evidence files (photos, sign-in sheets, PDFs), chosen and posted raw to
  // /api/v1/activities/{id}/files?name=… one by one (the server judges the type by the bytes). Events as photos'.
  yy_activity_pick__deps: ['$YY'],
  yy_activity_pick: function(recordId) {
    YY.pickEvidenceFiles('yy-activity-input', 'activityEvents', 'record', recordId,
                         '/api/v1/activities/' + recordId + '/files');
  },
  // Issue 11: the files behind a provider's objection (申诉佐证), posted the same way to
  // /api/v1/settlement/objections/{id}/files?name=…
  yy_objection_pick__deps: ['$YY'],
  yy_objection_pick: function(objectionId) {
    YY.pickEvidenceFiles('yy-objection-input', 'objectionEvents', 'objection', objectionId,
                         '/api/v1/settlement/objections/' + objectionId + '/files');
  },
  yy_objection_take_events__deps: ['$YY', 'malloc'],
  yy_objection_take_events: function() {
    if (!YY.objectionEvents || YY.objectionEvents.length === 0) return 0;
    var s = JSON.stringify(YY.objectionEvents);
    YY.objectionEvents = [];
    return YY.toHeap(s);
  },
  yy_activity_take_events__deps: ['$YY', 'malloc'],
  yy_activity_take_events: function() {
    if (!YY.activityEvents || YY.activityEvents.length === 0) return 0;
    var s = JSON.stringify(YY.activityEvents);
    YY.activityEvents = [];
    return YY.toHeap(s);
  },
  // The queued photo events as a JSON array, malloc'ed (C++ frees it), or 0.
  yy_photo_take_events__deps: ['$YY', 'malloc'],
  yy_photo_take_events: function() {
    if (!YY.photoEvents || YY.photoEvents.length === 0) return 0;
    var s = JSON.stringify(YY.photoEvents);
    YY.photoEvents = [];
    return YY.toHeap(s);
  },
  // ---- 核查 list imports (platform/import_upload.hpp) ---------------------------------------------------
  // The chosen list file (CSV or XLSX) stays here as a File: the dry run and the commit send the same bytes, raw,
  // through XMLHttpRequest (fetch has no upload progress), never through WebAssembly memory. Events are queued for
  // C++ (yy_import_take_events): picked {name, bytes}, progress {seq, sent, total}, done {seq, status, text}.
  yy_import_pick__deps: ['$YY'],
  yy_import_pick: function() {
    YY.importEvents = YY.importEvents || [];
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.style.display = 'none';
    input.id = 'yy-import-input';
    document.body.appendChild(input);
    var done = function() { if (input.parentNode) input.parentNode.removeChild(input); };
    input.addEventListener('cancel', done);
    input.addEventListener('change', function() {
      var f = (input.files || [])[0];
      done();
      if (!f) return;
      YY.importFile = f;
      YY.importEvents.push({kind: 'picked', name: f.name, bytes: f.size});
      YY.wake();
    });
    input.click();
  },
  yy_import_upload__deps: ['$YY'],
  yy_import_upload: function(urlPtr, seq) {
    YY.importEvents = YY.importEvents || [];
    var url = UTF8ToString(urlPtr);
    var f = YY.importFile;
    if (!f) {
      YY.importEvents.push({kind: 'done', seq: seq, status: 0, text: ''});
      YY.wake();
      return;
    }
    if (YY.importXhr) { try { YY.importXhr.abort(); } catch (e) {} }
    var xhr = new XMLHttpRequest();
    YY.importXhr = xhr;
    xhr.open('POST', url, true);
    xhr.withCredentials = true;
    var xlsx = /\.xlsx$/i.test(f.name);
    xhr.setRequestHeader('Content-Type', xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
                                              : 'text/csv');
    xhr.setRequestHeader('X-Yiyang-Request', '1');
    xhr.upload.onprogress = function(e) {
      YY.importEvents.push({kind: 'progress', seq: seq, sent: e.loaded, total: e.lengthComputable ? e.total : f.size});
      YY.wake();
    };
    xhr.onload = function() {
      YY.importEvents.push({kind: 'done', seq: seq, status: xhr.status, text: xhr.responseText || ''});
      YY.wake();
    };
    xhr.onerror = xhr.ontimeout = function() {
      YY.importEvents.push({kind: 'done', seq: seq, status: 0, text: ''});
      YY.wake();
    };
    YY.importEvents.push({kind: 'progress', seq: seq, sent: 0, total: f.size});
    xhr.send(f);
    YY.wake();
  },
  // The queued import events as a JSON array, malloc'ed (C++ frees it), or 0.
  yy_import_take_events__deps: ['$YY', 'malloc'],
  yy_import_take_events: function() {
    if (!YY.importEvents || YY.importEvents.length === 0) return 0;
    var s = JSON.stringify(YY.importEvents);
    YY.importEvents = [];
    return YY.toHeap(s);
  },
  // A photo (thumbnail) as a WebGL texture for ImGui::Image: fetched with the session cookie, decoded by the
  // browser (createImageBitmap, off the main thread), uploaded once and registered in Emscripten's GL.textures
  // table so that its id is an ordinary GLuint. out[0] = state (0 loading, 1 ready, -1 failed), out[1] = the
  // texture id, out[2..3] = width, height.
  yy_texture_get__deps: ['$YY', '$GL'],
  yy_texture_get: function(urlPtr, out) {
    var url = UTF8ToString(urlPtr);
    YY.textures = YY.textures || {};
    var t = YY.textures[url];
    if (!t) {
      t = YY.textures[url] = {state: 0, id: 0, w: 0, h: 0};
      fetch(url, {credentials: 'same-origin'}).then(function(r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.blob();
      }).then(function(b) { return createImageBitmap(b); }).then(function(bmp) {
        var gl = GLctx;
        var tex = gl.createTexture();
        var previous = gl.getParameter(gl.TEXTURE_BINDING_2D);
        gl.bindTexture(gl.TEXTURE_2D, tex);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bmp);
        gl.bindTexture(gl.TEXTURE_2D, previous);
        var id = GL.getNewId(GL.textures);
        tex.name = id;
        GL.textures[id] = tex;
        t.id = id; t.w = bmp.width; t.h = bmp.height; t.state = 1;
        if (bmp.close) bmp.close();
        YY.wake();
      }).catch(function() { t.state = -1; YY.wake(); });
    }
    HEAP32[out >> 2] = t.state;
    HEAP32[(out >> 2) + 1] = t.id;
    HEAP32[(out >> 2) + 2] = t.w;
    HEAP32[(out >> 2) + 3] = t.h;
  },

  yy_mark__deps: ['$YY'],
  yy_mark: function(ptr) {
    var name = UTF8ToString(ptr);
    var t = (typeof performance !== 'undefined') ? performance.now() : Date.now();
    YY.marks[name] = t;
    try { performance.mark('yiyang-' + name); } catch (e) {}
  },

  // ---- navigation (platform/navigation_glue.cpp): the hash URL, history entries, new tabs, copied links,
  // the intake draft in sessionStorage and the beforeunload question. Hash changes are queued like input.
  $YYNav: {
    hashes: [],          // hashes the browser moved to by itself (Back/Forward, a typed or pasted URL)
    unsaved: false,
    installed: false,
  },
  yy_nav_init__deps: ['$YY', '$YYNav'],
  yy_nav_init: function() {
    if (YYNav.installed) return;
    YYNav.installed = true;
    window.addEventListener('hashchange', function() {
      YYNav.hashes.push(window.location.hash || '');
      YY.wake();
    });
    window.addEventListener('beforeunload', function(e) {
      if (!YYNav.unsaved) return undefined;
      e.preventDefault();
      e.returnValue = '有尚未保存的修改，确定离开吗？';
      return e.returnValue;
    });
  },
  yy_nav_hash__deps: ['$YY', 'malloc'],
  yy_nav_hash: function() { return YY.toHeap(window.location.hash || ''); },
  yy_nav_take_hash__deps: ['$YY', '$YYNav', 'malloc'],
  yy_nav_take_hash: function() {
    if (YYNav.hashes.length === 0) return 0;
    return YY.toHeap(YYNav.hashes.shift());
  },
  // A new history entry (push) or the current one rewritten (replace); neither fires hashchange.
  yy_nav_set_hash: function(ptr, replace) {
    var hash = UTF8ToString(ptr);
    if (window.location.hash === hash) return;
    try {
      if (replace) window.history.replaceState(null, '', hash);
      else window.history.pushState(null, '', hash);
    } catch (e) {
      window.location.hash = hash;   // very old browsers: a plain hash change (its hashchange is then harmless)
    }
  },
  yy_nav_open_tab: function(ptr) {
    var url = window.location.pathname + window.location.search + UTF8ToString(ptr);
    window.open(url, '_blank');
  },
  yy_nav_copy_link__deps: ['yy_clipboard_set', '$YY', 'malloc', 'free'],
  yy_nav_copy_link: function(ptr) {
    var url = window.location.origin + window.location.pathname + window.location.search + UTF8ToString(ptr);
    window.yiyangLastCopiedLink = url;
    var p = YY.toHeap(url);
    _yy_clipboard_set(p);
    _free(p);
  },
  yy_nav_set_unsaved__deps: ['$YYNav'],
  yy_nav_set_unsaved: function(flag) { YYNav.unsaved = !!flag; },
  // sessionStorage: survives F5 in the same tab, not closing it (a shared desk PC keeps no caller data).
  yy_nav_session_get__deps: ['$YY', 'malloc'],
  yy_nav_session_get: function(keyPtr) {
    try {
      var v = window.sessionStorage.getItem(UTF8ToString(keyPtr));
      return YY.toHeap(v === null ? '' : v);
    } catch (e) {
      return YY.toHeap('');
    }
  },
  yy_nav_session_set: function(keyPtr, valuePtr) {
    try {
      var key = UTF8ToString(keyPtr);
      var value = UTF8ToString(valuePtr);
      if (value === '') window.sessionStorage.removeItem(key);
      else window.sessionStorage.setItem(key, value);
    } catch (e) {}
  },
});
