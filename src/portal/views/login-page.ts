/**
 * The sign-in page (免登, docs/portal.md "Sign-in"): the JSAPI asks DingTalk for an auth code, the page posts it
 * to `/app/auth/dingtalk` and reloads signed in. Outside DingTalk (no JSAPI) it says where to open the page.
 * `jsapiScripts`: where the JSAPI comes from (in demo mode the emulator's stub).
 */
import type { PortalCatalog } from '../i18n/portal-catalog';
import { esc } from './html';

export function renderLogin(c: PortalCatalog, corpId: string, jsapiScripts: readonly string[], message?: string): string {
  return `<!doctype html>
<html lang="${esc(c.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(c.appTitle)}</title>
<link rel="stylesheet" href="/app/assets/app.css">
</head>
<body>
<main id="main" class="login" data-corp-id="${esc(corpId)}"
  data-msg-signing-in="${esc(c.page.signingIn)}" data-msg-outside="${esc(c.page.outsideDingTalk)}" data-msg-failed="${esc(c.page.signInFailed)}">
<h1>${esc(c.appTitle)}</h1>
<p id="login-status" role="status" data-testid="login-status">${esc(message ?? c.page.signingIn)}</p>
</main>
${jsapiScripts.map((src) => `<script src="${esc(src)}"></script>`).join('\n')}
<script src="/app/assets/login.js"></script>
</body>
</html>`;
}
