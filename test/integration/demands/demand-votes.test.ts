/**
 * "+1 to D-…" votes on the real MariaDB (docs/demands.md "Votes"), two "processes" (connection pools) at once: two
 * callers voting for the same demand at the same moment both count (the guarded update makes one retry); the same
 * person's second vote resolves their request and counts nothing (`demand_votes` primary key); a vote without an
 * offer, or by someone else than the caller, is refused and writes nothing.
 */
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { TypeormDemandStore } from '../../../src/adapters/persistence/typeorm-demand-store';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { ticketServiceOn } from '../../../src/compose-core';
import { refOf } from '../../../src/domain/tickets/ticket';
import { FakeClock } from '../../support/fake-clock';
import { demoData, WORKDAY_10AM } from '../../support/demo';
import { createScratchMysqlDatabase, mysqlAvailable } from '../../support/services';

(mysqlAvailable() ? describe : describe.skip)('demand votes [mariadb]', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let dbs: Database[] = [];
  const clock = new FakeClock(WORKDAY_10AM);

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('demand_votes');
    dbs = [await openDatabase({ url: scratch.url }), await openDatabase({ url: scratch.url })];
    await new TypeormDirectoryStore(dbs[0]!).importData(demoData(), { prune: false, now: clock.now() });
  }, 60_000);
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await scratch?.drop();
  });

  const service = (db: Database) => ticketServiceOn(db, { directory: new TypeormDirectoryStore(db), clock });
  const file = async (person: string, text: string, offered?: string) => {
    const opened = await service(dbs[0]!).open(
      { person, entryPoint: 'chat' },
      { service: 'BJ-MALL-PRODUCT', subcategory: 'suggestion', description: text },
      offered ? { demandOffered: offered } : {},
    );
    if (!opened.ok) throw new Error(opened.error.code);
    return refOf(opened.value);
  };

  it('counts concurrent votes of two people, one per person, and refuses votes without an offer or by another person', async () => {
    const first = await file('bjxiaoshoua', '建议商城订单列表增加批量导出功能');
    const agent = { person: 'zbshangchengcp', entryPoint: 'chat' as const };
    expect((await service(dbs[0]!).claim(agent, first)).ok).toBe(true);
    expect(await service(dbs[0]!).convertToDemand(agent, first, '')).toMatchObject({ ok: true, value: { demand: 'D-000001' } });

    const b = await file('bjxiaoshoub', '建议订单列表可以批量导出', 'D-000001');
    const g = await file('gzxiaoshoua', '建议订单列表能批量导出', 'D-000001');
    const [vb, vg] = await Promise.all([
      service(dbs[0]!).voteForDemand({ person: 'bjxiaoshoub', entryPoint: 'card' }, b),
      service(dbs[1]!).voteForDemand({ person: 'gzxiaoshoua', entryPoint: 'card' }, g),
    ]);
    expect([vb.ok && vb.value.counted, vg.ok && vg.value.counted]).toEqual([true, true]);
    const demands = new TypeormDemandStore(dbs[0]!.ds);
    const after = (await demands.get(1))!;
    expect(after.votes).toBe(3);
    expect([...after.sourceRefs].sort()).toEqual([first, b, g].sort());
    expect((await service(dbs[0]!).get({ person: 'system', entryPoint: 'system' }, b))).toMatchObject({ ok: true, value: { status: 'resolved', resolutionCode: 'converted_to_demand', solution: 'D-000001' } });

    // the same person again: resolved, not counted
    const again = await file('bjxiaoshoub', '建议订单列表支持批量导出', 'D-000001');
    expect(await service(dbs[1]!).voteForDemand({ person: 'bjxiaoshoub', entryPoint: 'card' }, again)).toMatchObject({ ok: true, value: { counted: false, votes: 3 } });
    expect((await demands.get(1))!).toMatchObject({ votes: 3 });
    expect((await demands.get(1))!.sourceRefs).toContain(again);

    // refused: no offer; not the caller
    const plain = await file('bjxiaoshoub', '建议订单可以按日期筛选');
    expect(await service(dbs[0]!).voteForDemand({ person: 'bjxiaoshoub', entryPoint: 'card' }, plain)).toMatchObject({ ok: false, error: { code: 'DEMAND.NOT_OFFERED' } });
    const offered = await file('bjxiaoshoub', '建议订单列表批量导出', 'D-000001');
    expect(await service(dbs[0]!).voteForDemand({ person: 'gzxiaoshoua', entryPoint: 'card' }, offered)).toMatchObject({ ok: false, error: { code: 'DEMAND.NOT_CALLER' } });
    expect((await service(dbs[0]!).get({ person: 'system', entryPoint: 'system' }, offered))).toMatchObject({ ok: true, value: { status: 'new' } });
    expect((await demands.get(1))!.votes).toBe(3);
  });
});
