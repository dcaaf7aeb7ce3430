/** The admin API: bearer token required; dead letters listed and replayed. */
import request from 'supertest';
import { HealthRegistry } from '../../../src/adapters/http/health';
import { createAdminRouter } from '../../../src/adapters/http/admin-router';
import { createHttpApp } from '../../../src/adapters/http/http-app';
import { createLogger } from '../../../src/adapters/logging/logger';
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormNoticeStore } from '../../../src/adapters/persistence/typeorm-notice-store';
import { TypeormOutboxStore } from '../../../src/adapters/persistence/typeorm-outbox-store';
import { Registry } from 'prom-client';
import { demoData } from '../../support/demo';

const TOKEN = 'a-long-enough-admin-token';

describe('admin API', () => {
  let db: Database;
  let app: ReturnType<typeof createHttpApp>;
  let notices: TypeormNoticeStore;

  beforeAll(async () => {
    db = await openDatabase({ sqlitePath: ':memory:' });
    const directory = new TypeormDirectoryStore(db);
    await directory.importData(demoData(), { prune: false, now: new Date() });
    notices = new TypeormNoticeStore(db.gate);
    const router = createAdminRouter({ token: TOKEN, outbox: new TypeormOutboxStore(db.gate), notices, directory, now: () => new Date() });
    app = createHttpApp({ health: new HealthRegistry(), metrics: new Registry(), log: createLogger({ level: 'error', format: 'json', silent: true }), routers: [router] });
  });
  afterAll(() => db.close());

  it('refuses requests without the token', async () => {
    await request(app.callback()).get('/admin/dead-letters').expect(401);
    await request(app.callback()).get('/admin/dead-letters').set('Authorization', 'Bearer wrong').expect(401);
  });

  it('lists a dead notice and replays it', async () => {
    const now = new Date();
    await notices.addNotices([
      { eventKey: 'outbox:1', ticketId: 1, ref: 'R-000001', eventCode: 'created', personId: 'zbit', userId: '1000000518', locale: 'zh-CN', via: 'service_team.contacts', status: 'pending', reason: null, title: 'R-000001', body: 'x', createdAt: now },
    ]);
    const [n] = await notices.claimDue(now, 10, 1000);
    await notices.markFailed(n!.id, 'boom', now, true);
    const list = await request(app.callback()).get('/admin/dead-letters').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(list.body.notices).toHaveLength(1);
    await request(app.callback()).post(`/admin/dead-letters/notices/${n!.id}/replay`).set('Authorization', `Bearer ${TOKEN}`).expect(200);
    await request(app.callback()).post(`/admin/dead-letters/notices/${n!.id}/replay`).set('Authorization', `Bearer ${TOKEN}`).expect(404);
    expect(await notices.dead(10)).toEqual([]);
    await request(app.callback()).post('/admin/dead-letters/bogus/1/replay').set('Authorization', `Bearer ${TOKEN}`).expect(404);
  });

  it('exports the directory', async () => {
    const res = await request(app.callback()).get('/admin/directory').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.body.people).toHaveLength(21);
  });
});
