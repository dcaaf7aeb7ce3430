/**
 * The TTO/TTR ladder end to end on real databases, time driven by an injected clock: every level, pause/resume,
 * reopen, priority changes moving deadlines earlier and later, TTR reached before assignment, exactly-once.
 */
import type { Actor } from '../../../src/application/tickets/ticket-service';
import { fireThreshold } from '../../../src/escalation/fire-threshold';
import { refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { describeOnDatabases } from '../../support/databases';
import { demoData } from '../../support/demo';
import { escalationHarness } from '../../support/escalation-harness';

const MIN = 60_000;
const HOUR = 60 * MIN;
// BJ-运维 (sla-ops-24x7, 24×7): a request for 访问缓慢或故障 (request type incident) at priority 3 → TTO 1 h, TTR 1 day.
const START = new Date('2026-12-02T02:00:00Z');
const card = (person: string): Actor => ({ person, entryPoint: 'card' });

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describeOnDatabases('escalation ladder', (h) => {
  let env: Awaited<ReturnType<typeof escalationHarness>>;

  beforeEach(async () => {
    env = await escalationHarness(h.db(), demoData(), START);
    env.clock.set(START);
  });

  const openOutage = async (caller = 'bjxiaoshoua'): Promise<Ticket> => {
    const t = must(await env.tickets.open({ person: caller, entryPoint: 'chat' }, { service: 'BJ-OPS', subcategory: 'outage', description: '商城加载速度慢' }));
    await env.settle();
    return t;
  };
  const thresholds = async (t: Ticket) => {
    const version = must(await env.tickets.get(card('admin'), refOf(t))).deadlineVersion;
    const rows = (await env.deps.store.thresholds(t.id)).filter((r) => r.deadlineVersion === version);
    return Object.fromEntries(rows.map((r) => [r.level, r]));
  };
  const noticesFor = async (t: Ticket, eventCode: string) =>
    (await env.notices.byTicket(t.id)).filter((n) => n.eventCode === eventCode && n.status !== 'skipped').map((n) => n.personId).sort();
  const state = async (t: Ticket) => must(await env.tickets.get(card('admin'), refOf(t))).status;
  /** Levels fired for this ticket so far (other tests' tickets share the database). */
  const fired = async (t: Ticket) => (await env.deps.store.thresholds(t.id)).filter((r) => r.status === 'fired').map((r) => r.level).sort();

  it('arms every level at its percentage of the SLA and schedules deterministic jobs', async () => {
    const t = await openOutage();
    const th = await thresholds(t);
    expect(Object.keys(th).sort()).toEqual(['tto', 'ttr1', 'ttr2', 'ttr3']);
    expect(th.tto!.dueAt.getTime() - START.getTime()).toBe(HOUR);
    expect(th.ttr1!.dueAt.getTime() - START.getTime()).toBe(18 * HOUR);
    expect(th.ttr2!.dueAt.getTime() - START.getTime()).toBe(24 * HOUR);
    expect(th.ttr3!.dueAt.getTime() - START.getTime()).toBe(48 * HOUR);
    expect([...env.scheduler.armed.keys()]).toContain(`tto-${refOf(t)}-1`);
    expect(await noticesFor(t, 'created')).toEqual(['zbyw']);
  });

  it('TTO fires once at 100 %: escalated_tto, the service team lead told, once', async () => {
    const t = await openOutage();
    await env.advance(HOUR - 1000);
    expect(await fired(t)).toEqual([]);
    expect(await state(t)).toBe('new');
    await env.advance(1000);
    expect(await fired(t)).toEqual(['tto']);
    expect(await state(t)).toBe('escalated_tto');
    expect(await noticesFor(t, 'tto')).toEqual(['zbyw']);
    await env.advance(MIN);
    expect(await fired(t)).toEqual(['tto']);
    expect(env.gateway.to('1000000481').filter((m) => m.text.includes(refOf(t)))).toHaveLength(2); // created + tto
    const ttoRow = (await env.deps.store.thresholds(t.id)).find((r) => r.level === "tto")!;
    expect(ttoRow).toMatchObject({ status: "fired", latenessMs: 0 });
  });

  it('two processes firing the same threshold: exactly one firing', async () => {
    const t = await openOutage();
    env.clock.advance(HOUR);
    const key = { ticketId: t.id, level: 'tto', deadlineVersion: 1 };
    const outcomes = await Promise.all([fireThreshold(env.deps, key), fireThreshold(env.deps, key), fireThreshold(env.deps, key)]);
    expect(outcomes.filter((o) => o === 'fired')).toHaveLength(1);
    await env.settle();
    expect(await noticesFor(t, 'tto')).toEqual(['zbyw']);
  });

  it('TTR levels reached before assignment: top lead told when due; state and assignee-based notices at the first assignment, in order', async () => {
    const t = await openOutage();
    await env.advance(HOUR); // tto
    await env.advance(17 * HOUR); // ttr1 at 18 h: its recipients are all assignee-based
    await env.advance(6 * HOUR); // ttr2 at 24 h
    await env.advance(24 * HOUR); // ttr3 at 48 h: top lead
    expect(await noticesFor(t, 'ttr1')).toEqual([]);
    expect(await noticesFor(t, 'ttr3')).toEqual(['jtzj']);
    expect(await state(t)).toBe('escalated_tto');
    must(await env.tickets.claim(card('zbyw'), refOf(t)));
    await env.settle();
    expect(await state(t)).toBe('escalated_ttr');
    expect(await noticesFor(t, 'ttr1')).toEqual(['zbyw']);
    expect(await noticesFor(t, 'ttr2')).toEqual(['bjzong', 'zbyw']);
    await env.settle();
    expect(await noticesFor(t, 'ttr2')).toEqual(['bjzong', 'zbyw']);
    const bjzongGot = env.gateway.to('1000000592').filter((m) => m.text.includes(refOf(t)));
    expect(bjzongGot).toHaveLength(1);
  });

  it('pending pauses TTR (no level fires while pending) and resume re-arms the remaining levels later', async () => {
    const t = await openOutage();
    must(await env.tickets.claim(card('zbyw'), refOf(t)));
    await env.settle();
    await env.advance(10 * HOUR);
    must(await env.tickets.pend(card('zbyw'), refOf(t), '等待机房回复'));
    await env.settle();
    // caller + service team lead; the lead (zbyw) is the actor, who is not told of their own action
    expect(await noticesFor(t, 'pending')).toEqual(['bjxiaoshoua']);
    await env.advance(30 * HOUR); // way past 18 h of wall time: paused
    expect(await fired(t)).toEqual([]);
    must(await env.tickets.resume(card('zbyw'), refOf(t)));
    await env.settle();
    const th = await thresholds(t);
    // 10 h counted, ttr1 at 18 h → 8 h after resuming
    expect(th.ttr1!.dueAt.getTime() - env.clock.now().getTime()).toBe(8 * HOUR);
    await env.advance(8 * HOUR - 1);
    expect(await fired(t)).toEqual([]);
    await env.advance(1);
    expect(await fired(t)).toEqual(['ttr1']);
    expect(await state(t)).toBe('escalated_ttr');
    expect(await noticesFor(t, 'ttr1')).toEqual(['zbyw']);
  });

  it('reopen resumes TTR where it stopped; levels already fired do not fire again', async () => {
    const t = await openOutage();
    must(await env.tickets.claim(card('zbyw'), refOf(t)));
    await env.settle();
    await env.advance(18 * HOUR); // ttr1
    must(await env.tickets.resolve(card('zbyw'), refOf(t), '扩容', 'system_update'));
    await env.settle();
    await env.advance(100 * HOUR);
    expect(await fired(t)).toEqual(['ttr1']);
    must(await env.tickets.reopen(card('bjxiaoshoua'), refOf(t), '又慢了'));
    await env.settle();
    const th = await thresholds(t);
    expect(th.ttr1).toBeUndefined();
    expect(th.ttr2!.dueAt.getTime() - env.clock.now().getTime()).toBe(6 * HOUR);
    await env.advance(6 * HOUR);
    expect(await fired(t)).toEqual(['ttr1', 'ttr2']);
  });

  it('a priority change moves deadlines earlier (re-armed) and later (a fired level re-armed)', async () => {
    const t = await openOutage();
    must(await env.tickets.claim(card('zbyw'), refOf(t)));
    await env.settle();
    // P3 → P1 (urgency 1, impact 1): incident P1 on sla-ops-24x7: TTR 1 h → ttr1 at 45 min, already passed at 50 min
    await env.advance(50 * MIN);
    must(await env.tickets.reclassify(card('zbyw'), refOf(t), { impact: 1, urgency: 1 }));
    await env.settle();
    await env.advance(0);
    expect(await fired(t)).toEqual(['ttr1']);
    expect(await state(t)).toBe('escalated_ttr');
    // back to P3: ttr1 threshold 18 h > 45 min → re-armed, fires again at 18 h
    must(await env.tickets.reclassify(card('zbyw'), refOf(t), { impact: 3, urgency: 3 }));
    await env.settle();
    const th = await thresholds(t);
    expect(th.ttr1!.status).toBe('armed');
    expect(th.ttr1!.dueAt.getTime() - START.getTime()).toBe(18 * HOUR);
  });

  it('resolving stops everything: armed levels cancelled, jobs removed', async () => {
    const t = await openOutage();
    must(await env.tickets.claim(card('zbyw'), refOf(t)));
    must(await env.tickets.resolve(card('zbyw'), refOf(t), '已恢复', 'other'));
    await env.settle();
    expect((await env.deps.store.thresholds(t.id)).filter((r) => r.status === 'armed')).toEqual([]);
    expect([...env.scheduler.armed.keys()].filter((k) => k.includes(refOf(t)))).toEqual([]);
    await env.advance(100 * HOUR);
    expect(await fired(t)).toEqual([]);
    expect(await noticesFor(t, 'resolved')).toEqual(['bjxiaoshoua']);
  });
});
