/**
 * The staff sync use case on a real database (SQLite): a salesperson who leaves keeps their filed request open and
 * the service team's lead is told; an agent who leaves with a pending ticket: it stays pending without agent and
 * resuming it puts it back in the queue; the same desired entries again change nothing and tell nobody twice.
 */
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormNoticeStore } from '../../../src/adapters/persistence/typeorm-notice-store';
import { TypeormStaffStore } from '../../../src/adapters/persistence/typeorm-staff-store';
import { syncStaff, type StaffSyncDeps } from '../../../src/application/staff/sync-staff';
import type { TicketService } from '../../../src/application/tickets/ticket-service';
import { renderStaffLeftNotice } from '../../../src/bot/views/replies/staff-notices';
import { ticketServiceOn } from '../../../src/compose-core';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { ALWAYS } from '../../../src/domain/tickets/stopwatch';
import { demoData, WORKDAY_10AM } from '../../support/demo';
import { FakeClock } from '../../support/fake-clock';

describe('syncStaff [sqlite]', () => {
  let db: Database;
  let directory: TypeormDirectoryStore;
  let tickets: TicketService;
  let deps: StaffSyncDeps;
  const clock = new FakeClock(WORKDAY_10AM);

  beforeAll(async () => {
    db = await openDatabase({ sqlitePath: ':memory:' });
    directory = new TypeormDirectoryStore(db, { refreshMs: 0 });
    await directory.importData(demoData(), { prune: false, now: clock.now() });
    tickets = ticketServiceOn(db, { directory, clock });
    deps = { store: new TypeormStaffStore(db.gate, () => directory.invalidate()), directory, clock, counters: () => () => ALWAYS, words: renderStaffLeftNotice, defaultLocale: 'zh-CN' };
  });
  afterAll(() => db.close());

  const leave = async (id: string, key: string) => {
    const p = (await directory.current())!.person(id)!;
    return syncStaff(deps, [{ ...p, status: 'inactive' }], { eventKey: key, source: 'dingtalk' });
  };

  it('a caller who leaves: their request stays open, the service team lead is told', async () => {
    const opened = await tickets.open({ person: 'bjxiaoshoub', entryPoint: 'chat' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户B的葡萄没有送货' });
    if (!opened.ok) throw new Error(opened.error.code);
    const r = await leave('bjxiaoshoub', 'ev-caller');
    expect(r).toMatchObject({ returned: [], told: ['bjyunyingzg'] });
    expect((await tickets.get(SYSTEM_ACTOR, 'R-000001'))).toMatchObject({ ok: true, value: { status: 'new' } });
    const [n] = (await new TypeormNoticeStore(db.gate).byTicket(1)).filter((x) => x.eventCode === 'staff_left');
    expect(n).toMatchObject({ personId: 'bjyunyingzg', eventKey: 'staff:ev-caller' });
    expect(n!.body).toContain('北京分公司-销售B (bjxiaoshoub)');
    expect(n!.body).toContain('仍在处理中');
    expect(n!.body).toContain('R-000001');
    // again: nothing changes, nobody told twice
    const p = (await directory.current())!.person('bjxiaoshoub')!;
    expect(p.status).toBe('inactive');
    expect(await syncStaff(deps, [p], { eventKey: 'ev-caller', source: 'dingtalk' })).toEqual({ changes: [], returned: [], told: [] });
  });

  it('an agent who leaves with a pending ticket: pending without agent; resume → new with TTO re-armed', async () => {
    const opened = await tickets.open({ person: 'bjxiaoshoua', entryPoint: 'chat' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户A的葡萄没有送货' });
    if (!opened.ok) throw new Error(opened.error.code);
    const ref = 'R-000002';
    expect(await tickets.claim({ person: 'bjyunying2', entryPoint: 'card' }, ref)).toMatchObject({ ok: true });
    expect(await tickets.pend({ person: 'bjyunying2', entryPoint: 'card' }, ref, '等待仓库')).toMatchObject({ ok: true });
    clock.advance(60_000);
    const r = await leave('bjyunying2', 'ev-agent');
    expect(r).toMatchObject({ returned: [ref], told: ['bjyunyingzg'] });
    expect(await tickets.get(SYSTEM_ACTOR, ref)).toMatchObject({ ok: true, value: { status: 'pending', agent: null } });
    clock.advance(60_000);
    const resumed = await tickets.resume({ person: 'bjyunyingzg', entryPoint: 'card' }, ref);
    expect(resumed).toMatchObject({ ok: true, value: { status: 'new', agent: null } });
    if (resumed.ok) expect(resumed.value.tto).toMatchObject({ state: 'running', lastStart: clock.now() });
  });
});
