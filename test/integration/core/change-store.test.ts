/** The change store on SQLite and MariaDB: round trip, guarded update, clock rows due and fired once. */
import { TypeormChangeStore } from '../../../src/adapters/persistence/typeorm-change-store';
import type { Change } from '../../../src/domain/changes/change';
import { describeOnDatabases } from '../../support/databases';

const t0 = new Date('2026-12-02T02:00:00.123Z');
const change = (): Change => ({
  id: 0,
  template: 'app-release',
  title: '修复下单失败',
  description: '',
  requester: 'zbshangchengcp',
  problems: [],
  incidents: [7],
  plannedStart: null,
  plannedEnd: null,
  status: 'in_progress',
  current: 0,
  steps: [{ name: '测试', team: 'bj-qa', kind: 'approve', ttrSeconds: 60, state: 'waiting', actor: null, at: null, note: null, startedAt: t0 }],
  returnReason: null,
  rollbackNote: null,
  createdAt: t0,
  lastUpdate: t0,
  version: 0,
});

describeOnDatabases('change store', (h) => {
  it('stores a change, updates it only at the expected version, and fires a due row once', async () => {
    const store = new TypeormChangeStore(h.db().gate);
    const id = await store.transaction(async (tx) => {
      const id = await tx.insert(change());
      await tx.arm([
        { changeId: id, step: 0, round: 1, level: 'ttr100', dueAt: new Date(t0.getTime() + 60_000), status: 'armed', firedAt: null },
        { changeId: id, step: 0, round: 1, level: 'ttr200', dueAt: new Date(t0.getTime() + 120_000), status: 'armed', firedAt: null },
      ]);
      return id;
    });
    const got = (await store.get(id))!;
    expect(got).toMatchObject({ id, version: 1, incidents: [7], title: '修复下单失败' });
    expect(got.steps[0]!.startedAt).toEqual(t0);

    expect(await store.transaction((tx) => tx.update({ ...got, status: 'returned' }, 1))).toBe(true);
    expect(await store.transaction((tx) => tx.update({ ...got, status: 'cancelled' }, 1))).toBe(false);
    expect((await store.get(id))!.status).toBe('returned');

    expect(await store.due(new Date(t0.getTime() + 59_999), 10)).toEqual([]);
    const due = await store.due(new Date(t0.getTime() + 60_000), 10);
    expect(due.map((r) => r.level)).toEqual(['ttr100']);
    expect(await store.markFired(due[0]!, t0)).toBe(true);
    expect(await store.markFired(due[0]!, t0)).toBe(false);
    await store.transaction((tx) => tx.cancelArmed(id));
    expect((await store.thresholds(id)).map((r) => `${r.level}:${r.status}`).sort()).toEqual(['ttr100:fired', 'ttr200:cancelled']);
  });
});
