/**
 * The demand team's notice (docs/demands.md "The demand team's notice"): a conversion's `DemandCreated` event,
 * handled from the real outbox, writes one notice per contact of the service's team (or of DEMAND_TEAM) in their
 * language, naming D-… and the request; handling the event again adds nothing.
 */
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { TypeormDemandStore } from '../../../src/adapters/persistence/typeorm-demand-store';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormNoticeStore } from '../../../src/adapters/persistence/typeorm-notice-store';
import { TypeormOutboxStore } from '../../../src/adapters/persistence/typeorm-outbox-store';
import { tellDemandTeamWhenDemandCreated } from '../../../src/application/demands/tell-demand-team-when-demand-created';
import { newReactionContext } from '../../../src/application/outbox/reactions';
import { renderDemandNotice } from '../../../src/bot/views/replies/demand-words';
import { ticketServiceOn } from '../../../src/compose-core';
import { silentLog } from '../../../src/domain/ports/log.port';
import { refOf } from '../../../src/domain/tickets/ticket';
import { FakeClock } from '../../support/fake-clock';
import { demoData, WORKDAY_10AM } from '../../support/demo';

describe('the demand team is told of a new demand [sqlite]', () => {
  let db: Database;
  const clock = new FakeClock(WORKDAY_10AM);

  beforeAll(async () => {
    db = await openDatabase({ sqlitePath: ':memory:' });
    const data = demoData();
    data.people.find((p) => p.id === 'bjyunying2')!.locale = 'en';
    await new TypeormDirectoryStore(db).importData(data, { prune: false, now: clock.now() });
  });
  afterAll(() => db.close());

  const convert = async (demandTeam?: string) => {
    const directory = new TypeormDirectoryStore(db);
    const tickets = ticketServiceOn(db, { directory, clock });
    const opened = await tickets.open({ person: 'bjxiaoshoua', entryPoint: 'chat' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: '希望订单列表可以批量导出' });
    if (!opened.ok) throw new Error(opened.error.code);
    const ref = refOf(opened.value);
    const agent = { person: 'bjxiaoshouyunying', entryPoint: 'chat' as const };
    expect((await tickets.claim(agent, ref)).ok).toBe(true);
    const converted = await tickets.convertToDemand(agent, ref, '多位销售提出', { demandTeam });
    if (!converted.ok) throw new Error(converted.error.code);
    const notices = new TypeormNoticeStore(db.gate);
    const react = tellDemandTeamWhenDemandCreated({
      demands: new TypeormDemandStore(db.ds), directory, notices, render: renderDemandNotice, defaultLocale: 'zh-CN', log: silentLog,
    });
    const outbox = new TypeormOutboxStore(db.gate);
    const records = (await outbox.claim('test', 1000, clock.now(), 30_000)).filter((r) => r.event.type === 'DemandCreated');
    expect(records).toHaveLength(1);
    await react(records[0]!, newReactionContext());
    await react(records[0]!, newReactionContext()); // a replay: nothing more
    await outbox.markDone(records.map((r) => r.id), 'test', clock.now());
    const rows = (await notices.byTicket(opened.value.id)).filter((n) => n.eventCode === 'demand_created');
    return { ref, demand: converted.value.demand, rows };
  };

  it('one notice per contact of the service\'s team, in their language, once', async () => {
    const { ref, demand, rows } = await convert();
    expect(rows.map((n) => [n.personId, n.status, n.locale]).sort()).toEqual([
      ['bjxiaoshouyunying', 'pending', 'zh-CN'],
      ['bjyunying2', 'pending', 'en'],
    ]);
    const zh = rows.find((n) => n.personId === 'bjxiaoshouyunying')!;
    expect(zh.title).toBe(`${demand} 新需求`);
    expect(zh.body.split('\n')).toEqual([
      `${demand} 新需求，由 ${ref} 转入需求池。`,
      '标题：希望订单列表可以批量导出',
      '服务：BJ-销售运营',
      '提出人：北京分公司-销售A',
      '票数：1',
      '请在需求池中评估该需求。',
    ]);
    expect(rows.find((n) => n.personId === 'bjyunying2')!.body).toContain(`${demand} is a new demand, converted from ${ref}.`);
  });

  it('DEMAND_TEAM: its contacts instead', async () => {
    const { rows } = await convert('bj-product-mall');
    expect(rows.map((n) => [n.personId, n.status])).toEqual([['zbshangchengcp', 'pending']]);
  });
});
