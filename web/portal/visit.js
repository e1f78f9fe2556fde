// 展厅参观预约 / 市民开放日 (issue 12, part visits): plain ES5-level JavaScript for WeChat's built-in browser — no
// framework, no modules. Every check and message is the server's (shared/visits.hpp): this page only sends the
// form and shows the Chinese reply, with each field's error beside its input.
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  function call(method, path, body, done) {
    var x = new XMLHttpRequest();
    x.open(method, path, true);
    x.setRequestHeader('X-Yiyang-Request', '1');
    if (body) x.setRequestHeader('Content-Type', 'application/json');
    x.onreadystatechange = function () {
      if (x.readyState !== 4) return;
      var reply = null;
      try { reply = JSON.parse(x.responseText); } catch (e) { reply = null; }
      done(x.status, reply);
    };
    x.send(body ? JSON.stringify(body) : null);
  }

  function text(el, message, kind) {
    el.textContent = message;
    el.className = kind || '';
  }

  // The server's field errors: the message under the field, the field marked invalid and described by it.
  function clearErrors(form) {
    var old = form.querySelectorAll('.field-error');
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var inputs = form.querySelectorAll('input, select, textarea');
    for (var j = 0; j < inputs.length; j++) inputs[j].removeAttribute('aria-invalid');
  }
  function showErrors(form, reply, result) {
    var error = reply && reply.error;
    if (!error) { text(result, '提交失败，请稍后再试', 'error'); return; }
    text(result, error.message, 'error');
    var fields = error.fields || [];
    for (var i = 0; i < fields.length; i++) {
      var input = form.querySelector('[name="' + fields[i].field + '"]');
      if (!input) continue;
      var p = document.createElement('p');
      p.className = 'field-error error';
      p.id = input.id + '-error';
      p.textContent = fields[i].message;
      input.parentNode.insertBefore(p, input.nextSibling);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', p.id);
      if (i === 0) input.focus();
    }
  }

  function option(value, label, disabled) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    o.disabled = !!disabled;
    return o;
  }

  function load() {
    call('GET', '/api/v1/public/visits', null, function (status, reply) {
      var slot = $('g-slot'), day = $('o-day');
      slot.innerHTML = '';
      day.innerHTML = '';
      if (status !== 200 || !reply) {
        slot.appendChild(option('', '加载失败，请刷新页面', true));
        day.appendChild(option('', '加载失败，请刷新页面', true));
        return;
      }
      $('g-visitors').min = reply.rules.group_min_visitors;
      $('g-visitors').max = reply.rules.group_max_visitors;
      $('o-people').max = reply.rules.open_day_max_people;
      if (!reply.slots.length) slot.appendChild(option('', '近期暂无可预约的时段', true));
      for (var i = 0; i < reply.slots.length; i++) {
        var s = reply.slots[i];
        slot.appendChild(option(s.id, s.day + ' ' + s.start + '–' + s.end + (s.seats_left > 0 ? '（余 ' + s.seats_left + ' 位）' : '（已满）'),
                                s.seats_left === 0));
      }
      if (!reply.open_days.length) day.appendChild(option('', '近期暂无开放日活动', true));
      for (var j = 0; j < reply.open_days.length; j++) {
        var d = reply.open_days[j];
        day.appendChild(option(d.id, d.day + ' ' + d.start + ' ' + d.title + '（' +
                               (d.registration_open ? '余 ' + d.seats_left + ' 位' : d.closed_reason) + '）', !d.registration_open));
      }
    });
  }

  function intOf(v) { var n = parseInt(v, 10); return isNaN(n) ? v : n; }

  function submit(form, path, body, result, button, success) {
    clearErrors(form);
    text(result, '正在提交…');
    button.disabled = true;
    call('POST', path, body, function (status, reply) {
      button.disabled = false;
      if (status === 201 && reply) {
        success(reply);
        load();
      } else {
        showErrors(form, reply, result);
      }
    });
  }

  function showCode(result, reply) {
    result.className = 'ok';
    result.innerHTML = '';
    result.appendChild(document.createTextNode(reply.message));
    var c = document.createElement('div');
    c.className = 'code';
    c.id = result.id + '-code';
    c.textContent = reply.code;
    result.appendChild(c);
  }

  $('group-form').addEventListener('submit', function (e) {
    e.preventDefault();
    submit(this, '/api/v1/public/visits/bookings', {
      slot_id: intOf($('g-slot').value), organisation: $('g-org').value.trim(), visitors: intOf($('g-visitors').value),
      contact_name: $('g-name').value.trim(), contact_phone: $('g-phone').value.trim(), purpose: $('g-purpose').value.trim()
    }, $('group-result'), $('g-submit'), function (reply) { showCode($('group-result'), reply); });
  });

  $('openday-form').addEventListener('submit', function (e) {
    e.preventDefault();
    submit(this, '/api/v1/public/open-days/registrations', {
      open_day_id: intOf($('o-day').value), name: $('o-name').value.trim(), phone: $('o-phone').value.trim(),
      people: intOf($('o-people').value)
    }, $('openday-result'), $('o-submit'), function (reply) { showCode($('openday-result'), reply); });
  });

  $('lookup-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var form = this, result = $('lookup-result');
    clearErrors(form);
    var q = '?code=' + encodeURIComponent($('l-code').value.trim()) + '&phone4=' + encodeURIComponent($('l-phone4').value.trim());
    call('GET', '/api/v1/public/visits/status' + q, null, function (status, reply) {
      if (status === 200 && reply) {
        text(result, (reply.kind === 'group' ? '团体参观 ' : '开放日报名 ') + reply.code + '：' + reply.status_label + '（' +
             reply.day + ' ' + reply.start + '–' + reply.end + '）' + (reply.reason ? '。原因：' + reply.reason : ''), 'ok');
      } else {
        showErrors(form, reply, result);
      }
    });
  });

  load();
})();
