/**
 * The workbench (工作台) side of the emulator (docs/dingtalk-emulator.md "Workbench"): its page's "打开工作台 / Open
 * workbench" asks `POST /emulator/api/auth-codes` for a 免登 code for the chosen person and opens the bot's page
 * (`/app/?corpId=…#dd-emulator-code=…`); `GET /emulator/dingtalk-jsapi.js` is the JSAPI stub that page loads in
 * demo mode: `dd.runtime.permission.requestAuthCode` hands over that code (once), as DingTalk's container would.
 * The bot still exchanges it through `topapi/v2/user/getuserinfo`; there is no other way in.
 */
import type { Router } from '@koa/router';
import { parseJsonOrUndefined, readBodyText } from '../adapters/dingtalk/http/read-json-body';
import type { EmulatorState } from './emulator-state';

const JSAPI_STUB = String.raw`
(function () {
  'use strict';
  function takeCode() {
    var m = /(?:^#|&)dd-emulator-code=([^&]+)/.exec(location.hash);
    if (!m) return null;
    history.replaceState(null, '', location.pathname + location.search);
    return decodeURIComponent(m[1]);
  }
  function requestAuthCode(opts) {
    var code = takeCode();
    return new Promise(function (resolve, reject) {
      setTimeout(function () {
        if (code) { var r = { code: code }; if (opts && opts.onSuccess) opts.onSuccess(r); resolve(r); }
        else { var e = { errorCode: '3', errorMessage: 'open the workbench from the emulator page' }; if (opts && opts.onFail) opts.onFail(e); reject(e); }
      }, 0);
    });
  }
  window.dd = window.dd || {};
  window.dd.env = { platform: 'emulator' };
  window.dd.ready = function (fn) { setTimeout(fn, 0); };
  window.dd.error = function () {};
  window.dd.runtime = { permission: { requestAuthCode: requestAuthCode } };
  window.dd.getAuthCode = requestAuthCode;
})();
`;

export function registerWorkbenchRoutes(router: Router, state: EmulatorState): void {
  router.get('/emulator/dingtalk-jsapi.js', (ctx) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = JSAPI_STUB;
  });

  router.post('/emulator/api/auth-codes', async (ctx) => {
    const parsed = parseJsonOrUndefined(await readBodyText(ctx.req, 16 * 1024)) as { userId?: unknown } | undefined;
    const userId = typeof parsed?.userId === 'string' ? parsed.userId : '';
    if (!state.person(userId)) {
      ctx.status = 400;
      ctx.body = { error: 'userId: pick a person of the emulator' };
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { code: state.authCodes.issue(userId), corpId: state.options.corpId };
  });
}
