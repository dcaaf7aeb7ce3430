import { EMULATOR_PAGE_SCRIPT } from './emulator-page.script';
import { EMULATOR_PAGE_CSS } from './emulator-page.style';
import { EMULATOR_FILES_HTML, EMULATOR_FILES_SCRIPT } from './emulator-page.files';

/** The emulator's single page: plain HTML with its stylesheet and script inlined (no build step, no CDN). */
export function renderEmulatorPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DingTalk emulator</title>
<style>${EMULATOR_PAGE_CSS}</style>
</head>
<body>
<header>
  <h1 id="pageTitle">DingTalk emulator</h1>
  <span id="botStatus" class="badge">…</span>
  <label><span id="youAre">You are</span> <select id="viewer" data-testid="viewer"><option value="">— pick a person —</option></select></label>
  <button id="workbenchBtn" type="button" data-testid="open-workbench">打开工作台 / Open workbench</button>
</header>
<div class="layout">
  <aside id="convs"></aside>
  <section id="chat">
    <div id="chatTitle"></div>
    <div id="timeline"></div>
    <form id="composer" style="display:none">
      <input id="msgInput" data-testid="message-input" autocomplete="off" placeholder="Write to the bot (in a group, the message @mentions the bot)">
      <button id="sendBtn" type="submit">Send</button>
    </form>${EMULATOR_FILES_HTML}
  </section>
  <aside id="side">
    <h3><span id="receivedLabel">Received by</span> <span id="viewerName"></span></h3>
    <ol id="received"></ol>
    <h3 id="everyoneLabel">Everyone (messages received in DM)</h3>
    <table id="everyone"></table>
    <h3 id="addressBookLabel">Address book</h3>
    <form id="addressBook" data-testid="address-book">
      <select id="abType" data-testid="address-book-type">
        <option id="abLeave" value="user_leave_org">user_leave_org (left)</option>
        <option id="abAdd" value="user_add_org">user_add_org (joined)</option>
        <option id="abModify" value="user_modify_org">user_modify_org (changed)</option>
      </select>
      <input id="abUser" data-testid="address-book-user" placeholder="DingTalk user id" autocomplete="off">
      <input id="abName" data-testid="address-book-name" placeholder="name (join/change)" autocomplete="off">
      <input id="abDept" data-testid="address-book-dept" placeholder="department id (join/change)" autocomplete="off">
      <button id="abFire" type="submit" data-testid="address-book-fire">Fire event</button>
    </form>
  </aside>
</div>
<div id="toast"></div>
<script>${EMULATOR_PAGE_SCRIPT}</script>
<script>${EMULATOR_FILES_SCRIPT}</script>
</body>
</html>`;
}
