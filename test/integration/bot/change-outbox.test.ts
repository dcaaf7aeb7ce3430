/**
 * Changes are durable (docs/changes.md §5, §6): their events go through the outbox, their texts are notice rows
 * the deliverer retries, the closing of the linked incidents is a retried, idempotent reaction, a step clock's
 * notice is written in its firing's transaction; and when a change closes what it fixes, each caller is told once,
 * in one message per distinct text naming the change.
 */
import { formatChangeRef, type Change } from '../../../src/domain/changes/change';
import type { OutboxRecord } from '../../../src/domain/ports/outbox.port';
import { fail } from '../../../src/domain/shared/result';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { refOf } from '../../../src/domain/tickets/ticket';
import { resolveLinkedWhenChangeSucceeded } from '../../../src/application/changes/resolve-linked-when-change-succeeded';
import { newReactionContext } from '../../../src/application/outbox/reactions';
import { silentLog } from '../../../src/domain/ports/log.port';
import { changeHarness, type ChangeHarnessOptions } from '../../support/change-harness';

const PRODUCT = '1000000370'; // zbshangchengcp: bj-product-mall lead and contact, problem manager
const QA = '1000000444'; // zbzl: bj-qa lead and contact
const OPS = '1000000481'; // zbyw: bj-ops lead and contact
const SALES_A = '1000000259';
const SALES_B = '1000000296';

type H = Awaited<ReturnType<typeof changeHarness>>;

