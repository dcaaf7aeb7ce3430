/** Notices: one batch per event, retries with backoff, dead letters and replay, skips recorded, nobody twice. */
import type { Actor } from '../../../src/application/tickets/ticket-service';
import { OutboxRecord } from '../../../src/adapters/persistence/records/outbox.record';
import { refOf } from '../../../src/domain/tickets/ticket';
import { describeOnDatabases } from '../../support/databases';
import { demoData } from '../../support/demo';
import { escalationHarness } from '../../support/escalation-harness';

const START = new Date('2026-12-02T02:00:00Z');
const chat = (person: string): Actor => ({ person, entryPoint: 'chat' });

describeOnDatabases('notices', (h) => {
  it('created → one batch to all service-team contacts; a failing recipient is retried, then dead, then replayed', async () => {
    const d = demoData();
    // bjyunying2 loses the DingTalk mapping: skipped with a reason, never sent
    d.people.find((p) => p.id === 'bjyunying2')!.dingtalkUserId = null;
    const env = await escalationHarness(h.db(), d, START);
    env.gateway.failFor('1000000333', 100); // bjxiaoshouyunying: DingTalk keeps failing
    const r = await env.tickets.open(chat('bjxiaoshoua'), { service: 'BJ-SALES-OPS', subcategory: 'consult', description: '没有送货' });
    if (!r.ok) throw new Error(r.error.code);
    const t = r.value;
    await env.settle();
    const rows = await env.notices.byTicket(t.id);
    expect(rows.map((n) => [n.personId, n.status, n.reason]).sort()).toEqual([
      ['bjxiaoshouyunying', 'pending', null],
      ['bjyunying2', 'skipped', 'no_dingtalk_id'],
    ]);
    // retries with growing delays until dead
    for (let i = 0; i < 12; i++) await env.advance(10 * 60_000);
    const dead = await env.notices.dead(100);
    const mine = dead.filter((n) => n.ticketId === t.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.attempts).toBeGreaterThanOrEqual(6);
    expect(mine[0]!.lastError).toContain('INJECTED');
    // an administrator replays it after DingTalk recovers
    env.gateway.failFor('1000000333', 0);
    expect(await env.notices.replay(mine[0]!.id, env.clock.now())).toBe(true);
    await env.settle();
    const got = env.gateway.to('1000000333').filter((m) => m.text.includes(refOf(t)));
    expect(got).toHaveLength(1);
    await env.advance(60 * 60_000);
    expect(env.gateway.to('1000000333').filter((m) => m.text.includes(refOf(t)))).toHaveLength(1);
  });

  it('an event handled twice (crash after the notices were written) tells nobody twice', async () => {
    const env = await escalationHarness(h.db(), demoData(), START);
    const r = await env.tickets.open(chat('gzxiaoshoua'), { service: 'GZ-SALES-OPS', subcategory: 'complaint', description: '400客诉：缺货未通知' });
    if (!r.ok) throw new Error(r.error.code);
    await env.settle();
    // replay the same outbox event through the reactions again
    await h.db().ds.getRepository(OutboxRecord).update({ ticketId: r.value.id }, { status: 'pending', availableAt: new Date(0) });
    await env.settle();
    const sent = env.gateway.to('1000000185').filter((m) => m.text.includes(refOf(r.value)));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(refOf(r.value));
  });

  it('a creation handled again after its TTO fired re-arms nothing and tells nobody twice', async () => {
    const env = await escalationHarness(h.db(), demoData(), START);
    const r = await env.tickets.open(chat('gzxiaoshoua'), { service: 'GZ-SALES-OPS', subcategory: 'complaint', description: '400客诉：发货慢' });
    if (!r.ok) throw new Error(r.error.code);
    await env.settle();
    const tto = r.value.tto.deadline!;
    expect(await env.advance(tto.getTime() - env.clock.now().getTime() + 1000)).toBeGreaterThan(0);
    const rows = async () =>
      (await env.deps.store.thresholds(r.value.id)).map((t) => `${t.level}/${t.deadlineVersion}/${t.status}`).sort();
    const before = await rows();
    expect(before).toContain('tto/1/fired');
    const jobs = [...env.scheduler.armed.keys()].sort();
    const told = env.gateway.messages.length;
    // The creation event comes round again (a crash before it was marked done).
    await h.db().ds.getRepository(OutboxRecord).update({ ticketId: r.value.id, type: 'TicketCreated' }, { status: 'pending', availableAt: new Date(0) });
    await env.settle();
    expect(await rows()).toEqual(before);
    expect([...env.scheduler.armed.keys()].sort()).toEqual(jobs);
    expect(env.gateway.messages.length).toBe(told);
    expect(told).toBeGreaterThan(0);
  });
});

