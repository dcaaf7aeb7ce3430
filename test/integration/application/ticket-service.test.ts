/** The ticket application API on real databases: SQLite and MariaDB (CI), the same assertions on both. */
import { DataSource } from 'typeorm';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormOutboxStore } from '../../../src/adapters/persistence/typeorm-outbox-store';
import { TypeormTicketStore } from '../../../src/adapters/persistence/typeorm-ticket-store';
import { TicketService, type Actor } from '../../../src/application/tickets/ticket-service';
import { countersFor } from '../../../src/domain/calendar/calendar-counters';
import { isAlreadyFiled } from '../../../src/domain/tickets/source-message';
import { refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { describeOnDatabases } from '../../support/databases';
import { demoData, WORKDAY_10AM } from '../../support/demo';
import { FakeClock } from '../../support/fake-clock';

const chat = (person: string): Actor => ({ person, entryPoint: 'chat' });
const card = (person: string): Actor => ({ person, entryPoint: 'card' });

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describeOnDatabases('ticket service', (h) => {
  let service: TicketService;
  let store: TypeormTicketStore;
  let outbox: TypeormOutboxStore;
  let ds: DataSource;
  const clock = new FakeClock(WORKDAY_10AM);

  beforeAll(async () => {
    ds = h.db().ds;
    const directory = new TypeormDirectoryStore(h.db());
    await directory.importData(demoData(), { prune: false, now: clock.now() });
    store = new TypeormTicketStore(h.db().gate);
    outbox = new TypeormOutboxStore(h.db().gate);
    service = new TicketService({ store, directory, clock, counters: (d) => countersFor(d) });
  });

  const openConsult = async (caller = 'bjxiaoshoua', description = '商户A昨天订了1斤葡萄，今天没有送货'): Promise<Ticket> =>
    must(await service.open(chat(caller), { service: 'BJ-SALES-OPS', subcategory: 'consult', description }));

  it('opens, claims, pends, resumes, resolves and closes, with history, logs and outbox events', async () => {
    const t = await openConsult();
    expect(refOf(t)).toMatch(/^R-\d{6}$/);
    must(await service.claim(card('bjxiaoshouyunying'), refOf(t)));
    must(await service.pend(card('bjxiaoshouyunying'), refOf(t), '等待仓库回复'));
    must(await service.resume(card('bjxiaoshouyunying'), refOf(t)));
    must(await service.resolve(card('bjxiaoshouyunying'), refOf(t), '已补发', 'assistance'));
    const closed = must(await service.close(card('bjxiaoshoua'), refOf(t), 1, '谢谢'));
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 1, agent: 'bjxiaoshouyunying' });

    const stored = must(await service.get(chat('bjxiaoshoua'), refOf(t)));
    expect(stored).toMatchObject({ status: 'closed', version: 6, satisfactionComment: '谢谢' });
    const history = must(await service.history(chat('bjxiaoshoua'), refOf(t)));
    expect(history.map((x) => x.action)).toEqual(['open', 'claim', 'pend', 'resume', 'resolve', 'close']);
    expect(history[1]).toMatchObject({ actor: 'bjxiaoshouyunying', entryPoint: 'card' });
    expect(history[1]!.changes).toEqual(expect.arrayContaining([{ field: 'status', from: 'new', to: 'assigned' }]));
    const logs = must(await service.logs(chat('bjxiaoshoua'), refOf(t)));
    expect(logs.map((l) => l.text)).toEqual(['等待仓库回复', '已补发']);

    const events = await ds.query('SELECT type FROM outbox WHERE ticket_id = ? ORDER BY id', [t.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'TicketCreated',
      'TicketAssigned',
      'TicketPended',
      'TicketResumed',
      'TicketResolved',
      'TicketClosed',
    ]);
  });

  it('round-trips Chinese text and emoji exactly', async () => {
    const text = '商城下单失败，客户无法付款 😀🙏🏽 𠮷 — 测试';
    const t = await openConsult('bjxiaoshoub', text);
    const back = must(await service.get(chat('bjxiaoshoub'), refOf(t)));
    expect(back.description).toBe(text);
    expect(back.title).toBe(text);
    must(await service.addLog(chat('bjxiaoshoub'), refOf(t), '补充：🍇 一斤', 'public'));
    expect(must(await service.logs(chat('bjxiaoshoub'), refOf(t)))[0]!.text).toBe('补充：🍇 一斤');
  });

  it('requests and incidents share one counter', async () => {
    const a = await openConsult();
    const inc = must(await service.createIncident(card('bjxiaoshouyunying'), { requests: [refOf(a)], title: '送货延迟' }));
    const b = await openConsult();
    expect(refOf(inc)).toBe(`I-${String(a.id + 1).padStart(6, '0')}`);
    expect(b.id).toBe(inc.id + 1);
  });

  it('resolving an incident resolves every open child, including one still in escalated_tto, and copies public notes', async () => {
    const r1 = must(await service.open(chat('bjxiaoshoua'), { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: '商城下单失败' }));
    const r2 = must(await service.open(chat('gzxiaoshoua'), { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: '下单失败，客户无法付款' }));
    const inc = must(await service.createIncident(card('zbshangchengcp'), { requests: [refOf(r1), refOf(r2)], title: '购物车数据丢失' }));
    must(await service.act({ person: 'system', entryPoint: 'escalation' }, refOf(r2), { type: 'escalate_tto' }));
    must(await service.claim(card('zbshangchengcp'), refOf(r1)));
    must(await service.pend(card('zbshangchengcp'), refOf(r1), '等待研发'));
    must(await service.claim(card('zbshangchengcp'), refOf(inc)));
    must(await service.addLog(card('zbshangchengcp'), refOf(inc), '已定位到购物车服务', 'public'));
    must(await service.resolve(card('zbshangchengcp'), refOf(inc), '修复购物车服务', 'bug_fixed'));

    for (const r of [r1, r2]) {
      const child = must(await service.get(chat('system'), refOf(r)));
      expect(child).toMatchObject({ status: 'resolved', solution: '修复购物车服务', resolutionCode: 'incident' }); // the incident's own solution
      expect(child.tto.state).toBe('stopped');
      expect(child.ttr.state).toBe('stopped');
      const logs = must(await service.logs(chat('system'), refOf(r)));
      expect(logs.some((l) => l.text.includes('已定位到购物车服务'))).toBe(true);
    }
    const kids = must(await service.list(card('zbshangchengcp'), { scope: 'children', parent: refOf(inc) }));
    expect(kids.map((k) => k.id).sort()).toEqual([r1.id, r2.id].sort());
  });

  it('refuses people with a clear code and writes nothing', async () => {
    const before = await store.count({});
    expect(await service.open(chat('kehua'), { service: 'BJ-SALES-OPS', subcategory: 'consult', description: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'ORG.NO_CONTRACT' },
    });
    expect(await service.open(chat('nobody'), { service: 'BJ-SALES-OPS', subcategory: 'consult', description: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'PERSON.UNKNOWN' },
    });
    expect(
      await service.open(chat('bjxiaoshoua'), { service: 'BJ-SALES-OPS', subcategory: 'consult', description: 'x', title: 't'.repeat(300) }),
    ).toMatchObject({ ok: false, error: { code: 'TICKET.TITLE_TOO_LONG' } });
    expect(await store.count({})).toBe(before);
  });

  it('unknown refs are not found, never a crash', async () => {
    for (const ref of ['R-999999', 'I-000001x', 'hello', 'R-0']) {
      expect(await service.claim(card('bjxiaoshouyunying'), ref)).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_FOUND' } });
    }
    const t = await openConsult();
    // right number, wrong class
    expect(await service.get(chat('bjxiaoshoua'), `I-${String(t.id).padStart(6, '0')}`)).toMatchObject({
      ok: false,
      error: { code: 'TICKET.NOT_FOUND' },
    });
  });

  it('people cannot issue system commands, and refused actions change nothing', async () => {
    const t = await openConsult();
    expect(await service.act(card('admin'), refOf(t), { type: 'escalate_tto' })).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
    expect(await service.resolve(card('bjxiaoshoua'), refOf(t), 'x', 'other')).toMatchObject({ ok: false, error: { code: 'TICKET.INVALID_TRANSITION' } });
    expect(await service.claim(card('zbit'), refOf(t))).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
    const after = must(await service.get(chat('system'), refOf(t)));
    expect(after).toMatchObject({ status: 'new', version: 1, agent: null });
  });

  it('lists: mine, my teams queue, unassigned, by state and service — only what the viewer may see', async () => {
    const t = await openConsult('bjxiaoshoub', '我的咨询');
    const mine = must(await service.list(chat('bjxiaoshoub'), { scope: 'mine' }));
    expect(mine.map((x) => x.id)).toContain(t.id);
    expect(mine.every((x) => x.caller === 'bjxiaoshoub' || x.agent === 'bjxiaoshoub')).toBe(true);
    const queue = must(await service.list(chat('bjyunying2'), { scope: 'team_queue' }));
    expect(queue.map((x) => x.id)).toContain(t.id);
    const unassigned = must(await service.list(chat('bjyunying2'), { scope: 'unassigned' }));
    expect(unassigned.every((x) => x.agent === null)).toBe(true);
    expect(must(await service.list(chat('gzit'), { scope: 'by_service', service: 'BJ-SALES-OPS' }))).toEqual([]);
    expect(must(await service.list(chat('bjxiaoshoua'), { scope: 'by_state', states: ['new'] })).every((x) => x.caller === 'bjxiaoshoua')).toBe(true);
  });

  it('20 concurrent claims of one ticket: exactly one assignee, 19 coded refusals naming the winner', async () => {
    const d = demoData();
    const t = await openConsult();
    // 20 distinct members of the service team: add them to the directory copy used by this service
    const team = d.teams.find((x) => x.code === 'bj-sales-ops')!;
    for (let i = 0; i < 20; i++) {
      d.people.push({ ...d.people.find((p) => p.id === 'bjyunying2')!, id: `agent${i}`, dingtalkUserId: `20000${i}` });
      team.members.push({ person: `agent${i}`, role: 'member' });
    }
    const directory = new TypeormDirectoryStore(h.db());
    await directory.importData(d, { prune: false, now: clock.now() });
    const svc = new TicketService({ store, directory, clock });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => svc.claim(card(`agent${i}`), refOf(t))));
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    const stored = must(await svc.get(chat('system'), refOf(t)));
    for (const l of losers) {
      expect(l).toMatchObject({ ok: false, error: { code: 'TICKET.ALREADY_ASSIGNED', details: { agent: stored.agent } } });
    }
    expect(stored.version).toBe(2);
    const history = must(await svc.history(chat('system'), refOf(t)));
    expect(history.filter((x) => x.action === 'claim')).toHaveLength(1);
  });

  it('the outbox leases each event to one consumer and gives it back after a crash', async () => {
    const t = await openConsult();
    const now = clock.now();
    const a = await outbox.claim('proc-a', 1000, now, 30_000);
    const mine = a.filter((x) => x.event.ticketId === t.id);
    expect(mine.map((x) => x.event.type)).toEqual(['TicketCreated']);
    // a second process sees nothing while the lease holds
    expect((await outbox.claim('proc-b', 1000, now, 30_000)).filter((x) => x.event.ticketId === t.id)).toEqual([]);
    // proc-a "dies"; after the lease the row is due again
    const later = new Date(now.getTime() + 31_000);
    const b = (await outbox.claim('proc-b', 1000, later, 30_000)).filter((x) => x.event.ticketId === t.id);
    expect(b).toHaveLength(1);
    expect(b[0]!.attempts).toBe(2);
    await outbox.markDone([b[0]!.id], 'proc-b', later);
    expect((await outbox.claim('proc-c', 1000, new Date(later.getTime() + 60_000), 30_000)).filter((x) => x.event.ticketId === t.id)).toEqual([]);
  });

  describe('one chat message, one ticket (tickets.source_msg)', () => {
    const GRAPES = '商户M的葡萄今天没有送货';
    const fromMessage = (svc: TicketService, msgId: string, options: { duplicateOf?: string } = {}) =>
      svc.open(chat('bjxiaoshoua'), { service: 'BJ-SALES-OPS', subcategory: 'consult', description: GRAPES, sourceMsg: msgId }, options);
    /** Rows of every table an opening writes. */
    const rows = async () => {
      const n = async (table: string) => Number(((await ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: unknown }>)[0]!.n);
      return { tickets: await n('tickets'), history: await n('ticket_history'), outbox: await n('outbox') };
    };
    /** The store, counting the transactions opened through it. */
    const counting = () => {
      const seen = { transactions: 0 };
      const wrapped = new Proxy(store, {
        get(target, prop, receiver) {
          if (prop === 'transaction') {
            return (work: Parameters<TypeormTicketStore['transaction']>[0]) => {
              seen.transactions++;
              return target.transaction(work);
            };
          }
          const v = Reflect.get(target, prop, receiver) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      return { wrapped, seen };
    };

    it('records the message on the ticket; tickets from elsewhere have none, and any number of them', async () => {
      const t = must(await fromMessage(service, 'msg-src-1'));
      expect(t.sourceMsg).toBe('msg-src-1');
      expect(must(await service.get(chat('system'), refOf(t))).sourceMsg).toBe('msg-src-1');
      expect((await service.filedFrom('msg-src-1'))?.id).toBe(t.id);
      expect(await service.filedFrom('msg-src-never')).toBeNull();
      const [a, b] = [await openConsult(), await openConsult()];
      expect([a.sourceMsg, b.sourceMsg]).toEqual([null, null]);
      expect(must(await service.get(chat('system'), refOf(b))).sourceMsg).toBeNull();
    });

    it('the same message again: TICKET.ALREADY_FILED with the first ticket, one transaction, nothing written', async () => {
      const other = await openConsult();
      const first = must(await fromMessage(service, 'msg-src-2'));
      const before = await rows();
      const { wrapped, seen } = counting();
      const svc = new TicketService({ store: wrapped, directory: new TypeormDirectoryStore(h.db()), clock, counters: (d) => countersFor(d) });
      // with a duplicate suggestion too: its history row is part of the opening that rolls back
      const again = await fromMessage(svc, 'msg-src-2', { duplicateOf: refOf(other) });
      expect(again).toMatchObject({ ok: false, error: { code: 'TICKET.ALREADY_FILED', details: { ref: refOf(first) } } });
      expect(!again.ok && isAlreadyFiled(again.error) && again.error.filed.id).toBe(first.id);
      expect(seen.transactions).toBe(1);
      expect(await rows()).toEqual(before);
      expect(must(await service.duplicateRecords(refOf(first)))).toMatchObject({ suggested: null });
    });

    it('the same message opened by 6 processes at the same moment: one ticket, 5 answers naming it, no stray rows', async () => {
      const before = await rows();
      const results = await Promise.all(Array.from({ length: 6 }, () => fromMessage(service, 'msg-src-race')));
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const winner = must(winners[0]!);
      for (const r of results.filter((x) => !x.ok)) {
        expect(r).toMatchObject({ ok: false, error: { code: 'TICKET.ALREADY_FILED', details: { ref: refOf(winner) } } });
      }
      expect(await rows()).toEqual({ tickets: before.tickets + 1, history: before.history + 1, outbox: before.outbox + 1 });
      const events = (await ds.query('SELECT type FROM outbox WHERE ticket_id = ?', [winner.id])) as Array<{ type: string }>;
      expect(events.map((e) => e.type)).toEqual(['TicketCreated']);
    });

    it('every update keeps the source message', async () => {
      const t = must(await fromMessage(service, 'msg-src-3'));
      must(await service.claim(card('bjxiaoshouyunying'), refOf(t)));
      must(await service.pend(card('bjxiaoshouyunying'), refOf(t), '等待仓库回复'));
      must(await service.resume(card('bjxiaoshouyunying'), refOf(t)));
      const inc = must(await service.createIncident(card('bjxiaoshouyunying'), { requests: [refOf(t)], title: '送货延迟' }));
      expect(inc.sourceMsg).toBeNull();
      must(await service.claim(card('bjxiaoshouyunying'), refOf(inc)));
      must(await service.resolve(card('bjxiaoshouyunying'), refOf(inc), '已补发', 'assistance'));
      const after = must(await service.get(chat('system'), refOf(t)));
      expect(after).toMatchObject({ status: 'resolved', parent: inc.id, sourceMsg: 'msg-src-3' });
      expect(after.version).toBeGreaterThan(4);
      expect((await service.filedFrom('msg-src-3'))?.id).toBe(t.id);
      expect(await fromMessage(service, 'msg-src-3')).toMatchObject({ ok: false, error: { code: 'TICKET.ALREADY_FILED' } });
    });
  });
});
