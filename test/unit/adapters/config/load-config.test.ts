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
        bindHost: '127.0.0.1',
        dingtalk: { mode: 'emulator', qpsLimit: 0 },
        dingtalkApiQps: 20,
        locale: 'zh-CN',
        spoolDir: 'data/spool',
        maxInFlight: 64,
      },
    });
  });

  it('RETENTION_DAYS defaults to 30 and must be an integer of at least 1', () => {
    expect(loadConfig({})).toMatchObject({ ok: true, value: { retentionDays: 30 } });
    expect(loadConfig({ RETENTION_DAYS: '7' })).toMatchObject({ ok: true, value: { retentionDays: 7 } });
    for (const bad of ['0', '1.5', 'week']) {
      expect(loadConfig({ RETENTION_DAYS: bad })).toMatchObject({ ok: false, error: [expect.stringMatching(/^RETENTION_DAYS:/)] });
    }
  });

  it('DINGTALK_MONTHLY_QUOTA is an optional integer ≥ 1', () => {
    expect(loadConfig({})).toMatchObject({ ok: true, value: { dingtalkMonthlyQuota: undefined } });
    expect(loadConfig({ DINGTALK_MONTHLY_QUOTA: '10000' })).toMatchObject({ ok: true, value: { dingtalkMonthlyQuota: 10_000 } });
    for (const bad of ['0', '1.5', 'lots']) {
      expect(loadConfig({ DINGTALK_MONTHLY_QUOTA: bad })).toMatchObject({ ok: false, error: [expect.stringMatching(/^DINGTALK_MONTHLY_QUOTA:/)] });
    }
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
      value: {
        directoryFile: undefined,
        redisUrl: undefined,
        bindHost: '0.0.0.0',
        dingtalk: { mode: 'stream', robotCode: 'ding1', apiBase: 'https://api.dingtalk.com' },
      },
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

  describe('HTTP robot mode', () => {
    const http = { DINGTALK_CLIENT_ID: 'ding1', DINGTALK_CLIENT_SECRET: 's', DINGTALK_MODE: 'http', PUBLIC_URL: 'https://bot.example.com' };

    it('signs within HTTP_SIGN_WINDOW_S (default 300 s); DINGTALK_CORP_ID passes through', () => {
      expect(loadConfig(http)).toMatchObject({ ok: true, value: { dingtalk: { mode: 'http', signWindowS: 300, corpId: undefined } } });
      expect(loadConfig({ ...http, HTTP_SIGN_WINDOW_S: '60', DINGTALK_CORP_ID: 'dingcorp01' })).toMatchObject({
        ok: true,
        value: { dingtalk: { signWindowS: 60, corpId: 'dingcorp01' } },
      });
    });

    it.each(['0', '-5', '1.5', 'ten', '3601'])('HTTP_SIGN_WINDOW_S=%s is reported naming the variable', (value) => {
      const r = loadConfig({ ...http, HTTP_SIGN_WINDOW_S: value });
      expect(r).toMatchObject({ ok: false, error: [expect.stringMatching(/^HTTP_SIGN_WINDOW_S:/)] });
    });

    it('needs an https PUBLIC_URL (http:// only on a loopback address)', () => {
      expect(loadConfig({ ...http, PUBLIC_URL: 'http://bot.example.com' })).toMatchObject({ ok: false, error: [expect.stringMatching(/^PUBLIC_URL:.*https/)] });
      expect(loadConfig({ ...http, PUBLIC_URL: 'http://127.0.0.1:3000' }).ok).toBe(true);
      expect(loadConfig({ ...http, PUBLIC_URL: 'http://localhost:3000' }).ok).toBe(true);
      expect(loadConfig({ ...http, DINGTALK_MODE: 'stream', PUBLIC_URL: 'http://bot.example.com' }).ok).toBe(true);
    });
  });

  describe('the emulator only where it is meant to be', () => {
    const MYSQL = 'mysql://root@127.0.0.1:3306/bot';
    const errorsOf = (env: Record<string, string>, options?: Parameters<typeof loadConfig>[1]) => {
      const r = loadConfig(env, options);
      return r.ok ? [] : r.error;
    };

    it('refuses to start the emulator with a DATABASE_URL and no credentials, naming the variables to set', () => {
      const errors = errorsOf({ DATABASE_URL: MYSQL });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^DINGTALK_CLIENT_ID: /);
      expect(errors[0]).toContain('DINGTALK_CLIENT_SECRET');
      expect(errors[0]).toContain('DINGTALK_EMULATOR=1');
    });

    it('reports the missing credentials together with the other bad variables', () => {
      const errors = errorsOf({ DATABASE_URL: MYSQL, ADMIN_TOKEN: 'short', HTTP_PORT: 'eighty' });
      expect(errors.map((e) => e.split(':')[0]).sort()).toEqual(['ADMIN_TOKEN', 'DINGTALK_CLIENT_ID', 'HTTP_PORT']);
      const both = errorsOf({ DATABASE_URL: MYSQL, DINGTALK_EMULATOR: '1', NODE_ENV: 'production', DINGTALK_CLIENT_ID: 'x', DINGTALK_CLIENT_SECRET: 'y' });
      expect(both.map((e) => e.split(':')[0])).toEqual(['DINGTALK_EMULATOR', 'DINGTALK_EMULATOR']);
    });

    it('refuses the emulator with NODE_ENV=production, even with DINGTALK_EMULATOR=1', () => {
      expect(errorsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^DINGTALK_CLIENT_ID: required with NODE_ENV=production/)]);
      expect(errorsOf({ NODE_ENV: 'production', DINGTALK_EMULATOR: '1' })).toEqual([expect.stringMatching(/^DINGTALK_EMULATOR: .*never runs with NODE_ENV=production/)]);
      expect(errorsOf({ NODE_ENV: 'production', DATABASE_URL: MYSQL, DINGTALK_EMULATOR: '1' })).toEqual([expect.stringMatching(/^DINGTALK_EMULATOR: /)]);
    });

    it('DINGTALK_EMULATOR=1 starts it with a DATABASE_URL (a test setup), on 127.0.0.1 unless BIND_HOST says otherwise', () => {
      expect(loadConfig({ DATABASE_URL: MYSQL, DINGTALK_EMULATOR: '1' })).toMatchObject({ ok: true, value: { bindHost: '127.0.0.1', dingtalk: { mode: 'emulator' } } });
      expect(loadConfig({ BIND_HOST: '0.0.0.0' })).toMatchObject({ ok: true, value: { bindHost: '0.0.0.0', dingtalk: { mode: 'emulator' } } });
      expect(errorsOf({ DINGTALK_EMULATOR: 'yes' })).toEqual([expect.stringMatching(/^DINGTALK_EMULATOR: must be 1 or unset/)]);
    });

    it('EMULATOR_QPS sets the limit the emulator enforces per API', () => {
      expect(loadConfig({ EMULATOR_QPS: '20' })).toMatchObject({ ok: true, value: { dingtalk: { mode: 'emulator', qpsLimit: 20 } } });
      expect(errorsOf({ EMULATOR_QPS: 'fast' })).toEqual([expect.stringMatching(/^EMULATOR_QPS: /)]);
    });

    it('entry points that never reach DingTalk take a DATABASE_URL without credentials, and get no emulator', () => {
      expect(loadConfig({ DATABASE_URL: MYSQL }, { dingtalk: 'unused' })).toMatchObject({ ok: true, value: { bindHost: '0.0.0.0', dingtalk: { mode: 'none' } } });
      expect(loadConfig({ NODE_ENV: 'production' }, { dingtalk: 'unused' })).toMatchObject({ ok: true, value: { dingtalk: { mode: 'none' } } });
      expect(loadConfig({}, { dingtalk: 'unused' })).toMatchObject({ ok: true, value: { dingtalk: { mode: 'emulator' } } });
    });
  });
});
