/**
 * Browser script of the emulator page (plain ES2017, inlined). It polls `/emulator/api/state` for the chosen
 * person, renders conversations and cards from their `cardParamMap` (public + that viewer's private data), and
 * posts messages and card clicks. While the viewer's `form_open` is true the card shows the Form built from `form`
 * (docs/dingtalk-cards.md §2.5): it checks `required` fields itself, as DingTalk's client does, and submits a callback
 * whose `params.form` holds `{fieldName: value}` — hidden fields with their `defaultValue`, a SELECT as
 * `{index, value}`. All data is inserted with textContent (never as HTML).
 */
export const EMULATOR_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var ui = {
    viewer: null, conv: null, version: -1, data: null, drafts: {}, lastCount: {}, busy: false
  };
  var $ = function (id) { return document.getElementById(id); };

  // The page speaks the viewer's language, as their DingTalk client would (zh-CN unless the person is English).
  var WORDS = {
    'zh-CN': {
      typeFirst: '请先输入内容', submit: '提交', required: '为必填项', noAnswer: '机器人 2 秒内没有应答', submitFailed: '提交失败：',
      clickFailed: '操作失败：', sendFailed: '发送失败：', connected: '机器人已连接', offline: '机器人离线', unreachable: '模拟器无法访问',
      pick: '— 选择一个人 —', pickAbove: '请先在上方选择一个人。', dm: '与机器人的单聊', group: '群聊 · 消息会 @机器人', noMessages: '还没有消息。',
      bot: '（机器人）', youAre: '您是', write: '给机器人发消息（在群里会 @机器人）', send: '发送', receivedBy: '收到的消息：',
      everyone: '所有人（单聊收到的消息数）', card: '卡片',
      title: '钉钉模拟器', workbench: '打开工作台', addressBook: '通讯录', abLeave: 'user_leave_org（离职）',
      abAdd: 'user_add_org（入职）', abModify: 'user_modify_org（变更）', abUser: '钉钉用户 id', abName: '姓名（入职/变更）',
      abDept: '部门 id（入职/变更）', abFire: '触发事件'
    },
    en: {
      typeFirst: 'Type something first', submit: 'Submit', required: ': required', noAnswer: 'The bot did not answer within 2 s', submitFailed: 'Submit failed: ',
      clickFailed: 'Click failed: ', sendFailed: 'Send failed: ', connected: 'bot connected', offline: 'bot offline', unreachable: 'emulator unreachable',
      pick: '— pick a person —', pickAbove: 'Pick a person above.', dm: 'direct chat with the bot', group: 'group · messages @mention the bot', noMessages: 'No messages yet.',
      bot: ' (bot)', youAre: 'You are', write: 'Write to the bot (in a group, the message @mentions the bot)', send: 'Send', receivedBy: 'Received by',
      everyone: 'Everyone (messages received in DM)', card: 'card',
      title: 'DingTalk emulator', workbench: 'Open workbench', addressBook: 'Address book', abLeave: 'user_leave_org (left)',
      abAdd: 'user_add_org (joined)', abModify: 'user_modify_org (changed)', abUser: 'DingTalk user id', abName: 'name (join/change)',
      abDept: 'department id (join/change)', abFire: 'Fire event'
    }
  };
  function w(key) {
    var d = ui.data, me = d && d.people.filter(function (p) { return p.userId === ui.viewer; })[0];
    var locale = me && me.locale === 'en' ? 'en' : (me ? 'zh-CN' : (navigator.language || '').indexOf('zh') === 0 ? 'zh-CN' : 'en');
    return WORDS[locale][key];
  }
  function applyWords() {
    document.documentElement.lang = w('submit') === '提交' ? 'zh-CN' : 'en';
    [['youAre', 'youAre'], ['sendBtn', 'send'], ['receivedLabel', 'receivedBy'], ['everyoneLabel', 'everyone'],
     ['pageTitle', 'title'], ['workbenchBtn', 'workbench'], ['addressBookLabel', 'addressBook'], ['abLeave', 'abLeave'],
     ['abAdd', 'abAdd'], ['abModify', 'abModify'], ['abFire', 'abFire']].forEach(function (p) {
      var n = $(p[0]); if (n) n.textContent = w(p[1]);
    });
    [['msgInput', 'write'], ['abUser', 'abUser'], ['abName', 'abName'], ['abDept', 'abDept']].forEach(function (p) {
      var n = $(p[0]); if (n) n.placeholder = w(p[1]);
    });
    document.title = w('title');
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else if (k.indexOf('on') === 0) node.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== false) node.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function toast(text) {
    var t = $('toast'); t.textContent = text; t.style.display = 'block';
    clearTimeout(toast.timer); toast.timer = setTimeout(function () { t.style.display = 'none'; }, 3000);
  }

  function api(method, path, body) {
    return fetch(path, {
      method: method, headers: { 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.status); return j; }); });
  }

  function readHash() {
    var out = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var p = kv.split('='); if (p[0]) out[decodeURIComponent(p[0])] = decodeURIComponent(p[1] || '');
    });
    return out;
  }
  function writeHash() {
    var h = 'viewer=' + encodeURIComponent(ui.viewer || '') + (ui.conv ? '&conv=' + encodeURIComponent(ui.conv) : '');
    history.replaceState(null, '', '#' + h);
  }

  function setViewer(userId) {
    ui.viewer = userId; ui.conv = null; ui.version = -1; ui.lastCount = {};
    $('viewer').value = userId; writeHash(); poll();
  }

  function renderCard(card, entry) {
    var p = card.params || {};
    var box = el('div', { className: 'card', 'data-testid': 'card', 'data-out-track-id': card.outTrackId, 'data-ref': p.ref || '' });
    box.appendChild(el('div', { className: 'card-head' }, [
      el('span', { className: 'card-title', 'data-testid': 'card-title', text: p.title || '' }),
      el('span', { className: 'tag', 'data-testid': 'card-status', 'data-status': p.status || '', text: p.status_label || p.status || '' })
    ]));
    var body = el('div', { className: 'card-body' });
    if (p.ref) body.appendChild(el('div', { className: 'card-ref', text: p.ref }));
    // The card's "在网页中查看 / Open" link: DingTalk opens it signed in (免登); here a code for the viewer rides along.
    if (p.url && /^https?:/.test(p.url)) body.appendChild(el('a', { href: p.url, className: 'card-link', 'data-testid': 'card-link', text: p.url_label || 'Open', onclick: function (ev) {
      ev.preventDefault();
      api('POST', '/emulator/api/auth-codes', { userId: ui.viewer }).then(function (r) {
        window.open(p.url + '#dd-emulator-code=' + encodeURIComponent(r.code), '_blank');
      }).catch(function (e) { toast('Open: ' + e.message); });
    } }));
    var fields = el('dl', { className: 'fields' });
    (card.fields || []).forEach(function (f) {
      fields.appendChild(el('dt', { text: String(f && f.label || '') }));
      fields.appendChild(el('dd', { text: String(f && f.value || '') }));
    });
    body.appendChild(fields);
    if (p.notice) body.appendChild(el('div', { className: 'notice', 'data-testid': 'card-notice', text: p.notice }));
    if (card.form) body.appendChild(renderForm(card));
    box.appendChild(body);
    var actions = el('div', { className: 'actions' });
    (card.actions || []).forEach(function (a) {
      if (!a || !a.action) return;
      var disabled = a.status === 'disabled';
      var color = ['gray', 'red', 'green', 'orange'].indexOf(a.color) >= 0 ? a.color : '';
      if (a.input) {
        var key = card.outTrackId + '|' + a.action;
        var input = el('input', { type: 'text', placeholder: a.placeholder || a.label, 'data-key': key, 'data-input-for': a.action, disabled: disabled });
        input.value = ui.drafts[key] || '';
        input.addEventListener('input', function () { ui.drafts[key] = input.value; });
        var submit = el('button', { className: color, 'data-action': a.action, disabled: disabled, text: a.label, onclick: function () {
          if (!input.value.trim()) { toast(w('typeFirst')); return; }
          click(card, p, a, input.value).then(function () { ui.drafts[key] = ''; });
        } });
        actions.appendChild(el('div', { className: 'input-action' }, [input, submit]));
      } else {
        actions.appendChild(el('button', { className: color, 'data-action': a.action, disabled: disabled, text: a.label, onclick: function () { click(card, p, a); } }));
      }
    });
    if (actions.childNodes.length) box.appendChild(actions);
    return box;
  }

  function renderForm(card) {
    var form = el('form', { className: 'card-form', 'data-testid': 'card-form', novalidate: true });
    var controls = [];
    (card.form.fields || []).forEach(function (f) {
      if (!f || typeof f.name !== 'string' || !f.name) return;
      var dv = f.defaultValue;
      if (f.hidden) { controls.push({ field: f, read: function () { return dv; } }); return; }
      var key = card.outTrackId + '|form|' + f.name;
      var options = Array.isArray(f.options) ? f.options : [];
      var input, read;
      if (f.type === 'SELECT') {
        input = el('select', { 'data-key': key, 'data-field': f.name });
        input.appendChild(el('option', { value: '', text: f.placeholder || '' }));
        options.forEach(function (o, i) { input.appendChild(el('option', { value: String(i), text: String(o && (o.text || o.value) || '') })); });
        input.value = ui.drafts[key] !== undefined ? ui.drafts[key] : (dv && typeof dv === 'object' && typeof dv.index === 'number' ? String(dv.index) : '');
        read = function () {
          if (input.value === '') return undefined;
          var i = Number(input.value);
          return { index: i, value: options[i] && options[i].value };
        };
      } else {
        var area = f.type === 'TEXT_AREA';
        input = el(area ? 'textarea' : 'input', { 'data-key': key, 'data-field': f.name, placeholder: f.placeholder || '', rows: area ? '3' : undefined });
        input.value = ui.drafts[key] !== undefined ? ui.drafts[key] : (typeof dv === 'string' ? dv : '');
        read = function () { return input.value === '' ? undefined : input.value; };
      }
      var remember = function () { ui.drafts[key] = input.value; };
      input.addEventListener('input', remember);
      input.addEventListener('change', remember);
      controls.push({ field: f, read: read, key: key });
      form.appendChild(el('label', { className: 'form-field' }, [
        el('span', { text: (f.label || f.name) + (f.required ? ' *' : '') }), input
      ]));
    });
    form.appendChild(el('button', { type: 'submit', className: 'green', 'data-testid': 'form-submit', text: w('submit') }));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var values = {};
      for (var i = 0; i < controls.length; i++) {
        var c = controls[i], v = c.read();
        if (v === undefined) {
          if (c.field.required && !c.field.hidden) { toast((c.field.label || c.field.name) + w('required')); return; }
          continue;
        }
        values[c.field.name] = v;
      }
      api('POST', '/emulator/api/card-actions', { userId: ui.viewer, outTrackId: card.outTrackId, params: { form: values }, actionIds: ['form'] })
        .then(function (r) {
          controls.forEach(function (c) { if (c.key) delete ui.drafts[c.key]; });
          if (!r.acked) toast(w('noAnswer'));
          ui.version = -1; poll();
        })
        .catch(function (e) { toast(w('submitFailed') + e.message); });
    });
    return form;
  }

  function click(card, p, a, text) {
    var params = { action: a.action, ref: p.ref || '' };
    if (a.params) params.params = a.params;
    if (text !== undefined) params.text = text;
    return api('POST', '/emulator/api/card-actions', { userId: ui.viewer, outTrackId: card.outTrackId, params: params })
      .then(function (r) { if (!r.acked) toast(w('noAnswer')); ui.version = -1; poll(); })
      .catch(function (e) { toast(w('clickFailed') + e.message); });
  }

  function renderEntry(e) {
    var mine = e.from && e.from.userId === ui.viewer;
    var who = e.from ? e.from.name : (ui.data.bot.name + w('bot'));
    if (e.atNames && e.atNames.length) who += ' → @' + e.atNames.join(' @');
    var inner;
    if (e.kind === 'card' && e.card) inner = renderCard(e.card, e);
    else {
      inner = el('div', { className: 'bubble', 'data-testid': 'message' }, [
        e.title ? el('div', { className: 'title', text: e.title }) : null,
        el('div', { text: e.text || '' })
      ]);
    }
    return el('div', { className: 'msg' + (mine ? ' mine' : ''), 'data-entry-id': e.id }, [
      el('div', {}, [el('div', { className: 'who', text: who }), inner])
    ]);
  }


  // A received card in one line: its title and tag; an escalation digest card (status "digest") lists its rows
  // (each level and the refs that reached it, in the card's language) instead of the tag.
  function cardLine(card) {
    var p = card.params;
    if (p.status === 'digest') {
      var rows = (card.fields || []).filter(function (f) { return f && f.label; }).map(function (f) { return f.label + ': ' + f.value; });
      return (p.title || w('card')) + ' · ' + rows.join('; ');
    }
    return (p.title || w('card')) + ' · ' + (p.status_label || '');
  }
  function render() {
    var d = ui.data; if (!d) return;
    var badge = $('botStatus');
    badge.textContent = d.bot.connected ? w('connected') : w('offline');
    applyWords();
    badge.className = 'badge ' + (d.bot.connected ? 'up' : 'down');
    var sel = $('viewer');
    if (sel.options.length !== d.people.length + 1) {
      sel.innerHTML = '';
      sel.appendChild(el('option', { value: '', text: w('pick') }));
      // The directory's person id as well as the name (what the README and the docs call people by), then the DingTalk user id.
      d.people.forEach(function (p) { sel.appendChild(el('option', { value: p.userId, text: p.name + ' · ' + (p.personId || '') + ' (' + p.userId + ')' })); });
      sel.value = ui.viewer || '';
    }
    var convs = $('convs'); convs.innerHTML = '';
    if (!ui.viewer) { convs.appendChild(el('div', { className: 'empty', text: w('pickAbove') })); }
    var list = d.conversations || [];
    if (!ui.conv || !list.some(function (c) { return c.id === ui.conv; })) ui.conv = list.length ? list[0].id : null;
    list.forEach(function (c) {
      convs.appendChild(el('div', {
        className: 'conv' + (c.id === ui.conv ? ' active' : ''), 'data-testid': 'conversation', 'data-conversation-id': c.id, 'data-kind': c.kind,
        onclick: function () { ui.conv = c.id; writeHash(); render(); }
      }, [el('div', { text: c.title }), el('small', { text: c.kind === 'dm' ? w('dm') : w('group') })]));
    });
    var conv = list.filter(function (c) { return c.id === ui.conv; })[0];
    $('chatTitle').textContent = conv ? conv.title : '';
    $('composer').style.display = conv ? 'flex' : 'none';
    var tl = $('timeline');
    var active = document.activeElement, activeKey = active && active.getAttribute && active.getAttribute('data-key');
    tl.innerHTML = '';
    if (conv) {
      if (!conv.entries.length) tl.appendChild(el('div', { className: 'empty', text: w('noMessages') }));
      conv.entries.forEach(function (e) { tl.appendChild(renderEntry(e)); });
      if (ui.lastCount[conv.id] !== conv.entries.length) { tl.scrollTop = tl.scrollHeight; ui.lastCount[conv.id] = conv.entries.length; }
    }
    if (activeKey) { var again = tl.querySelector('[data-key="' + activeKey.replace(/"/g, '') + '"]'); if (again) again.focus(); }
    var viewerName = (d.people.filter(function (p) { return p.userId === ui.viewer; })[0] || {}).name || '';
    $('viewerName').textContent = viewerName;
    var rec = $('received'); rec.innerHTML = '';
    (d.received || []).forEach(function (e) {
      var what = e.card ? cardLine(e.card) : ((e.title ? e.title + ': ' : '') + (e.text || ''));
      rec.appendChild(el('li', { 'data-testid': 'received' }, [
        el('b', { text: e.conversationTitle + ' ' }), el('span', { text: new Date(e.at).toLocaleTimeString() + ' ' }), el('div', { text: what })
      ]));
    });
    var tbl = $('everyone'); tbl.innerHTML = '';
    d.everyone.forEach(function (p) {
      tbl.appendChild(el('tr', { onclick: function () { setViewer(p.userId); } }, [el('td', { text: p.name }), el('td', { text: p.personId || '' }), el('td', { text: String(p.received) })]));
    });
  }

  function poll() {
    var url = '/emulator/api/state?since=' + ui.version + (ui.viewer ? '&viewer=' + encodeURIComponent(ui.viewer) : '');
    return fetch(url).then(function (r) { return r.json(); }).then(function (s) {
      if (s.unchanged) return;
      ui.data = s; ui.version = s.version; render();
    }).catch(function () { $('botStatus').textContent = w('unreachable'); });
  }

  function send(ev) {
    ev.preventDefault();
    var input = $('msgInput'); var text = input.value;
    if (!text.trim() || !ui.viewer || !ui.conv) return;
    input.value = '';
    api('POST', '/emulator/api/messages', { fromUserId: ui.viewer, conversationId: ui.conv, text: text })
      .then(function () { ui.version = -1; poll(); })
      .catch(function (e) { toast(w('sendFailed') + e.message); input.value = text; });
  }

  function fireAddressBook(ev) {
    ev.preventDefault();
    var body = { eventType: $('abType').value, userIds: [$('abUser').value.trim()], name: $('abName').value, deptId: $('abDept').value.trim() };
    api('POST', '/emulator/api/address-book-events', body)
      .then(function (r) { toast(body.eventType + ' fired (' + r.eventId + ')'); ui.version = -1; poll(); })
      .catch(function (e) { toast('Event failed: ' + e.message); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var h = readHash();
    if (h.viewer) { ui.viewer = h.viewer; ui.conv = h.conv || null; }
    $('viewer').addEventListener('change', function () { setViewer($('viewer').value || null); });
    $('composer').addEventListener('submit', send);
    // 打开工作台: a 免登 code for the viewer, handed to the bot's page by the JSAPI stub (emulator-workbench.routes.ts).
    $('workbenchBtn').addEventListener('click', function () {
      if (!ui.viewer) { toast('Pick a person first'); return; }
      api('POST', '/emulator/api/auth-codes', { userId: ui.viewer }).then(function (r) {
        window.open('/app/?corpId=' + encodeURIComponent(r.corpId) + '#dd-emulator-code=' + encodeURIComponent(r.code), '_blank');
      }).catch(function (e) { toast('Workbench: ' + e.message); });
    });
    $('addressBook').addEventListener('submit', fireAddressBook);
    poll();
    setInterval(poll, 400);
  });
})();
`;
