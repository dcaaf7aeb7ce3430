/**
 * The ticket page's reads (docs/portal.md "Cost of a ticket page") on both dialects, through `PortalService` with
 * the real stores and the demo directory: every statement is counted at the gate. A ticket's page costs one read of
 * the ticket, its logs and its history, plus one per relation — the same however long its history is and however
 * many tickets a problem gathers (no read per row). Problems: the page shows the problem's tickets and offers the
 * problem card's actions to its problem manager and administrators; a lead of another team does not see it.
 */
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormPortalReadStore } from '../../../src/adapters/persistence/typeorm-portal-read-store';
import { TypeormShortcutStore } from '../../../src/adapters/persistence/typeorm-shortcut-store';
import { TypeormTicketStore } from '../../../src/adapters/persistence/typeorm-ticket-store';
import type { Gate } from '../../../src/adapters/persistence/gate';
import { PortalService, type Viewer } from '../../../src/application/portal/portal-service';
import { ticketServiceOn } from '../../../src/compose-core';
import { formatRef } from '../../../src/domain/tickets/ticket';
import { describeOnDatabases } from '../../support/databases';
import { demoData, WORKDAY_10AM } from '../../support/demo';
import { FakeClock } from '../../support/fake-clock';

const SALES = 'bjxiaoshoua';
const PM = 'zbshangchengcp'; // problem manager of bj-product-mall (BJ-MALL-PRODUCT)
const ADMIN = 'admin';

describeOnDatabases('portal: the ticket page reads', (h) => {
  const clock = new FakeClock(WORKDAY_10AM);
  let portal: PortalService;
  let statements = 0;
  let tickets: ReturnType<typeof ticketServiceOn>;

  beforeAll(async () => {
    const db = h.db();
    const directory = new TypeormDirectoryStore(db);
    await directory.importData(demoData(), { prune: false, now: clock.now() });
    // Every statement of the ticket stores passes the gate once (reads: one statement each).
    const gate = Object.create(db.gate) as Gate;
    gate.run = (work) => {
      statements++;
      return db.gate.run(work);
    };
    gate.tx = (work) => {
      statements++;
      return db.gate.tx(work);
    };
    const counted = { ...db, gate };
    tickets = ticketServiceOn(counted, { directory, clock });
    portal = new PortalService({
      tickets,
      store: new TypeormTicketStore(gate),
      directory,
      reads: new TypeormPortalReadStore(gate),
      shortcuts: new TypeormShortcutStore(gate),
      signIn: { userIdForAuthCode: async () => null },
      clock,
    });
    await directory.current();
  });

  const viewer = async (person: string): Promise<Viewer> => (await portal.viewer(person))!;
  const open = async (title: string) => {
    const o = await tickets.open({ person: SALES, entryPoint: 'api' }, { service: 'BJ-MALL-PRODUCT', subcategory: 'suggestion', title, description: title });
    if (!o.ok) throw new Error(o.error.code);
    return formatRef('request', o.value.id);
  };
  /** The statements one page view costs, and the view. */
  const view = async (person: string, ref: string) => {
    const v = await viewer(person);
    const before = statements;
    const got = await portal.ticket(v, ref);
    if (!got.ok) throw new Error(got.error.code);
    return { n: statements - before, view: got.value };
  };

  it('costs the same few statements however long the history', async () => {
    const short = await open('短历史');
    const long = await open('长历史');
    for (let i = 0; i < 30; i++) {
      const noted = await tickets.addLog({ person: SALES, entryPoint: 'api' }, long, `补充说明 ${i}`, 'public');
      if (!noted.ok) throw new Error(noted.error.code);
    }
    const a = await view(ADMIN, short);
    const b = await view(ADMIN, long);
    expect(b.view.history.length).toBeGreaterThan(30);
    expect(b.view.logs.length).toBe(30);
    expect(a.n).toBe(3); // the ticket, its logs, its history
    expect(b.n).toBe(a.n);
  });

  it('a problem: its tickets in one read however many; the problem card actions for its problem manager and administrators', async () => {
    const two = [await open('结算失败 1'), await open('结算失败 2')];
    const four = [await open('下单失败 1'), await open('下单失败 2'), await open('下单失败 3'), await open('下单失败 4')];
    const make = async (refs: string[]) => {
      const p = await tickets.makeProblem({ person: PM, entryPoint: 'api' }, { refs });
      if (!p.ok) throw new Error(p.error.code);
      return formatRef('problem', p.value.id);
    };
    const p2 = await make(two);
    const p4 = await make(four);
    const small = await view(PM, p2);
    const big = await view(PM, p4);
    expect(big.view.problemTickets.map((t) => formatRef(t.kind, t.id)).sort()).toEqual([...four].sort());
    expect(big.n).toBe(small.n);
    expect(big.n).toBeLessThanOrEqual(5); // the problem; logs; history; its tickets (the use case reads the problem again)
    expect(big.view.actions).toEqual(expect.arrayContaining(['problem_resolve', 'problem_link', 'problem_unlink', 'pend', 'note']));
    expect(big.view.actions).not.toContain('resolve');
    expect(big.view.actions).not.toContain('claim');

    // a request of the problem names it: one more read
    const r = await view(PM, four[0]!);
    expect(r.view.problemRef).toBe(p4);
    expect(r.view.problem?.title).toBeTruthy();
    expect(r.n).toBe(4);

    // an administrator may act on it too; a lead of another team may not see it at all
    expect((await view(ADMIN, p4)).view.actions).toContain('problem_resolve');
    expect((await portal.ticket(await viewer('gzyunyingzg'), p4)).ok).toBe(false);
  });
});
