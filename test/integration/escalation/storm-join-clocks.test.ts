/**
 * A storm-joined request's own TTO/TTR (docs/domain.md §3.2): paused while it stays in its incident (no threshold
 * of its own, no escalation to the leads), re-armed as a normal request when its caller takes it out
 * ("不是同一个问题"); a request linked by an agent keeps its clocks. Real database, injected clock.
 */
import type { Actor } from '../../../src/application/tickets/ticket-service';
import { refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { describeOnDatabases } from '../../support/databases';
import { demoData } from '../../support/demo';
import { escalationHarness } from '../../support/escalation-harness';

const START = new Date('2026-12-02T02:00:00Z');
const chat = (person: string): Actor => ({ person, entryPoint: 'chat' });
const AGENT: Actor = { person: 'zbshangchengcp', entryPoint: 'card' };
const COMPLAINT = { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: '商城下单失败' };

describeOnDatabases('storm-joined requests\' clocks', (h) => {
  it('paused while joined (no escalation of its own), re-armed by unjoin; an agent-linked request keeps escalating', async () => {
    const env = await escalationHarness(h.db(), demoData(), START);
    const made = await env.tickets.createIncident(AGENT, { requests: [], service: 'BJ-MALL-PRODUCT', subcategory: 'bug', title: '商城下单失败' });
    if (!made.ok) throw new Error(made.error.code);
    const iref = refOf(made.value);
    const filed = async (person: string, join: boolean): Promise<Ticket> => {
      const r = await env.tickets.open(chat(person), COMPLAINT, join ? { joinIncident: iref } : {});
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    const joined = await filed('bjxiaoshoua', true);
    const stays = await filed('bjxiaoshoub', true);
    const linked = await filed('gzxiaoshoua', false);
    expect((await env.tickets.linkToIncident(AGENT, refOf(linked), iref)).ok).toBe(true);
    await env.settle();
    const goal = linked.tto.goal;
    if (goal === null) throw new Error('the demo SLA gives BJ-MALL-PRODUCT no TTO');
    expect(joined.parent).toBe(made.value.id);
    expect([joined.tto.state, joined.ttr.state, joined.tto.deadline]).toEqual(['paused', 'paused', null]);
    const armed = async (t: Ticket) => (await env.deps.store.thresholds(t.id)).filter((r) => r.status === 'armed');
    expect(await armed(joined)).toEqual([]);
    expect((await armed(linked)).length).toBeGreaterThan(0);
    // Half the TTO goes by (counted for nobody joined), then past the TTO of a running clock.
    await env.advance((goal * 1000) / 2);
    expect((await env.tickets.unjoinIncident(chat('bjxiaoshoua'), iref)).ok).toBe(true);
    await env.settle();
    await env.advance((goal * 1000) / 2 + 60_000);
    const history = async (t: Ticket) => {
      const r = await env.tickets.history(AGENT, refOf(t));
      return r.ok ? r.value.map((x) => x.action) : [];
    };
    // The agent-linked request escalated on its own TTO; the one still joined did not.
    expect(await history(linked)).toContain('threshold_tto');
    expect(await history(stays)).not.toContain('threshold_tto');
    expect((await env.tickets.get(AGENT, refOf(stays))).ok && (await env.tickets.get(AGENT, refOf(stays)))).toMatchObject({ value: { status: 'new', tto: { state: 'paused' } } });
    // The unjoined one runs again from the time counted before it joined (none).
    const back = await env.tickets.get(AGENT, refOf(joined));
    if (!back.ok) throw new Error(back.error.code);
    expect(back.value.parent).toBeNull();
    expect(back.value.tto.state).toBe('running');
    expect(back.value.ttr.state).toBe('running');
    expect(await history(joined)).not.toContain('threshold_tto');
    expect((await armed(joined)).length).toBeGreaterThan(0);
    // Its new deadline: the whole goal in working time from the unjoin (nothing was counted while joined).
    const deadline = back.value.tto.deadline!;
    expect(deadline.getTime()).toBeGreaterThan(env.clock.now().getTime());
    await env.advance(deadline.getTime() - env.clock.now().getTime() + 1000);
    expect(await history(joined)).toContain('threshold_tto');
    // The leads were never told of the request that stayed joined.
    expect(env.gateway.messages.filter((m) => m.message.text.includes(refOf(stays)))).toEqual([]);
  });
});
