/**
 * The emulator page's attachment bar (docs/dingtalk-emulator.md "Files"): send a picture, a file or a video (the
 * type from the chosen file), or a voice message with the recognition text DingTalk would hand the bot, as the
 * person and in the conversation the page shows (the active conversation, or the page's `#viewer=…&conv=…`). Cards carrying an
 * `image` media id get the uploaded picture as a thumbnail.
 */
export const EMULATOR_FILES_HTML = `
    <form id="attachBar" data-testid="attach-bar" class="attach-bar" style="display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:6px 16px">
      <input id="fileInput" data-testid="file-input" type="file">
      <button id="sendFileBtn" data-testid="send-file" type="button">发送图片/文件 Send picture/file</button>
      <input id="voiceText" data-testid="voice-text" autocomplete="off" placeholder="语音识别文本 Voice recognition text">
      <button id="sendVoiceBtn" data-testid="send-voice" type="button">发送语音 Send voice</button>
    </form>`;

export const EMULATOR_FILES_SCRIPT = String.raw`
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  function where() {
    var out = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var p = kv.split('='); if (p[0]) out[decodeURIComponent(p[0])] = decodeURIComponent(p[1] || '');
    });
    return out;
  }
  function say(text) {
    var t = $('toast'); if (!t) return;
    t.textContent = text; t.style.display = 'block';
    setTimeout(function () { t.style.display = 'none'; }, 3000);
  }
  function post(body) {
    var h = where();
    // The conversation shown (the page opens the person's DM without writing it into the address).
    var active = document.querySelector('[data-testid="conversation"].active');
    if (!h.conv && active) h.conv = active.getAttribute('data-conversation-id');
    if (!h.viewer && $('viewer')) h.viewer = $('viewer').value;
    if (!h.viewer || !h.conv) { say('先选择一个人和会话 Pick a person and a conversation first'); return Promise.resolve(); }
    body.fromUserId = h.viewer; body.conversationId = h.conv;
    return fetch('/emulator/api/files', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.status); return j; }); })
      .catch(function (e) { say('发送失败 Send failed: ' + e.message); });
  }
  function sendFile() {
    var f = $('fileInput').files[0];
    if (!f) { say('先选择文件 Choose a file first'); return; }
    var type = f.type || 'application/octet-stream';
    var msgtype = /^image\//.test(type) ? 'picture' : /^video\//.test(type) ? 'video' : 'file';
    var reader = new FileReader();
    reader.onload = function () {
      var base64 = String(reader.result).replace(/^data:[^,]*,/, '');
      post({ msgtype: msgtype, name: f.name, contentType: type, base64: base64 }).then(function () { $('fileInput').value = ''; });
    };
    reader.readAsDataURL(f);
  }
  function sendVoice() {
    var text = $('voiceText').value;
    if (!text.trim()) { say('写下语音识别文本 Type the recognition text'); return; }
    // A short silent AMR header stands for the recording.
    post({ msgtype: 'audio', contentType: 'audio/amr', base64: btoa('#!AMR\n'), recognition: text }).then(function () { $('voiceText').value = ''; });
  }
  function thumbnails() {
    fetch('/emulator/api/card-images').then(function (r) { return r.json(); }).then(function (images) {
      Array.prototype.forEach.call(document.querySelectorAll('[data-testid="card"]'), function (card) {
        var id = images[card.getAttribute('data-out-track-id')];
        if (!id || card.querySelector('img[data-testid="card-image"]')) return;
        var img = document.createElement('img');
        img.setAttribute('data-testid', 'card-image'); img.className = 'card-image';
        img.src = '/emulator/media/' + encodeURIComponent(id); img.alt = 'attachment';
        img.style.maxWidth = '160px'; img.style.maxHeight = '120px'; img.style.display = 'block';
        card.appendChild(img);
      });
    }).catch(function () {});
  }
  document.addEventListener('DOMContentLoaded', function () {
    $('sendFileBtn').addEventListener('click', sendFile);
    $('sendVoiceBtn').addEventListener('click', sendVoice);
    $('attachBar').addEventListener('submit', function (ev) { ev.preventDefault(); });
    setInterval(thumbnails, 700);
  });
})();
`;
