/**
 * Problems' TTO/TTR (docs/domain.md §9): only an SLT row of request type `problem` gives a problem deadlines; its
 * thresholds are armed and fired by the same machinery as requests' (rows, jobs, reconciler), exactly once, to the
 * trigger table's `problem:` recipients, and change no state (a problem has no escalated states). The first
 * assignment (a claim) stops TTO. On SQLite and MariaDB, time driven by an injected clock.
 */
import type { Actor } from '../../../src/application/tickets/ticket-service';
import type { DirectoryData } from '../../../src/domain/directory/directory.types';
import { refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { describeOnDatabases } from '../../support/databases';
import { demoData, withDrillSla, WORKDAY_10AM } from '../../support/demo';
import { escalationHarness } from '../../support/escalation-harness';

const SEC = 1000;
const card = (person: string): Actor => ({ person, entryPoint: 'card' });
const chat = (person: string): Actor => ({ person, entryPoint: 'chat' });
/** Made a problem manager of bj-sales-ops (the service's team) for these tests. */
const PM = 'bjyunying2';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

/** BJ-SALES-OPS on a 24×7 drill SLA: requests 600 s / 3600 s (`"*"`), problems TTO 20 s and TTR 100 s. */
function problemSla(): DirectoryData {
  const d = withDrillSla(demoData(), { tto: 600, ttr: 3600 });
  d.slas.find((s) => s.code === 'sla-drill')!.targets.push(
    { metric: 'tto', priority: 3, requestType: 'problem', value: 20, unit: 'seconds' },
    { metric: 'ttr', priority: 3, requestType: 'problem', value: 100, unit: 'seconds' },
  );
  d.people.find((p) => p.id === PM)!.profiles.push('problem_manager');
  return d;
}

describeOnDatabases('problem clocks and escalation', (h) => {
  let env: Awaited<ReturnType<typeof escalationHarness>>;

  const open = async (): Promise<Ticket> => {
    const t = must(await env.tickets.open(chat('bjxiaoshoua'), { service: 'BJ-SALES-OPS', subcategory: 'consult', description: '客户的货一直没有送到' }));
    await env.settle();
    return t;
  };
  const makeProblem = async (maker: string, refs: string[]): Promise<Ticket> => {
    const p = must(await env.tickets.makeProblem(chat(maker), { refs }));
    await env.settle();
    return p;
  };
  const rows = async (t: Ticket) => (await env.deps.store.thresholds(t.id)).map((r) => `${r.level}:${r.status}`).sort();
  const fired = async (t: Ticket) => (await env.deps.store.thresholds(t.id)).filter((r) => r.status === 'fired').map((r) => r.level).sort();
  const noticesFor = async (t: Ticket, eventCode: string) =>
    (await env.notices.byTicket(t.id)).filter((n) => n.eventCode === eventCode && n.status !== 'skipped').map((n) => n.personId).sort();
  const get = async (t: Ticket) => must(await env.tickets.get(card('admin'), refOf(t)));

  describe('with an SLT row of request type problem', () => {
    beforeEach(async () => {
      env = await escalationHarness(h.db(), problemSla(), WORKDAY_10AM);
    });

    it('an unassigned problem: TTO fires once at 100 %, to the lead of its team; its state stays new', async () => {
      const r = await open();
      const p = await makeProblem('admin', [refOf(r)]);
      expect(p).toMatchObject({ status: 'new', agent: null, team: 'bj-sales-ops', sla: 'sla-drill' });
      expect(p.tto).toMatchObject({ state: 'running', goal: 20 });
      expect(p.ttr).toMatchObject({ state: 'running', goal: 100 });
      expect(await rows(p)).toEqual(['tto:armed', 'ttr1:armed', 'ttr2:armed', 'ttr3:armed']);
      expect([...env.scheduler.armed.keys()]).toContain(`tto-${refOf(p)}-1`);

      await env.advance(19 * SEC);
      expect(await fired(p)).toEqual([]);
      await env.advance(1 * SEC);
      expect(await fired(p)).toEqual(['tto']);
      expect(await noticesFor(p, 'tto')).toEqual(['bjyunyingzg']);
      expect((await get(p)).status).toBe('new');
      // exactly once: later sweeps find nothing more to fire for TTO
      await env.advance(5 * SEC);
      await env.advance(5 * SEC);
      expect(await fired(p)).toEqual(['tto']);
      expect(await noticesFor(p, 'tto')).toEqual(['bjyunyingzg']);
      const history = must(await env.tickets.history(card('admin'), refOf(p)));
      expect(history.filter((x) => x.action === 'threshold_tto')).toHaveLength(1);
    });

    it('a claim before TTO stops it: the TTO row never fires; TTR keeps running and fires to the assignee', async () => {
      const r = await open();
      const p = await makeProblem('admin', [refOf(r)]);
      await env.advance(10 * SEC);
      must(await env.tickets.claim(card(PM), refOf(p)));
      await env.settle();
      expect((await get(p)).tto.state).toBe('stopped');
      await env.advance(15 * SEC);
      expect(await fired(p)).toEqual([]);
      expect(await noticesFor(p, 'tto')).toEqual([]);
      // TTR-1 at 75 s of the problem's 100 s
      await env.advance(50 * SEC);
      expect(await fired(p)).toEqual(['ttr1']);
      expect(await noticesFor(p, 'ttr1')).toEqual(expect.arrayContaining([PM]));
      expect((await get(p)).status).toBe('assigned');
    });

    it('a problem made assigned (by a problem manager of its team) arms no TTO; resolving it stops TTR', async () => {
      const r = await open();
      const p = await makeProblem(PM, [refOf(r)]);
      expect(p).toMatchObject({ status: 'assigned', agent: PM, team: 'bj-sales-ops' });
      expect(p.tto.state).toBe('stopped');
      expect(await rows(p)).toEqual(['ttr1:armed', 'ttr2:armed', 'ttr3:armed']);
      must(await env.tickets.resolveProblem(card(PM), refOf(p), { rootCause: '仓库排班', workaround: '次日送达' }));
      await env.settle();
      await env.advance(300 * SEC);
      expect(await fired(p)).toEqual([]);
    });
  });

  it('with "*" rows only (no problem row), a problem has no deadline and no thresholds', async () => {
    const d = withDrillSla(demoData(), { tto: 20, ttr: 100 });
    env = await escalationHarness(h.db(), d, WORKDAY_10AM);
    const r = await open();
    const p = await makeProblem('admin', [refOf(r)]);
    expect(p.tto.goal).toBeNull();
    expect(p.ttr.goal).toBeNull();
    expect(await rows(p)).toEqual([]);
    await env.advance(300 * SEC);
    expect(await fired(p)).toEqual([]);
  });
});
