/**
 * The automatic conversion (docs/demands.md "Automatic conversion") on the real MariaDB: a request pending through
 * more than DEMAND_AFTER_WORKING_DAYS whole working days of its SLA calendar (workdays-cn: a weekend does not count)
 * becomes a demand, resolved `converted_to_demand`; two processes running the round at the same time convert it
 * once; a request pended later is left alone; a second round changes nothing. The clock is injected.
 */
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { TypeormDemandStore } from '../../../src/adapters/persistence/typeorm-demand-store';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { convertLongPending } from '../../../src/application/demands/convert-long-pending';
import { ticketServiceOn } from '../../../src/compose-core';
import { silentLog } from '../../../src/domain/ports/log.port';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { refOf } from '../../../src/domain/tickets/ticket';
import { demoData } from '../../support/demo';
import { createScratchMysqlDatabase, mysqlAvailable } from '../../support/services';

(mysqlAvailable() ? describe : describe.skip)('pending requests become demands after N working days', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let dbs: Database[] = [];
  // Wednesday 2026-12-02 10:00 in Shanghai.
  let now = Date.parse('2026-12-02T02:00:00Z');
  const clock = { now: () => new Date(now) };
  const DAY = 86_400_000;

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('demand_long_pending');
    dbs = [await openDatabase({ url: scratch.url }), await openDatabase({ url: scratch.url })];
    await new TypeormDirectoryStore(dbs[0]!).importData(demoData(), { prune: false, now: new Date(now) });
  }, 60_000);
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await scratch?.drop();
  });

  // One "process": its own connection pool, directory cache and service.
  const processOn = (db: Database) => {
    const directory = new TypeormDirectoryStore(db);
    const tickets = ticketServiceOn(db, { directory, clock });
    const round = () => convertLongPending({ tickets, directory, clock, log: { ...silentLog, info: (e: string, d?: unknown) => process.env.DEBUG_LP && console.log(e, d) } as typeof silentLog, days: 2, note: (d) => `auto after ${d}` });
    return { tickets, round };
  };

  it('converts once across two processes, counting working days only', async () => {
    const [a, b] = dbs.map(processOn) as [ReturnType<typeof processOn>, ReturnType<typeof processOn>];
    const caller = { person: 'bjxiaoshoua', entryPoint: 'chat' as const };
    const agent = { person: 'bjxiaoshouyunying', entryPoint: 'chat' as const };
    const pendOne = async (description: string): Promise<string> => {
      const opened = await a.tickets.open(caller, { service: 'BJ-SALES-OPS', subcategory: 'consult', description });
      if (!opened.ok) throw new Error(opened.error.code);
      const ref = refOf(opened.value);
      expect((await a.tickets.claim(agent, ref)).ok).toBe(true);
      expect((await a.tickets.pend(agent, ref, '等待产品评估')).ok).toBe(true);
      return ref;
    };

    const early = await pendOne('希望订单列表可以按配送区域筛选'); // pended Wednesday
    now += 2 * DAY; // Friday 10:00: only Thursday is a whole working day since
    const late = await pendOne('希望支持导出发票'); // pended Friday
    expect(await a.round()).toEqual([]);

    now += 3 * DAY - 60 * 60_000; // Monday 09:00: Thursday and Friday (the weekend does not count)
    const [ra, rb] = await Promise.all([a.round(), b.round()]);
    expect([...ra, ...rb]).toEqual([early]);

    const demands = (await new TypeormDemandStore(dbs[0]!.ds).all()).filter((d) => d.sourceRefs.includes(early));
    expect(demands).toHaveLength(1);
    expect(demands[0]).toMatchObject({ votes: 1, state: 'open', caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS' });
    expect(demands[0]!.description).toContain('auto after 2');
    const t = await a.tickets.get(SYSTEM_ACTOR, early);
    expect(t.ok && t.value).toMatchObject({ status: 'resolved', resolutionCode: 'converted_to_demand', solution: `D-${String(demands[0]!.id).padStart(6, '0')}` });
    expect((await a.tickets.get(SYSTEM_ACTOR, late)).ok && (await a.tickets.get(SYSTEM_ACTOR, late))).toMatchObject({ value: { status: 'pending' } });

    // A second round: nothing more.
    expect(await b.round()).toEqual([]);
    expect((await new TypeormDemandStore(dbs[0]!.ds).all()).filter((d) => d.sourceRefs.includes(early))).toHaveLength(1);

    // Wednesday: the late one has had Monday and Tuesday.
    now += 2 * DAY;
    expect(await b.round()).toEqual([late]);
  });
});
