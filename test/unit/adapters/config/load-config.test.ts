import { loadConfig } from '../../../../src/adapters/config/load-config';

describe('loadConfig', () => {
  it('nothing set = the embedded demo: SQLite, in-process timers, emulator, demo directory', () => {
    const r = loadConfig({});
    expect(r).toMatchObject({
      ok: true,
      value: {
        database: { url: undefined, sqlitePath: 'data/bot.sqlite' },
        redisUrl: undefined,
        directoryFile: 'config/demo-directory.yaml',
        httpPort: 3000,
        dingtalk: { mode: 'emulator' },
        dingtalkApiQps: 20,
        locale: 'zh-CN',
        spoolDir: 'data/spool',
        maxInFlight: 64,
      },
    });
  });

  it('SPOOL_DIR defaults beside the embedded database; MAX_IN_FLIGHT must be a positive integer', () => {
    expect(loadConfig({ SQLITE_PATH: '/tmp/x/bot.sqlite' })).toMatchObject({ ok: true, value: { spoolDir: '/tmp/x/spool' } });
    expect(loadConfig({ SPOOL_DIR: '/var/spool/bot', MAX_IN_FLIGHT: '8' })).toMatchObject({ ok: true, value: { spoolDir: '/var/spool/bot', maxInFlight: 8 } });
    expect(loadConfig({ MAX_IN_FLIGHT: '0' })).toMatchObject({ ok: false, error: [expect.stringMatching(/^MAX_IN_FLIGHT:/)] });
  });

  it('each fallback is independent; DIRECTORY_FILE defaults to the demo only without DATABASE_URL', () => {
    const r = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/bot', DINGTALK_CLIENT_ID: 'ding1', DINGTALK_CLIENT_SECRET: 's' });
    expect(r).toMatchObject({
      ok: true,
      value: { directoryFile: undefined, redisUrl: undefined, dingtalk: { mode: 'stream', robotCode: 'ding1', apiBase: 'https://api.dingtalk.com' } },
    });
  });

  it('reports every bad variable at once, naming it', () => {
    const r = loadConfig({ DATABASE_URL: 'postgres://x', HTTP_PORT: 'eighty', DINGTALK_MODE: 'webhook', LOCALE: 'fr', DINGTALK_API_QPS: '-1' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const name of ['DATABASE_URL', 'HTTP_PORT', 'DINGTALK_MODE', 'LOCALE', 'DINGTALK_API_QPS']) {
      expect(r.error.some((e) => e.startsWith(`${name}:`)) ? name : r.error).toBe(name);
    }
  });

  it('needs both DingTalk credentials or neither', () => {
    expect(loadConfig({ DINGTALK_CLIENT_ID: 'x' })).toMatchObject({ ok: false, error: [expect.stringMatching(/^DINGTALK_CLIENT_SECRET:/)] });
  });
});
