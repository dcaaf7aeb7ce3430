/** `createBot` with nothing configured: embedded SQLite, demo directory, health endpoint. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/adapters/config/load-config';
import { createLogger } from '../../../src/adapters/logging/logger';
import { createBot, type Bot } from '../../../src/main';

describe('embedded start-up', () => {
  let app: Bot;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-'));

  beforeAll(async () => {
    const cfg = loadConfig({ HTTP_PORT: '0', SQLITE_PATH: path.join(dir, 'bot.sqlite') });
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    app = await createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }));
  });
  afterAll(() => app?.close());

  it('serves /healthz: 503 until the DingTalk (emulator) stream is connected, then 200 with every dependency up', async () => {
    let res = await fetch(new URL('/healthz', app.url));
    for (let i = 0; i < 100 && res.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await fetch(new URL('/healthz', app.url));
    }
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, { state: string }>;
    expect(body.database!.state).toBe('up');
    expect(body.dingtalk!.state).toBe('up');
    expect(body.redis!.state).toBe('disabled');
    const t = await app.tickets.open({ person: 'bjxiaoshoua', entryPoint: 'api' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: '你好' });
    expect(t.ok).toBe(true);
  });

  it('serves Prometheus metrics, including DingTalk API calls and escalation lateness', async () => {
    const res = await fetch(new URL('/metrics', app.url));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('dingtalk_api_calls_total');
    expect(text).toContain('escalation_firing_lateness_seconds');
  });

  it('serves the emulator page at /', async () => {
    const res = await fetch(app.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<!doctype html>');
    const state = await (await fetch(new URL('/emulator/api/state', app.url))).text();
    expect(state).toContain('北京分公司-销售A');
  });
});