describe('changes through the outbox', () => {
  let w: H;
  const start = async (options?: ChangeHarnessOptions) => {
    w = await changeHarness(undefined, options);
  };
  afterEach(() => w.h.close());

  const say = (userId: string, text: string) => w.h.handler.onMessage(w.h.message(userId, text));
  const latest = async (): Promise<Change> => (await w.store.list({ limit: 1 }))[0]!;
  const act = async (userId: string, ref: string, action: string, extra: Record<string, string> = {}) => {
    const c = (await w.store.list({ limit: 1 }))[0]!;
    await w.h.handler.onCardAction(w.h.cardAction(userId, ref, { action, ref, step: String(c.current), ...extra }));
  };
  const textsTo = (userId: string) => w.h.gateway.messages.filter((m) => m.userId === userId).map((m) => m.message.text);
  const changeRows = async () =>
    (await w.h.db.ds.query(`SELECT status, attempts FROM outbox WHERE type = 'ChangeEvent' ORDER BY id`)) as Array<{ status: string; attempts: number }>;
  const later = async (ms: number) => {
    w.h.clock.set(new Date(w.h.clock.now().getTime() + ms));
    await w.settle();
  };

  /** Two 下单失败 requests joined into an incident; returns the refs. */
  const incidentOfTwo = async () => {
    await say(SALES_A, '商城下单失败，提交订单报错');
    await say(SALES_B, '下单失败了，一直报错');
    const rows = (await w.h.db.ds.query(`SELECT id FROM tickets WHERE kind = 'request' ORDER BY id`)) as Array<{ id: number }>;
    const reqRefs = rows.map((r) => refOf({ kind: 'request', id: Number(r.id) }));
    const made = await w.h.tickets.createIncident(
      { person: 'zbshangchengcp', entryPoint: 'card' },
      { requests: reqRefs, service: 'BJ-MALL-PRODUCT', subcategory: 'bug', title: '商城下单失败' },
    );
    if (!made.ok) throw new Error(made.error.code);
    await w.h.drain();
    return { iref: refOf(made.value), reqRefs };
  };

  it("writes a change's events in its transaction and leaves none pending once handled", async () => {
    await start();
    await say(PRODUCT, '变更 app-release 新版 2.5');
    expect(await changeRows()).toEqual([{ status: 'done', attempts: expect.anything() }]);
    // A refused act writes nothing.
    const ref = formatChangeRef((await latest()).id);
    await w.h.handler.onCardAction(w.h.cardAction(OPS, ref, { action: 'change.approve', ref, step: '0' }));
    expect(await changeRows()).toHaveLength(1);
  });

  it('a failed card delivery fails the event; the dispatcher delivers it on retry, once', async () => {
    await start();
    await say(PRODUCT, '变更 app-release 新版 2.6');
    const ref = formatChangeRef((await latest()).id);
    w.h.gateway.failCardFor(OPS, 1);
    await act(QA, ref, 'change.approve', { text: '测试通过' });
    // Ops (the next step's team) did not get the card: the event is pending again, with one attempt.
    expect(w.h.gateway.cards.get(ref)!.spaces).not.toContainEqual({ kind: 'dm', userId: OPS });
    // Only the event that makes step 1 current (the card's) is pending again; the others are done.
    expect((await changeRows()).filter((r) => r.status === 'pending')).toEqual([{ status: 'pending', attempts: 1 }]);
    await later(60_000);
    expect(w.h.gateway.cards.get(ref)!.spaces).toContainEqual({ kind: 'dm', userId: OPS });
    expect((await changeRows()).every((r) => r.status === 'done')).toBe(true);
    // The requester's "step passed" text was written once and sent once, whatever the retries.
    expect(textsTo(PRODUCT).filter((t) => t.includes(ref) && t.includes('测试'))).toHaveLength(1);
  });

  it('a failed DingTalk send of a change notice is retried by the notice deliverer', async () => {
    await start();
    await say(PRODUCT, '变更 app-release 新版 2.7');
    const ref = formatChangeRef((await latest()).id);
    w.h.gateway.failFor(PRODUCT, 1);
    await act(QA, ref, 'change.reject', { text: '缺少测试报告' });
    expect(textsTo(PRODUCT).filter((t) => t.includes('缺少测试报告'))).toEqual([]);
    const rows = (await w.h.db.ds.query(`SELECT status, attempts FROM notices WHERE ref = ? AND person_id = 'zbshangchengcp'`, [ref])) as Array<{
      status: string;
    }>;
    expect(rows.map((r) => r.status)).toEqual(['pending']);
    await later(60_000);
    expect(textsTo(PRODUCT).filter((t) => t.includes('缺少测试报告'))).toHaveLength(1);
    await later(600_000);
    expect(textsTo(PRODUCT).filter((t) => t.includes('缺少测试报告'))).toHaveLength(1);
  });

  it("a step clock's notice is a row of its firing: a failed send is retried, the lead told once", async () => {
    await start();
    await say(PRODUCT, '变更 app-release 时限');
    const id = (await latest()).id;
    const job = [...w.scheduler.armed.values()].find((j) => j.jobId.startsWith('ttr100'))!;
    w.h.clock.set(job.dueAt);
    w.h.gateway.failFor(QA, 1);
    expect(await w.scheduler.fireDue(w.h.clock.now())).toEqual([job.jobId]);
    await w.settle();
    expect(textsTo(QA).filter((t) => t.includes('处理时限'))).toEqual([]);
    const rows = (await w.h.db.ds.query(`SELECT event_code AS code, status FROM notices WHERE ref = ?`, [formatChangeRef(id)])) as Array<{
      code: string;
      status: string;
    }>;
    expect(rows).toEqual([{ code: 'change.ttr100', status: 'pending' }]);
    expect((await w.store.thresholds(id)).find((t) => t.level === 'ttr100')!.status).toBe('fired');
    await later(60_000);
    await w.clocks.fire({ changeId: id, step: 0, round: 1, level: 'ttr100' }); // a repeated job: nothing more
    await later(600_000);
    expect(textsTo(QA).filter((t) => t.includes('处理时限'))).toHaveLength(1);
  });

  it('closing: a failed resolution is retried by the outbox; the reaction run again changes nothing; each caller told once, batched, naming the change', async () => {
    let failures = 1;
    await start({
      closeWith: (tickets) => ({
        resolveByChange: async (c) => (failures-- > 0 ? fail('TICKET.CONCURRENT_UPDATE', 'database away') : tickets.resolveByChange(c)),
      }),
    });
    const { iref, reqRefs } = await incidentOfTwo();
    await say(PRODUCT, `变更 app-release ${iref} 修复下单失败`);
    const ref = formatChangeRef((await latest()).id);
    await act(QA, ref, 'change.approve');
    await act(OPS, ref, 'change.done');
    await act(QA, ref, 'change.passed');
    expect((await latest()).status).toBe('successful');
    // The first attempt failed: nothing resolved yet, the closing event pending.
    const status = async (r: string) => {
      const t = await w.h.tickets.get(SYSTEM_ACTOR, r);
      if (!t.ok) throw new Error(t.error.code);
      return t.value.status;
    };
    expect(await status(iref)).not.toBe('resolved');
    expect((await changeRows()).some((r) => r.status === 'pending')).toBe(true);

    await later(60_000);
    for (const r of [iref, ...reqRefs]) expect(await status(r)).toBe('resolved');
    expect((await changeRows()).every((r) => r.status === 'done')).toBe(true);

    // Each caller: one message naming the change (the closing's one text), the same message for both.
    const toA = w.h.gateway.messages.filter((m) => m.userId === SALES_A && m.message.text.includes(ref));
    const toB = w.h.gateway.messages.filter((m) => m.userId === SALES_B && m.message.text.includes(ref));
    expect(toA.map((m) => m.message.text)).toEqual([expect.stringContaining('已随之解决')]);
    expect(toB.map((m) => m.message.text)).toEqual([toA[0]!.message.text]);
    expect(toB[0]!.message).toBe(toA[0]!.message);
    // One message per distinct text: whoever got the same text got it in the same call (the same message).
    const byText = new Map<string, Set<object>>();
    for (const m of w.h.gateway.messages) byText.set(m.message.text, (byText.get(m.message.text) ?? new Set()).add(m.message));
    expect([...byText.values()].every((calls) => calls.size === 1)).toBe(true);

    // The closing reaction run again on its event: nothing changes, nobody is told again.
    const closing = (await w.h.db.ds.query(
      `SELECT id, ticket_id AS ticketId, ref, type, actor, entry_point AS entryPoint, at, data FROM outbox WHERE type = 'ChangeEvent' ORDER BY id DESC`,
    )) as Array<Record<string, string | number>>;
    const row = closing.find((r) => String(r.data).includes('"ChangeSucceeded"'))!;
    const record: OutboxRecord = {
      id: Number(row.id),
      attempts: 1,
      event: {
        type: 'ChangeEvent',
        ticketId: 0,
        ref: String(row.ref),
        actor: String(row.actor),
        entryPoint: 'card',
        at: new Date(String(row.at)),
        data: JSON.parse(String(row.data)) as OutboxRecord['event']['data'],
      },
    };
    expect(record.event.data.changeEvent).toBe('ChangeSucceeded');
    const outboxBefore = ((await w.h.db.ds.query(`SELECT COUNT(*) AS n FROM outbox`)) as Array<{ n: number }>)[0]!.n;
    const again = resolveLinkedWhenChangeSucceeded({ store: w.store, tickets: w.h.tickets, log: silentLog });
    await again(record, newReactionContext());
    await again(record, newReactionContext());
    await later(600_000);
    expect(((await w.h.db.ds.query(`SELECT COUNT(*) AS n FROM outbox`)) as Array<{ n: number }>)[0]!.n).toBe(outboxBefore);
    expect(w.h.gateway.messages.filter((m) => m.userId === SALES_A && m.message.text.includes(ref))).toHaveLength(1);
    expect(w.h.gateway.messages.filter((m) => m.userId === SALES_B && m.message.text.includes(ref))).toHaveLength(1);
  });
});
