/**
 * The workbench page's FAQ browser, demand pool and contracts report (docs/portal.md) on both dialects, through
 * `PortalService` with the real stores and the demo directory: what a salesperson, an agent, a problem manager, a
 * lead and an administrator each see, scoped on the server — published entries of the services the person may use
 * (or manages), counters only for the services they manage, search by the FAQ matching; demands of the viewer's
 * teams (or their services) and none for a salesperson; the contracts report for administrators only, the same as
 * `GET /admin/contracts-report`.
 */
import { TypeormDemandStore } from '../../../src/adapters/persistence/typeorm-demand-store';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormFaqStore } from '../../../src/adapters/persistence/typeorm-faq-store';
import { TypeormPortalReadStore } from '../../../src/adapters/persistence/typeorm-portal-read-store';
import { TypeormShortcutStore } from '../../../src/adapters/persistence/typeorm-shortcut-store';
import { TypeormTicketStore } from '../../../src/adapters/persistence/typeorm-ticket-store';
import { FaqService } from '../../../src/application/faq/faq-service';
import { PortalService, type Viewer } from '../../../src/application/portal/portal-service';
import { ticketServiceOn } from '../../../src/compose-core';
import { formatDemandRef, type Demand } from '../../../src/domain/demands/demand';
import { contractsReport } from '../../../src/domain/directory/contracts-report';
import { formatFaqRef } from '../../../src/domain/faq/faq';
import { describeOnDatabases } from '../../support/databases';
import { demoData, WORKDAY_10AM } from '../../support/demo';
import { FakeClock } from '../../support/fake-clock';

const SALES = 'bjxiaoshoua'; // bj-sales: BJ-SALES-OPS, BJ-IT, BJ-OPS, BJ-MALL-PRODUCT
const AGENT = 'bjxiaoshouyunying'; // contact of bj-sales-ops
const PM = 'zbshangchengcp'; // problem manager, lead of bj-product-mall (BJ-MALL-PRODUCT)
const GZ_LEAD = 'gzyunyingzg'; // lead of gz-sales-ops; org gz-sales-ops may use BJ-MALL-PRODUCT
const ADMIN = 'admin';

const entry = (code: string, service: string, question: string, keywords: string[], status: 'published' | 'draft' = 'published') => ({
  code, question, answer: `${question}——解答`, service, subcategory: null, keywords, status,
});

