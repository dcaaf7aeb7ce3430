/**
 * DingTalk's JSAPI (`dingtalk-jsapi`, CommonJS on npm) bundled at start-up for the sign-in page (docs/portal.md
 * "Sign-in"): the bundle runs in a browser-like context and exposes `dd.runtime.permission.requestAuthCode`.
 */
import vm from 'node:vm';
import { bundleCommonJs } from '../../../../src/adapters/http/commonjs-bundle';

describe('bundleCommonJs', () => {
  it('bundles dingtalk-jsapi into a script that defines window.dd with requestAuthCode', async () => {
    const code = await bundleCommonJs('dingtalk-jsapi/index.js', 'dd');
    const window: Record<string, unknown> = {
      navigator: { userAgent: 'Mozilla/5.0 (Linux; Android 12) AliApp(DingTalk/7.6.0) DingTalk(7.6.0)' },
      location: { href: 'https://bot.example.com/app/', search: '', hash: '' },
      document: { addEventListener: () => undefined, readyState: 'complete' },
      addEventListener: () => undefined,
    };
    window.window = window;
    window.self = window;
    vm.runInNewContext(code, { ...window, window, setTimeout, clearTimeout, console: { log() {}, warn() {}, error() {}, info() {} } });
    const dd = window.dd as { runtime?: { permission?: { requestAuthCode?: unknown } } };
    expect(typeof dd?.runtime?.permission?.requestAuthCode).toBe('function');
  });
});
