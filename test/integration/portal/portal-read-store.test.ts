/**
 * The workbench page's reads on both dialects (docs/portal.md): the view rule's scope as SQL, the queue's filters
 * and sorts, and the leads' dashboard computed from a hand-made data set whose every figure is counted here by hand.
 */
import { TypeormPortalReadStore } from '../../../src/adapters/persistence/typeorm-portal-read-store';
import { TypeormShortcutStore } from '../../../src/adapters/persistence/typeorm-shortcut-store';
import { TypeormTicketStore } from '../../../src/adapters/persistence/typeorm-ticket-store';
import { computeDashboard } from '../../../src/domain/portal/dashboard';
import { idleStopwatch, type Stopwatch } from '../../../src/domain/tickets/stopwatch';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import type { ViewScope } from '../../../src/domain/tickets/view-scope';
import { describeOnDatabases } from '../../support/databases';
import { ticketRow } from '../../support/ticket-rows';

const NOW = new Date('2026-12-07T00:00:00.000Z');
const H = 3600_000;
const D = 24 * H;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function sw(p: Partial<Stopwatch>): Stopwatch {
  return { ...idleStopwatch(), ...p };
}

const ticket = ticketRow;

const ALL: ViewScope = { person: 'admin', all: true, orgs: [], teams: [] };