describeOnDatabases('notices about an incident to its joined callers', (h) => {
  it('no created notice of a joined request; resolving the incident tells each joined caller once', async () => {
    const env = await escalationHarness(h.db(), demoData(), START);
    const made = await env.tickets.createIncident(chat('zbshangchengcp'), { requests: [], service: 'BJ-MALL-PRODUCT', subcategory: 'bug', title: '商城下单失败' });
    if (!made.ok) throw new Error(made.error.code);
    const iref = refOf(made.value);
    const callers = ['bjxiaoshoua', 'bjxiaoshoub', 'gzxiaoshoua'];
    const joined = [];
    for (const c of callers) {
      const r = await env.tickets.open(chat(c), { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: '商城下单失败' }, { joinIncident: iref });
      if (!r.ok) throw new Error(r.error.code);
      expect(r.value.parent).toBe(made.value.id);
      joined.push(r.value);
    }
    await env.settle();
    // A storm join is news to nobody: no `created` notice of a joined request.
    for (const t of joined) expect((await env.notices.byTicket(t.id)).filter((n) => n.eventCode === 'created')).toEqual([]);
    expect((await env.tickets.claim({ person: 'zbshangchengcp', entryPoint: 'card' }, iref)).ok).toBe(true);
    await env.settle();
    const batches = env.gateway.batches;
    expect((await env.tickets.resolve({ person: 'zbshangchengcp', entryPoint: 'card' }, iref, '已回滚发布', 'bug_fixed')).ok).toBe(true);
    await env.settle();
    // Each joined caller told once, by the incident's ref, one text for all of them, in one batch (≤ 20 users a call).
    const told = env.gateway.messages.filter((m) => m.message.text.includes(iref) && m.message.text.includes('已回滚发布'));
    expect(told.map((m) => m.userId).sort()).toHaveLength(3);
    expect(new Set(told.map((m) => m.userId)).size).toBe(3);
    for (const t of joined) expect(env.gateway.messages.some((m) => m.message.text.includes(refOf(t)))).toBe(false);
    expect(new Set(told.map((m) => m.message.text)).size).toBe(1);
    expect(env.gateway.batches - batches).toBe(1);
  });
});

describeOnDatabases('notices about an incident to requests an agent linked', (h) => {
  it('a request linked by an agent (not storm-joined) is told by its own ref when the incident is resolved', async () => {
    const env = await escalationHarness(h.db(), demoData(), START);
    const agent: Actor = { person: 'zbshangchengcp', entryPoint: 'card' };
    const r = await env.tickets.open(chat('bjxiaoshoua'), { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: '商城下单失败，客户无法付款' });
    if (!r.ok) throw new Error(r.error.code);
    const made = await env.tickets.createIncident(agent, { requests: [refOf(r.value)], service: 'BJ-MALL-PRODUCT', subcategory: 'bug', title: '商城下单失败' });
    if (!made.ok) throw new Error(made.error.code);
    const joined = await env.tickets.open(chat('gzxiaoshoua'), { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: '商城下单失败' }, { joinIncident: refOf(made.value) });
    if (!joined.ok) throw new Error(joined.error.code);
    await env.settle();
    expect((await env.tickets.claim(agent, refOf(made.value))).ok).toBe(true);
    expect((await env.tickets.resolve(agent, refOf(made.value), '已回滚发布', 'bug_fixed')).ok).toBe(true);
    await env.settle();
    // The agent-linked request's caller (bjxiaoshoua) is told by the request's own ref, once.
    expect(env.gateway.messages.filter((m) => m.userId === '1000000259' && m.message.text.includes(refOf(r.value)))).toHaveLength(1);
    // The storm-joined caller of the same incident is told by the incident's ref.
    expect(env.gateway.messages.filter((m) => m.message.text.includes(refOf(joined.value)))).toEqual([]);
    expect(env.gateway.messages.filter((m) => m.message.text.includes(refOf(made.value)) && m.message.text.includes('已回滚发布')).length).toBeGreaterThanOrEqual(1);
  });
});
