/** `createBot` with nothing configured: embedded SQLite, demo directory, health endpoint, the emulator on 127.0.0.1. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/adapters/config/load-config';
import { createLogger } from '../../../src/adapters/logging/logger';
import { createBot, type Bot } from '../../../src/main';
import { createDingTalkEmulator } from '../../../src/emulator';

/** Whether a TCP connection to host:port opens. */
const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

describe('embedded start-up', () => {
  let app: Bot;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-'));

  beforeAll(async () => {
    const cfg = loadConfig({ HTTP_PORT: '0', SQLITE_PATH: path.join(dir, 'bot.sqlite'), DEMAND_AFTER_WORKING_DAYS: '3' }); // the demand round runs and stops with the bot
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
    // The send queue per priority and this month's calls per API (docs/interfaces.md "Operations").
    expect(text).toMatch(/dingtalk_send_queue_depth\{priority="1"\} 0/);
    expect(text).toMatch(/dingtalk_send_oldest_age_seconds\{priority="4"\} 0/);
    expect(text).toContain('# TYPE dingtalk_api_calls_month_total gauge');
    const health = await (await fetch(new URL('/healthz', app.url))).json();
    expect(health).toMatchObject({ dingtalk_send_queue: { state: 'up' }, dingtalk_quota: { state: 'up', quota: null } });
  });

  it('serves the emulator page at /', async () => {
    const res = await fetch(app.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<!doctype html>');
    const state = await (await fetch(new URL('/emulator/api/state', app.url))).text();
    expect(state).toContain('北京分公司-销售A');
  });

  it('listens on 127.0.0.1 only: the emulator is not reachable on the other interfaces', async () => {
    const port = Number(new URL(app.url).port);
    expect(new URL(app.url).hostname).toBe('127.0.0.1');
    expect(await connects('127.0.0.1', port)).toBe(true);
    const other = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (other) expect(await connects(other.address, port)).toBe(false);
  });

  it("generates the emulator's credentials per start: the former built-in ones cannot register on its gateway", async () => {
    const { clientId, clientSecret } = app.emulator!.credentials();
    expect(clientSecret.length).toBeGreaterThanOrEqual(32);
    expect(createDingTalkEmulator().credentials()).not.toMatchObject({ clientId, clientSecret });
    const register = (id: string, secret: string) =>
      fetch(new URL('/v1.0/gateway/connections/open', app.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: id, clientSecret: secret, subscriptions: [{ type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' }] }),
      });
    expect((await register('dingemulatorapp', 'emulator-secret')).status).toBe(400);
    expect((await register(clientId, clientSecret)).status).toBe(200);
  });

  it('refuses to run without credentials outside demo mode', async () => {
    const cfg = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:1/none' }, { dingtalk: 'unused' });
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    await expect(createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }))).rejects.toThrow(/DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET/);
  });
});
