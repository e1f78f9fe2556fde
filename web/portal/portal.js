// 公众端 (public portal): plain ES2017, no framework, no build step (WeChat's built-in browser). Reads
// /api/v1/public/…; every text from the server goes in with textContent, never as HTML.
'use strict';
(function () {
  var API = '/api/v1/public/';
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  async function call(method, path, body) {
    var opts = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.headers['X-Yiyang-Request'] = '1';
      opts.body = JSON.stringify(body);
    }
    var res;
    try {
      res = await fetch(API + path, opts);
    } catch (e) {
      return { status: 0, body: { error: { message: '网络连接失败，请检查网络后重试' } } };
    }
    var data = null;
    try { data = await res.json(); } catch (e) { data = {}; }
    return { status: res.status, body: data || {}, retry: res.headers.get('Retry-After') };
  }

  function message(r) {
    return (r.body && r.body.error && r.body.error.message) || '暂时无法完成，请稍后再试';
  }

  function time(text) { return text ? String(text).replace('T', ' ').slice(0, 16) : ''; }

  // ---- the choices -----------------------------------------------------------------------------------
  var reference = null;
  async function loadReference() {
    var r = await call('GET', 'reference');
    if (r.status !== 200) return;
    reference = r.body;
    ['find-town', 'ask-town'].forEach(function (id) {
      reference.towns.forEach(function (t) { $(id).appendChild(el('option', { value: String(t.id) }, t.name)); });
    });
    reference.categories.forEach(function (c) {
      $('find-category').appendChild(el('option', { value: c.code }, c.label));
      var chip = el('label', { 'class': 'chip' });
      chip.appendChild(el('input', { type: 'checkbox', name: 'categories', value: c.code }));
      chip.appendChild(el('span', null, c.label));
      $('ask-categories').appendChild(chip);
    });
    reference.kinds.forEach(function (k, i) {
      var chip = el('label', { 'class': 'chip' });
      var input = el('input', { type: 'radio', name: 'kind', value: k.code });
      if (i === 0) input.checked = true;
      chip.appendChild(input);
      chip.appendChild(el('span', null, k.label));
      $('ask-kinds').appendChild(chip);
    });
    (reference.article_kinds || []).forEach(function (k) {
      $('policy-kind').appendChild(el('option', { value: k.code }, k.label));
    });
  }

  // ---- 找服务 ------------------------------------------------------------------------------------------
  // The 15-minute circle around the chosen town (the service map's figures, suppressed for the public): the town's
  // elders and the share with a service point within the walk; of the chosen category when it has a circle.
  async function showCoverage() {
    var box = $('coverage');
    var town = $('find-town').value;
    if (!town) { box.hidden = true; box.textContent = ''; return; }
    var r = await call('GET', 'coverage?category=any&town=' + encodeURIComponent(town));
    var wanted = $('find-category').value;
    if (r.status === 200 && wanted && (r.body.categories || []).some(function (c) { return c.code === wanted; })) {
      r = await call('GET', 'coverage?category=' + encodeURIComponent(wanted) + '&town=' + encodeURIComponent(town));
    }
    if (r.status !== 200 || !r.body.towns || !r.body.towns.length) { box.hidden = true; return; }
    var t = r.body.towns[0];
    var text = '15分钟养老服务圈（' + r.body.name_zh + '）：' + t.name + '共有老人 ' + t.elders.text + ' 名，';
    text += t.rate.text === '—' ? '人数较少，覆盖率不予公开。'
      : '其中 ' + t.rate.text + ' 步行约 ' + r.body.walk_metres + ' 米内有服务网点（按直线距离与绕行系数估算）。';
    box.textContent = text;
    box.hidden = false;
  }

  async function find(page) {
    var form = $('find-form');
    var what = form.querySelector('input[name=what]:checked').value;
    var q = [];
    if ($('find-town').value) q.push('town=' + encodeURIComponent($('find-town').value));
    if ($('find-category').value) q.push('category=' + encodeURIComponent($('find-category').value));
    q.push('page=' + page, 'page_size=20');
    var out = $('find-result');
    if (page === 1) { out.textContent = '正在查找…'; showCoverage(); }
    var r = await call('GET', what + '?' + q.join('&'));
    if (page === 1) out.textContent = '';
    var old = out.querySelector('.more');
    if (old) old.remove();
    if (r.status !== 200) { out.appendChild(el('p', { 'class': 'error' }, message(r))); return; }
    var list = out.querySelector('ul');
    if (!list) {
      out.appendChild(el('p', null, '共找到 ' + r.body.total + (what === 'points' ? ' 个服务网点' : ' 家服务机构')));
      list = out.appendChild(el('ul', { 'class': 'list' }));
    }
    r.body.items.forEach(function (it) {
      var li = el('li');
      li.appendChild(el('div', { 'class': 'name' }, it.name));
      var cats = (it.categories || []).map(function (c) { return c.label; }).join('、');
      if (what === 'points') {
        li.appendChild(el('div', null, '地址：' + it.address));
        li.appendChild(el('div', { 'class': 'meta' }, it.town_name + ' · ' + it.provider_name));
      } else {
        li.appendChild(el('div', { 'class': 'meta' }, '服务镇街：' + (it.towns || []).join('、')));
        li.appendChild(el('div', { 'class': 'meta' }, '服务网点 ' + it.point_count + ' 个'));
      }
      if (cats) li.appendChild(el('div', { 'class': 'meta' }, '服务：' + cats));
      if (it.opening_hours) li.appendChild(el('div', { 'class': 'meta' }, '开放时间：' + it.opening_hours));
      if (it.phone) {
        var p = el('div', null, '电话：');
        p.appendChild(el('a', { href: 'tel:' + it.phone }, it.phone));
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    if (r.body.total > page * r.body.page_size) {
      var more = el('button', { type: 'button', 'class': 'more' }, '显示更多');
      more.addEventListener('click', function () { find(page + 1); });
      out.appendChild(more);
    }
  }

  // ---- 政策与补贴 --------------------------------------------------------------------------------------
  async function searchPolicies() {
    var q = ['page_size=20'];
    if ($('policy-q').value.trim()) q.push('q=' + encodeURIComponent($('policy-q').value.trim()));
    if ($('policy-kind').value) q.push('kind=' + encodeURIComponent($('policy-kind').value));
    var out = $('policy-result');
    out.textContent = '正在搜索…';
    var r = await call('GET', 'policies?' + q.join('&'));
    out.textContent = '';
    if (r.status !== 200) { out.appendChild(el('p', { 'class': 'error' }, message(r))); return; }
    out.appendChild(el('p', null, '共 ' + r.body.total + ' 条'));
    var list = out.appendChild(el('ul', { 'class': 'list' }));
    r.body.items.forEach(function (a) {
      var li = el('li');
      var d = el('details');
      d.appendChild(el('summary', null, '【' + a.kind_label + '】' + a.title));
      var body = el('p', { 'class': 'article' }, a.snippet);
      d.appendChild(body);
      d.addEventListener('toggle', async function () {
        if (!d.open || d.dataset.loaded) return;
        var full = await call('GET', 'policies/' + a.id);
        if (full.status === 200) { body.textContent = full.body.body; d.dataset.loaded = '1'; }
      });
      li.appendChild(d);
      list.appendChild(li);
    });
  }

  // ---- form errors: each tied to its field (aria-describedby), and a summary read out first -------------
  function clearErrors(form, summary) {
    form.querySelectorAll('.error').forEach(function (p) { p.hidden = true; p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (i) { i.removeAttribute('aria-invalid'); });
    summary.hidden = true;
    summary.textContent = '';
  }

  var FIELD_INPUT = { name: 'ask-name', phone: 'ask-phone', town_id: 'ask-town', text: 'ask-text',
                      code: 'status-code', phone_tail: 'status-tail' };

  function showErrors(form, summary, text, fields) {
    summary.textContent = '';
    summary.appendChild(el('p', null, text));
    var first = null;
    (fields || []).forEach(function (f) {
      var p = $(f.field + '-error');
      if (!p) return;
      p.textContent = f.message;
      p.hidden = false;
      var input = $(FIELD_INPUT[f.field] || '');
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        if (!first) first = input;
      } else if (!first) {
        first = form.querySelector('#' + f.field + '-error');
      }
    });
    summary.hidden = false;
    summary.focus();
    return first;
  }

  // ---- 提交诉求 / 预约 ---------------------------------------------------------------------------------
  async function submitRequest(ev) {
    ev.preventDefault();
    var form = $('ask-form'), summary = $('ask-summary');
    clearErrors(form, summary);
    var kind = form.querySelector('input[name=kind]:checked');
    var cats = Array.prototype.map.call(form.querySelectorAll('input[name=categories]:checked'), function (c) { return c.value; });
    var body = {
      kind: kind ? kind.value : 'consultation',
      name: $('ask-name').value,
      phone: $('ask-phone').value.replace(/[\s-]/g, ''),
      town_id: $('ask-town').value ? Number($('ask-town').value) : null,
      categories: cats,
      text: $('ask-text').value
    };
    var button = $('ask-submit');
    button.disabled = true;
    button.textContent = '正在提交…';
    var r = await call('POST', 'requests', body);
    button.disabled = false;
    button.textContent = '提交';
    if (r.status === 201) {
      form.hidden = true;
      $('receipt-kind').textContent = r.body.kind_label;
      $('receipt-code').textContent = r.body.ack_code;
      $('receipt-time').textContent = '提交时间：' + time(r.body.received_at) + '。' + r.body.status_words + '。';
      $('status-code').value = r.body.ack_code;
      var receipt = $('receipt');
      receipt.hidden = false;
      receipt.focus();
      return;
    }
    showErrors(form, summary, message(r), r.body.error && r.body.error.fields);
  }

  // ---- 查办理进度 ---------------------------------------------------------------------------------------
  async function checkStatus(ev) {
    ev.preventDefault();
    var form = $('status-form'), summary = $('status-summary'), out = $('status-result');
    clearErrors(form, summary);
    out.textContent = '';
    var r = await call('POST', 'requests/status', { code: $('status-code').value, phone_tail: $('status-tail').value });
    if (r.status !== 200) {
      showErrors(form, summary, message(r), r.body.error && r.body.error.fields);
      return;
    }
    var s = r.body;
    var card = el('div', { 'class': 'card', tabindex: '-1', id: 'status-card' });
    card.appendChild(el('h3', null, s.kind_label + ' · 回执码 ' + s.ack_code));
    card.appendChild(el('p', { 'class': 'status-words' }, s.status_words));
    card.appendChild(el('p', null, '提交时间：' + time(s.received_at)));
    card.appendChild(el('p', null, '最近更新：' + time(s.updated_at)));
    var ol = el('ol', { 'class': 'steps' });
    (s.steps || []).forEach(function (st) { ol.appendChild(el('li', null, time(st.at) + ' ' + st.words)); });
    card.appendChild(ol);
    out.appendChild(card);
    card.focus();
  }

  function counter() {
    var n = Array.from($('ask-text').value).length;
    $('text-count').textContent = '已写 ' + n + ' 字，最多 500 字';
  }

  document.addEventListener('DOMContentLoaded', function () {
    loadReference();
    $('find-form').addEventListener('submit', function (e) { e.preventDefault(); find(1); });
    $('policy-form').addEventListener('submit', function (e) { e.preventDefault(); searchPolicies(); });
    $('ask-form').addEventListener('submit', submitRequest);
    $('status-form').addEventListener('submit', checkStatus);
    $('ask-text').addEventListener('input', counter);
  });
})();