describeOnDatabases('portal: FAQ, demands, contracts report', (h) => {
  const clock = new FakeClock(WORKDAY_10AM);
  let portal: PortalService;
  let directory: TypeormDirectoryStore;
  const demandRefs: Record<string, string> = {};

  beforeAll(async () => {
    const db = h.db();
    directory = new TypeormDirectoryStore(db);
    await directory.importData(demoData(), { prune: false, now: clock.now() });
    const faqStore = new TypeormFaqStore(db.gate);
    await faqStore.importEntries(
      [
        entry('delivery', 'BJ-SALES-OPS', '商户订的货什么时候送到？', ['什么时候送到', '送货时间']),
        entry('invoice-gz', 'GZ-SALES-OPS', '广州商户怎么开发票？', ['开发票']),
        entry('coupon', 'BJ-MALL-PRODUCT', '商城优惠券怎么配置？', ['优惠券']),
        entry('draft', 'BJ-SALES-OPS', '草稿里的问题什么时候送到', ['什么时候送到'], 'draft'),
      ],
      { prune: false, now: clock.now() },
    );
    await faqStore.count(3, 'shown');
    await faqStore.count(3, 'shown');
    await faqStore.count(3, 'solved');
    const demands = new TypeormDemandStore(db.ds);
    const add = async (key: string, d: Pick<Demand, 'title' | 'service' | 'team' | 'state' | 'sourceRefs'>) => {
      const at = new Date(clock.now().getTime() + Object.keys(demandRefs).length * 60_000);
      const id = await demands.insert({ description: `${d.title}：说明`, caller: SALES, votes: 1, createdAt: at, updatedAt: at, ...d });
      demandRefs[key] = formatDemandRef(id);
    };
    await add('bjOps', { title: '批量导出订单', service: 'BJ-SALES-OPS', team: 'bj-sales-ops', state: 'open', sourceRefs: ['R-000001'] });
    await add('gz', { title: '广州发票模板', service: 'GZ-SALES-OPS', team: 'gz-sales-ops', state: 'open', sourceRefs: ['R-000002'] });
    // carded to the product team (DEMAND_TEAM), of a service of bj-sales-ops: both teams see it
    await add('product', { title: '订单备注字段', service: 'BJ-SALES-OPS', team: 'bj-product-mall', state: 'open', sourceRefs: ['R-000003', 'R-000004'] });
    await add('gzDone', { title: '广州对账单', service: 'GZ-SALES-OPS', team: 'gz-sales-ops', state: 'done', sourceRefs: ['R-000005'] });

    portal = new PortalService({
      tickets: ticketServiceOn(db, { directory, clock }),
      store: new TypeormTicketStore(db.gate),
      directory,
      reads: new TypeormPortalReadStore(db.gate),
      shortcuts: new TypeormShortcutStore(db.gate),
      signIn: { userIdForAuthCode: async () => null },
      clock,
      faqs: new FaqService({ store: faqStore, clock }),
      demands,
    });
  });

  const viewer = async (person: string): Promise<Viewer> => (await portal.viewer(person))!;
  const faqOf = async (person: string, words = '') => {
    const r = await portal.faq(await viewer(person), words);
    if (!r.ok) throw new Error(r.error.code);
    return {
      refs: r.value.entries.map((e) => formatFaqRef(e.id)),
      counted: r.value.entries.filter((e) => r.value.manages.includes(e.service)).map((e) => formatFaqRef(e.id)),
      entries: r.value.entries,
    };
  };
  const demandsOf = async (person: string, state?: Demand['state']) => {
    const r = await portal.demands(await viewer(person), state);
    return r.ok ? r.value.map((d) => formatDemandRef(d.id)) : r.error.code;
  };
  const [F1, F2, F3] = [1, 2, 3].map(formatFaqRef);

  it('FAQ: each person sees the published entries of the services they may use or manage; counters only where they manage', async () => {
    // by service, then id: BJ-MALL-PRODUCT before BJ-SALES-OPS
    expect(await faqOf(SALES)).toMatchObject({ refs: [F3, F1], counted: [] });
    expect(await faqOf(AGENT)).toMatchObject({ refs: [F3], counted: [] }); // org bj-sales-ops may use BJ-MALL-PRODUCT only
    expect(await faqOf(PM)).toMatchObject({ refs: [F3], counted: [F3] });
    expect(await faqOf(GZ_LEAD)).toMatchObject({ refs: [F3], counted: [] });
    expect(await faqOf(ADMIN)).toMatchObject({ refs: [F3, F1, F2], counted: [F3, F1, F2] }); // not the draft
    const pm = await faqOf(PM);
    expect(pm.entries[0]).toMatchObject({ question: '商城优惠券怎么配置？', answer: '商城优惠券怎么配置？——解答', service: 'BJ-MALL-PRODUCT', shown: 2, solved: 1, stillHelp: 0 });
  });

  it('FAQ search uses the FAQ matching, within the same services', async () => {
    expect((await faqOf(SALES, '请问商户的货什么时候送到')).refs).toEqual([F1]);
    expect((await faqOf(SALES, '怎么开发票')).refs).toEqual([]); // Guangzhou's entry is not hers
    expect((await faqOf(ADMIN, '怎么开发票')).refs).toEqual([F2]);
    expect((await faqOf(SALES, '完全无关的话')).refs).toEqual([]);
  });

  it('demand pool: agents, leads and administrators see the demands of their teams and their services; a salesperson none', async () => {
    expect(await demandsOf(SALES)).toBe('TICKET.NOT_ALLOWED');
    expect(await demandsOf(AGENT)).toEqual([demandRefs.product, demandRefs.bjOps]);
    expect(await demandsOf(PM)).toEqual([demandRefs.product]);
    expect(await demandsOf(GZ_LEAD)).toEqual([demandRefs.gzDone, demandRefs.gz]);
    expect(await demandsOf(GZ_LEAD, 'open')).toEqual([demandRefs.gz]);
    expect(await demandsOf(ADMIN)).toEqual([demandRefs.gzDone, demandRefs.product, demandRefs.gz, demandRefs.bjOps]);
    const r = await portal.demands(await viewer(AGENT));
    expect(r.ok && r.value[0]).toMatchObject({ title: '订单备注字段', sourceRefs: ['R-000003', 'R-000004'], votes: 1 });
  });

  it('contracts report: administrators only, the same report as the admin API', async () => {
    for (const p of [SALES, AGENT, PM, GZ_LEAD]) {
      const r = await portal.contracts(await viewer(p));
      expect(r.ok ? 'shown' : r.error.code).toBe('TICKET.NOT_ALLOWED');
    }
    const r = await portal.contracts(await viewer(ADMIN));
    const dir = (await directory.current())!;
    expect(r.ok && r.value).toEqual(contractsReport(dir, clock.now()));
    const gz = r.ok ? r.value.orgs.find((o) => o.org === 'gz-sales') : undefined;
    expect(gz?.can.map((s) => s.service)).toContain('GZ-SALES-OPS');
    expect(gz?.cannot.find((s) => s.service === 'BJ-QA')?.reason).toBe('contract obsolete');
  });
});