describeOnDatabases('portal read store', (h) => {
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const store = new TypeormTicketStore(h.db().gate);
    const add = (key: string, t: Ticket) => store.transaction(async (tx) => void (ids[key] = await tx.insert(t)));
    await add('t1', ticket({ title: 'printer 100% broken', team: 'A', service: 'S1', status: 'new', createdAt: ago(2 * H), tto: sw({ state: 'running', goal: 1800, deadline: ago(H) }) }));
    await add('t2', ticket({ title: 'laptop', team: 'A', service: 'S2', status: 'assigned', agent: 'x', createdAt: ago(5 * D), tto: sw({ state: 'stopped', elapsed: 600, goal: 1800, stoppedAt: ago(4 * D) }), priority: 1 }));
    await add('t3', ticket({ title: 'vpn', team: 'B', service: 'S1', status: 'resolved', agent: 'x', createdAt: ago(10 * D), caller: 'c2', org: 'o2', tto: sw({ state: 'stopped', elapsed: 4000, goal: 1800, stoppedAt: ago(10 * D) }), ttr: sw({ state: 'stopped', elapsed: 20_000, goal: 28_800, stoppedAt: ago(3 * D) }), resolvedAt: ago(3 * D) }));
    await add('t4', ticket({ title: 'old', team: 'B', service: 'S2', status: 'closed', agent: 'x', createdAt: ago(40 * D), tto: sw({ state: 'stopped', elapsed: 10, goal: 1800, stoppedAt: ago(39 * D) }), ttr: sw({ state: 'stopped', elapsed: 40_000, goal: 28_800, stoppedAt: ago(20 * D) }), resolvedAt: ago(20 * D), closedAt: ago(19 * D) }));
    await add('t5', ticket({ title: 'mall down', kind: 'incident', team: 'A', service: 'S1', status: 'escalated_ttr', agent: 'x', createdAt: ago(D), tto: sw({ state: 'stopped', elapsed: 100, goal: 300, stoppedAt: ago(23 * H) }), notifiedLeads: ['lead9'] }));
    await add('t6', ticket({ title: 'cannot order', team: 'B', service: 'S1', status: 'new', createdAt: ago(30 * H), parent: ids.t5 }));
    await add('t7', ticket({ title: 'order fails', team: 'A', service: 'S1', status: 'pending', agent: 'y', createdAt: ago(8 * D), parent: ids.t5 }));
  });

  const reads = () => new TypeormPortalReadStore(h.db().gate);
  const page = { limit: 50, offset: 0 };
  const idsOf = (rows: Ticket[]) => rows.map((t) => Object.entries(ids).find(([, id]) => id === t.id)![0]).sort();

  it('scopes by caller, org, team and notified lead', async () => {
    const r = reads();
    expect(idsOf((await r.tickets({ person: 'c2', all: false, orgs: [], teams: [] }, {}, 'newest', page, NOW)).rows)).toEqual(['t3']);
    expect(idsOf((await r.tickets({ person: 'p', all: false, orgs: ['o2'], teams: [] }, {}, 'newest', page, NOW)).rows)).toEqual(['t3']);
    expect(idsOf((await r.tickets({ person: 'p', all: false, orgs: [], teams: ['B'] }, {}, 'newest', page, NOW)).rows)).toEqual(['t3', 't4', 't6']);
    expect(idsOf((await r.tickets({ person: 'lead9', all: false, orgs: [], teams: [] }, {}, 'newest', page, NOW)).rows)).toEqual(['t5']);
    expect((await r.tickets(ALL, {}, 'newest', page, NOW)).rows).toHaveLength(7);
  });

  it('filters (state, service, priority, overdue, unassigned, words, ref) and sorts, one page at a time', async () => {
    const r = reads();
    const q = async (f: Parameters<TypeormPortalReadStore['tickets']>[1]) => idsOf((await r.tickets(ALL, f, 'newest', page, NOW)).rows);
    expect(await q({ states: ['new'] })).toEqual(['t1', 't6']);
    expect(await q({ service: 'S2' })).toEqual(['t2', 't4']);
    expect(await q({ kind: 'incident' })).toEqual(['t5']);
    expect(await q({ kind: 'problem' })).toEqual([]);
    expect(await q({ priority: 1 })).toEqual(['t2']);
    expect(await q({ overdue: true })).toEqual(['t1', 't5']); // t1 past its running TTO deadline, t5 escalated
    expect(await q({ unassigned: true })).toEqual(['t1', 't6']);
    expect(await q({ text: '100%' })).toEqual(['t1']); // LIKE wildcards in the words are literal
    expect(await q({ text: 'order' })).toEqual(['t6', 't7']);
    expect(await q({ text: `I-${ids.t5}` })).toEqual(['t5']);
    const first = await r.tickets(ALL, {}, 'oldest', { limit: 2, offset: 0 }, NOW);
    expect(idsOf(first.rows)).toEqual(['t1', 't2']);
    expect(first.more).toBe(true);
    const prio = await r.tickets(ALL, {}, 'priority', { limit: 1, offset: 0 }, NOW);
    expect(idsOf(prio.rows)).toEqual(['t2']);
  });

  it('the dashboard matches the hand-made data set', async () => {
    const d = computeDashboard(await reads().dashboardRows(ALL, ago(30 * D)), NOW, 'UTC');
    expect(d.openTotal).toBe(5);
    expect(d.backlogByTeam).toEqual([{ label: 'A', count: 4 }, { label: 'B', count: 1 }]);
    expect(d.backlogByService).toEqual([{ label: 'S1', count: 4 }, { label: 'S2', count: 1 }]);
    expect(d.tto.d7).toEqual({ counted: 2, met: 2, percent: 100 });
    expect(d.tto.d30).toEqual({ counted: 3, met: 2, percent: 66.7 });
    expect(d.ttr.d7).toEqual({ counted: 1, met: 1, percent: 100 });
    expect(d.ttr.d30).toEqual({ counted: 2, met: 1, percent: 50 });
    expect(d.timeToOwn.map((b) => b.count)).toEqual([2, 0, 1, 0, 0, 0]);
    expect(d.timeToResolve.map((b) => b.count)).toEqual([0, 0, 0, 2, 0, 0]); // t3 20,000 s and t4 40,000 s: both 4h–1d
    expect(d.requestsPerIncident).toMatchObject({ incidents: 1, requests: 2, average: 2 });
    expect(d.aging.map((b) => b.count)).toEqual([1, 2, 1, 1, 0]);
    const opened = d.trend.reduce((s, t) => s + t.opened, 0);
    const resolved = d.trend.reduce((s, t) => s + t.resolved, 0);
    expect([opened, resolved]).toEqual([6, 2]); // t4 was opened 40 days ago
  });

  it('keeps shortcuts per person, pinned first', async () => {
    const s = new TypeormShortcutStore(h.db().gate);
    const a = await s.add({ owner: 'p1', name: 'mine', filter: { unassigned: true, states: ['new'] }, sort: 'priority', pinned: false, createdAt: NOW });
    await s.add({ owner: 'p1', name: 'pinned', filter: { overdue: true }, sort: 'newest', pinned: true, createdAt: NOW });
    await s.add({ owner: 'p2', name: 'other', filter: {}, sort: 'newest', pinned: true, createdAt: NOW });
    expect((await s.list('p1')).map((x) => x.name)).toEqual(['pinned', 'mine']);
    expect((await s.list('p1'))[1]).toMatchObject({ filter: { unassigned: true, states: ['new'] }, sort: 'priority', pinned: false });
    expect(await s.setPinned('p2', a.id, true)).toBe(false); // not theirs
    expect(await s.remove('p1', a.id)).toBe(true);
    expect((await s.list('p1')).map((x) => x.name)).toEqual(['pinned']);
  });
});
