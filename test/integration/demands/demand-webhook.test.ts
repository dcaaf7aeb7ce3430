/**
 * The demand pool's webhook (docs/demands.md "Webhook") through the real outbox on MariaDB: a local HTTP server
 * receives the signed POST; a 500 is retried after the policy's backoff; after the sixth failed try the event is a
 * dead letter; replayed through the admin API it is delivered. The clock is injected: no sleeping.
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Registry } from 'prom-client';
import { createAdminRouter } from '../../../src/adapters/http/admin-router';
import { HttpDemandPoolClient } from '../../../src/adapters/http/demand-pool-webhook';
import { HealthRegistry } from '../../../src/adapters/http/health';
import { createHttpApp } from '../../../src/adapters/http/http-app';
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { OutboxRecord } from '../../../src/adapters/persistence/records/outbox.record';
import { TypeormDemandStore } from '../../../src/adapters/persistence/typeorm-demand-store';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormNoticeStore } from '../../../src/adapters/persistence/typeorm-notice-store';
import { TypeormOutboxStore } from '../../../src/adapters/persistence/typeorm-outbox-store';
import { postDemandWhenDemandCreated } from '../../../src/application/demands/post-demand-when-demand-created';
import { OutboxDispatcher } from '../../../src/application/outbox/outbox-dispatcher';
import { silentLog } from '../../../src/domain/ports/log.port';
import { ticketServiceOn } from '../../../src/compose-core';
import { refOf } from '../../../src/domain/tickets/ticket';
import { demoData } from '../../support/demo';
import { createScratchMysqlDatabase, mysqlAvailable } from '../../support/services';

const SECRET = 'demand-pool-test-secret';
const TOKEN = 'admin-token-0123456789';

interface Received {
  body: string;
  signature: string | undefined;
  demandId: string | undefined;
  contentType: string | undefined;
}

(mysqlAvailable() ? describe : describe.skip)('demand pool webhook through the outbox', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let db: Database;
  let server: http.Server;
  let url: string;
  const received: Received[] = [];
  let answers: number[] = [];
  let now = Date.parse('2026-12-08T02:00:00Z');
  const clock = { now: () => new Date(now) };

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('demand_webhook');
    db = await openDatabase({ url: scratch.url });
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: req.headers['x-signature'] as string | undefined,
          demandId: req.headers['x-demand-id'] as string | undefined,
          contentType: req.headers['content-type'],
        });
        res.statusCode = answers.shift() ?? 200;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/demands`;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db?.close();
    await scratch?.drop();
  });
  beforeEach(() => {
    received.length = 0;
  });

  async function newDemandEvent(title: string): Promise<{ demandId: number; outboxId: number }> {
    const demands = new TypeormDemandStore(db.ds);
    const at = new Date(now);
    const demandId = await demands.insert({
      title, description: `${title}：希望商城支持批量导出订单`, caller: 'bjxiaoshoua', service: 'BJ-MALL-PRODUCT', team: 'bj-product-mall',
      sourceRefs: ['R-000012'], votes: 1, state: 'open', createdAt: at, updatedAt: at,
    });
    const res = await db.ds.getRepository(OutboxRecord).insert({
      ticketId: 12, ref: 'R-000012', type: 'DemandCreated', actor: 'system', entryPoint: 'system', at,
      data: JSON.stringify({ demandId }), status: 'pending', attempts: 0, availableAt: at, claimedBy: null, lastError: null, processedAt: null,
    });
    return { demandId, outboxId: Number(res.identifiers[0]!.id) };
  }

  const dispatcher = () =>
    new OutboxDispatcher(
      new TypeormOutboxStore(db.gate),
      [postDemandWhenDemandCreated({ demands: new TypeormDemandStore(db.ds), pool: new HttpDemandPoolClient(url, SECRET), log: silentLog })],
      clock,
      silentLog,
      { owner: 'test-dispatcher' },
    );
  const row = async (id: number) => (await db.ds.getRepository(OutboxRecord).findOneByOrFail({ id }));
  const validSignature = (r: Received) => r.signature === `sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`;

  it('posts the demand signed, and retries a 500 after the backoff', async () => {
    const { demandId, outboxId } = await newDemandEvent('批量导出订单');
    answers = [500];
    const d = dispatcher();
    await d.drain();
    expect(received).toHaveLength(1);
    expect(await row(outboxId)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row(outboxId)).lastError).toContain('HTTP 500');

    await d.drain(); // not due yet: 5 s backoff
    expect(received).toHaveLength(1);
    now += 5_000;
    await d.drain();
    expect(received).toHaveLength(2);
    expect((await row(outboxId)).status).toBe('done');

    for (const r of received) {
      expect(validSignature(r)).toBe(true);
      expect(r.demandId).toBe(`D-${String(demandId).padStart(6, '0')}`);
      expect(r.contentType).toContain('application/json');
      expect(JSON.parse(r.body)).toEqual({
        demand: r.demandId, title: '批量导出订单', description: '批量导出订单：希望商城支持批量导出订单', service: 'BJ-MALL-PRODUCT',
        caller: 'bjxiaoshoua', source_refs: ['R-000012'], votes: 1, created_at: expect.any(String),
      });
    }
    // A tampered body would not match: the receiver can check.
    expect(validSignature({ ...received[0]!, body: received[0]!.body.replace('批量', '单个') })).toBe(false);
  });

  it('dead-letters the event after the sixth failed try, and delivers it when replayed from the admin API', async () => {
    const { outboxId } = await newDemandEvent('订单打印模板');
    answers = Array.from({ length: 6 }, () => 500);
    const d = dispatcher();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      await d.drain();
      const r = await row(outboxId);
      if (r.status === 'pending') waits.push(r.availableAt.getTime() - now);
      now += 10 * 60_000;
    }
    expect(received).toHaveLength(6);
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
    expect(await row(outboxId)).toMatchObject({ status: 'dead', attempts: 6 });
    await d.drain();
    expect(received).toHaveLength(6); // dead: no seventh try

    const outbox = new TypeormOutboxStore(db.gate);
    const router = createAdminRouter({
      token: TOKEN, outbox, notices: new TypeormNoticeStore(db.gate), directory: new TypeormDirectoryStore(db), now: () => new Date(now),
    });
    const app = createHttpApp({ health: new HealthRegistry(), metrics: new Registry(), log: silentLog, routers: [router] });
    const listed = await request(app.callback()).get('/admin/dead-letters').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect((listed.body as { outbox: Array<{ id: number }> }).outbox.map((o) => o.id)).toContain(outboxId);
    await request(app.callback()).post(`/admin/dead-letters/outbox/${outboxId}/replay`).set('Authorization', `Bearer ${TOKEN}`).expect(200);

    answers = [200];
    await d.drain();
    expect(received).toHaveLength(7);
    expect(validSignature(received[6]!)).toBe(true);
    expect((await row(outboxId)).status).toBe('done');
  });

  it('converts a pending request into a demand in one transaction, and posts it', async () => {
    const directory = new TypeormDirectoryStore(db);
    await directory.importData(demoData(), { prune: false, now: new Date(now) });
    const tickets = ticketServiceOn(db, { directory, clock });
    const caller = { person: 'bjxiaoshoua', entryPoint: 'chat' as const };
    const agent = { person: 'bjxiaoshouyunying', entryPoint: 'chat' as const };
    const opened = await tickets.open(caller, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: '希望订单列表可以按配送区域筛选' });
    if (!opened.ok) throw new Error(opened.error.code);
    const ref = refOf(opened.value);
    expect((await tickets.claim(agent, ref)).ok).toBe(true);
    expect((await tickets.pend(agent, ref, '等待产品评估')).ok).toBe(true);

    expect(await tickets.convertToDemand(caller, ref, 'x')).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
    const converted = await tickets.convertToDemand(agent, ref, '客户多次提出，转产品需求池');
    if (!converted.ok) throw new Error(converted.error.code);
    expect(converted.value.demand).toMatch(/^D-\d{6}$/);
    expect(converted.value.ticket).toMatchObject({ status: 'resolved', resolutionCode: 'converted_to_demand', solution: converted.value.demand });
    const demand = (await new TypeormDemandStore(db.ds).all()).find((d) => `D-${String(d.id).padStart(6, '0')}` === converted.value.demand)!;
    expect(demand).toMatchObject({ sourceRefs: [ref], votes: 1, state: 'open', caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS' });
    expect(demand.description).toContain('客户多次提出，转产品需求池');
    // Only once: the request is no longer open.
    expect((await tickets.convertToDemand(agent, ref, 'again')).ok).toBe(false);

    answers = [];
    now += 60_000;
    await dispatcher().drain();
    const posted = received.filter((r) => r.demandId === converted.value.demand);
    expect(posted).toHaveLength(1);
    expect(validSignature(posted[0]!)).toBe(true);
    expect(JSON.parse(posted[0]!.body)).toMatchObject({ demand: converted.value.demand, source_refs: [ref], votes: 1, caller: 'bjxiaoshoua' });
  });

  it('demands:export writes every demand as CSV', async () => {
    const file = path.join(os.tmpdir(), `demands-${process.pid}.csv`);
    const root = path.resolve(__dirname, '../../..');
    const out = await promisify(execFile)('node', [path.join(root, 'dist/scripts/demands-export.js'), file], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'error' },
    });
    const all = await new TypeormDemandStore(db.ds).all();
    expect(out.stdout).toContain(`${all.length} demands written`);
    const text = fs.readFileSync(file, 'utf8');
    fs.unlinkSync(file);
    const lines = text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('demand,state,title,description,caller,service,team,votes,source_refs,created_at,updated_at');
    expect(lines).toHaveLength(all.length + 1);
    expect(lines[1]).toMatch(/^D-000001,open,批量导出订单,/);
  });
});
