/** Problems (docs/domain.md §9) through the TicketService on SQLite and MariaDB: make, link, resolve, close. */
import { DataSource } from 'typeorm';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormTicketStore } from '../../../src/adapters/persistence/typeorm-ticket-store';
import { TicketService, type Actor } from '../../../src/application/tickets/ticket-service';
import { countersFor } from '../../../src/domain/calendar/calendar-counters';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { describeOnDatabases } from '../../support/databases';
import { demoData, WORKDAY_10AM } from '../../support/demo';
import { FakeClock } from '../../support/fake-clock';

const chat = (person: string): Actor => ({ person, entryPoint: 'chat' });
const card = (person: string): Actor => ({ person, entryPoint: 'card' });
const PM = 'zbshangchengcp';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describeOnDatabases('problems', (h) => {
  let service: TicketService;
  let ds: DataSource;
  const clock = new FakeClock(WORKDAY_10AM);

  beforeAll(async () => {
    ds = h.db().ds;
    const directory = new TypeormDirectoryStore(h.db());
    await directory.importData(demoData(), { prune: false, now: clock.now() });
    service = new TicketService({ store: new TypeormTicketStore(h.db().gate), directory, clock, counters: (d) => countersFor(d) });
  });

  const ask = async (caller: string, description: string): Promise<Ticket> =>
    must(await service.open(chat(caller), { service: 'BJ-SALES-OPS', subcategory: 'consult', description }));

  it('makes a problem from two requests, links both (history on both), resolves and closes it; the requests stay as they were', async () => {
    const a = await ask('bjxiaoshoua', '商户A订的葡萄今天没有送货，什么时候送？');
    clock.advance(60_000);
    const b = await ask('bjxiaoshoub', '客户说昨天下的单今天还没送到');
    must(await service.claim(card('bjxiaoshouyunying'), refOf(b)));

    const p = must(await service.makeProblem(chat(PM), { refs: [refOf(b), refOf(a)], title: '送货延误' }));
    expect(refOf(p)).toMatch(/^P-\d{6}$/);
    expect(p.id).toBeGreaterThan(b.id);
    expect(p).toMatchObject({ kind: 'problem', status: 'assigned', agent: PM, team: 'bj-product-mall', service: 'BJ-SALES-OPS', org: 'bj-sales', title: '送货延误' });

    const linkedA = must(await service.get(SYSTEM_ACTOR, refOf(a)));
    expect(linkedA.problem).toBe(p.id);
    const ticketHistory = must(await service.history(SYSTEM_ACTOR, refOf(a)));
    expect(ticketHistory.at(-1)).toMatchObject({ action: 'problem_link', actor: PM, changes: [{ field: 'problem', from: null, to: refOf(p) }] });
    const problemHistory = must(await service.history(SYSTEM_ACTOR, refOf(p)));
    expect(problemHistory.map((x) => x.action)).toEqual(['open', 'problem_link', 'problem_link']);
    expect(must(await service.problemTickets(chat(PM), refOf(p))).map(refOf).sort()).toEqual([refOf(a), refOf(b)].sort());

    // a ticket has at most one problem
    const again = await service.makeProblem(chat(PM), { refs: [refOf(a)] });
    expect(again).toMatchObject({ ok: false, error: { code: 'PROBLEM.ALREADY_LINKED' } });

    must(await service.pend(card(PM), refOf(p), '等待仓库排查'));
    must(await service.resume(card(PM), refOf(p)));
    const resolved = must(await service.resolveProblem(card(PM), refOf(p), { rootCause: '仓库排班漏掉了下午的单', workaround: '下午 3 点后的订单次日送达，请告知客户' }));
    expect(resolved).toMatchObject({ status: 'resolved', rootCause: '仓库排班漏掉了下午的单', workaround: '下午 3 点后的订单次日送达，请告知客户' });
    // resolving a problem resolves nothing by itself
    expect(must(await service.get(SYSTEM_ACTOR, refOf(a))).status).toBe('new');
    expect(must(await service.get(SYSTEM_ACTOR, refOf(b))).status).toBe('assigned');

    const stored = must(await service.get(SYSTEM_ACTOR, refOf(p)));
    expect(stored).toMatchObject({ rootCause: '仓库排班漏掉了下午的单', workaround: '下午 3 点后的订单次日送达，请告知客户', problem: null });
    must(await service.close(card(PM), refOf(p)));
    const events = await ds.query('SELECT type FROM outbox WHERE ticket_id = ? ORDER BY id', [p.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['TicketCreated', 'TicketPended', 'TicketResumed', 'TicketResolved', 'TicketClosed']);
    const linkEvents = await ds.query("SELECT type FROM outbox WHERE ticket_id = ? AND type = 'TicketLinked'", [a.id]);
    expect(linkEvents).toHaveLength(1);
  });

  it('the system resolves a problem (a change fixed it) with solution = the change', async () => {
    const a = await ask('bjxiaoshoua', '系统里看不到今天的配送单');
    const p = must(await service.makeProblem(chat('admin'), { refs: [refOf(a)] }));
    expect(p).toMatchObject({ status: 'new', agent: null, team: 'bj-sales-ops' });
    must(await service.assign(card('admin'), refOf(p), 'bj-product-mall', PM));
    const r = must(await service.resolveProblem(SYSTEM_ACTOR, refOf(p), { rootCause: '配置错误', solution: 'C-000077' }));
    expect(r).toMatchObject({ status: 'resolved', solution: 'C-000077' });
  });

  it('links and unlinks a ticket; refuses everyone else and changes nothing', async () => {
    const a = await ask('bjxiaoshoua', '配送时间能不能改到上午');
    const b = await ask('bjxiaoshoub', '配送时间可以改吗');
    const p = must(await service.makeProblem(chat(PM), { refs: [refOf(a)] }));
    for (const who of ['bjxiaoshouyunying', 'bjxiaoshoub', 'bjyunyingzg']) {
      expect(await service.makeProblem(chat(who), { refs: [refOf(b)] })).toMatchObject({ ok: false, error: { code: 'PROBLEM.NOT_ALLOWED' } });
      expect(await service.linkProblem(card(who), refOf(b), refOf(p))).toMatchObject({ ok: false, error: { code: 'PROBLEM.NOT_ALLOWED' } });
      expect(await service.unlinkProblem(card(who), refOf(a))).toMatchObject({ ok: false, error: { code: 'PROBLEM.NOT_ALLOWED' } });
      expect(await service.resolveProblem(card(who), refOf(p), { rootCause: 'r', workaround: 'w' })).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
      expect(await service.pend(card(who), refOf(p), 'x')).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
    }
    const untouched = must(await service.get(SYSTEM_ACTOR, refOf(p)));
    expect(untouched).toMatchObject({ status: 'assigned', version: p.version });
    expect(must(await service.get(SYSTEM_ACTOR, refOf(b))).problem).toBeNull();

    must(await service.linkProblem(card(PM), refOf(b), refOf(p)));
    expect(await service.linkProblem(card(PM), refOf(b), refOf(p))).toMatchObject({ ok: false, error: { code: 'PROBLEM.ALREADY_LINKED' } });
    expect(await service.linkProblem(card(PM), refOf(b), refOf(a))).toMatchObject({ ok: false, error: { code: 'PROBLEM.NOT_A_PROBLEM' } });
    must(await service.unlinkProblem(card(PM), refOf(a)));
    expect(must(await service.get(SYSTEM_ACTOR, refOf(a))).problem).toBeNull();
    expect(await service.unlinkProblem(card(PM), refOf(a))).toMatchObject({ ok: false, error: { code: 'PROBLEM.NOT_LINKED' } });
    expect(must(await service.problemTickets(chat(PM), refOf(p))).map(refOf)).toEqual([refOf(b)]);
  });
});
