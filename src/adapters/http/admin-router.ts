/**
 * The admin API (bearer `ADMIN_TOKEN`): dead letters (outbox events and notices that exhausted their retries)
 * listed and replayed, the stored directory exported, and one ticket's notices looked up. Mounted only when
 * `ADMIN_TOKEN` is set.
 */
import { timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { NoticeStore } from '../../domain/ports/notice-store.port';
import type { OutboxStore } from '../../domain/ports/outbox.port';
import { parseRef } from '../../domain/tickets/ticket';
import { contractsReport } from '../../domain/directory/contracts-report';

export interface AdminDeps {
  token: string;
  outbox: OutboxStore;
  notices: NoticeStore;
  directory: DirectoryStore;
  now: () => Date;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createAdminRouter(deps: AdminDeps): Router {
  const router = new Router({ prefix: '/admin' });
  router.use(async (ctx, next) => {
    const header = ctx.get('authorization');
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!token || !sameToken(token, deps.token)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer');
      ctx.body = { error: 'send Authorization: Bearer <ADMIN_TOKEN>' };
      return;
    }
    await next();
  });

  router.get('/dead-letters', async (ctx) => {
    const limit = Math.min(1000, Number(ctx.query.limit ?? 100) || 100);
    ctx.body = { outbox: await deps.outbox.dead(limit), notices: await deps.notices.dead(limit) };
  });

  router.post('/dead-letters/:kind/:id/replay', async (ctx) => {
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) {
      ctx.status = 400;
      ctx.body = { error: 'the id must be a positive integer' };
      return;
    }
    const kind = ctx.params.kind;
    const replayed =
      kind === 'outbox' ? await deps.outbox.replay(id, deps.now()) : kind === 'notices' ? await deps.notices.replay(id, deps.now()) : null;
    if (replayed === null) {
      ctx.status = 404;
      ctx.body = { error: 'kind must be outbox or notices' };
      return;
    }
    ctx.status = replayed ? 200 : 404;
    ctx.body = replayed ? { replayed: { kind, id } } : { error: `no dead ${kind} entry ${id}` };
  });

  router.get('/directory', async (ctx) => {
    const data = await deps.directory.exportData();
    if (!data) {
      ctx.status = 404;
      ctx.body = { error: 'no directory stored' };
      return;
    }
    ctx.body = data;
  });

  router.get('/contracts-report', async (ctx) => {
    const dir = await deps.directory.current();
    if (!dir) {
      ctx.status = 404;
      ctx.body = { error: 'no directory stored' };
      return;
    }
    ctx.body = contractsReport(dir, deps.now());
  });

  router.get('/tickets/:ref/notices', async (ctx) => {
    const ref = parseRef(ctx.params.ref ?? '');
    if (!ref) {
      ctx.status = 400;
      ctx.body = { error: 'a ticket ref looks like R-000012' };
      return;
    }
    ctx.body = await deps.notices.byTicket(ref.id);
  });

  return router;
}
