/**
 * The change store on SQLite and MariaDB: round trip, guarded update, clock rows due and fired once; a change's
 * outbox events and a firing's notice rows commit with it or not at all.
 */
import { TypeormChangeStore } from '../../../src/adapters/persistence/typeorm-change-store';
import { TypeormNoticeStore } from '../../../src/adapters/persistence/typeorm-notice-store';
import { TypeormOutboxStore } from '../../../src/adapters/persistence/typeorm-outbox-store';
import type { Change } from '../../../src/domain/changes/change';
import { changeEventOf, changeOutboxEvents } from '../../../src/domain/changes/change-outbox';
import type { NoticeDraft } from '../../../src/domain/ports/notice-store.port';
import { describeOnDatabases } from '../../support/databases';
import { ChangeRecord } from '../../../src/adapters/persistence/records/change.record';
import { CONTINUE_REF_NUMBERS_SQL } from '../../../src/adapters/persistence/ref-numbers';

/** A stored change's row as the table holds it (for inserting one directly, as before the shared sequence). */
const changeRecordOf = (c: Change | null): Partial<ChangeRecord> => ({
  template: c!.template,
  title: c!.title,
  description: c!.description,
  requester: c!.requester,
  problems: '[]',
  incidents: '[]',
  status: c!.status,
  currentStep: 0,
  steps: '[]',
  createdAt: t0,
  lastUpdate: t0,
  version: 1,
});

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

  it("commits a change's outbox events with it, and rolls them back with it", async () => {
    const store = new TypeormChangeStore(h.db().gate);
    const outbox = new TypeormOutboxStore(h.db().gate);
    const event = { type: 'ChangeStepCurrent' as const, step: 0, actor: 'zbshangchengcp', at: t0, text: null };
    const before = (await store.list({})).length;
    await expect(
      store.transaction(async (tx) => {
        const id = await tx.insert(change());
        await tx.appendOutbox(changeOutboxEvents(id, 1, [event]));
        throw new Error('after the events');
      }),
    ).rejects.toThrow('after the events');
    expect(await store.list({})).toHaveLength(before);
    expect(await outbox.claim('t', 10, new Date(t0.getTime() + 1), 1000)).toEqual([]);

    const id = await store.transaction(async (tx) => {
      const id = await tx.insert(change());
      await tx.appendOutbox(changeOutboxEvents(id, 1, [event, { ...event, type: 'ChangeStepClaimed', text: '我来' }]));
      return id;
    });
    const claimed = await outbox.claim('t', 10, new Date(t0.getTime() + 1), 1000);
    expect(claimed.map((r) => changeEventOf(r.event))).toEqual([
      { changeId: id, ref: expect.stringMatching(/^C-0+\d+$/), version: 1, index: 0, event, data: expect.any(Object) },
      { changeId: id, ref: expect.stringMatching(/^C-0+\d+$/), version: 1, index: 1, event: { ...event, type: 'ChangeStepClaimed', text: '我来' }, data: expect.any(Object) },
    ]);
  });

  it('numbers changes from the sequence shared with tickets; an empty sequence continues after the largest id in use', async () => {
    const store = new TypeormChangeStore(h.db().gate);
    const a = await store.transaction((tx) => tx.insert(change()));
    const numbered = (await h.db().ds.query(`SELECT id, kind FROM ref_numbers WHERE id = ${a}`)) as Array<{ kind: string }>;
    expect(numbered.map((r) => r.kind)).toEqual(['C']);
    // Tables from before the shared sequence: a change numbered 5000 and no sequence rows → the next is 5001.
    await h.db().ds.query('DELETE FROM ref_numbers');
    await h.db().ds.getRepository(ChangeRecord).insert({ ...changeRecordOf(await store.get(a)), id: 5000 });
    await h.db().ds.query(CONTINUE_REF_NUMBERS_SQL);
    await h.db().ds.query(CONTINUE_REF_NUMBERS_SQL); // once only: the sequence is no longer empty
    expect(await store.transaction((tx) => tx.insert(change()))).toBe(5001);
  });

  it("a firing's notice rows commit with the armed → fired update, or not at all", async () => {
    const store = new TypeormChangeStore(h.db().gate);
    const notices = new TypeormNoticeStore(h.db().gate);
    const id = await store.transaction(async (tx) => {
      const id = await tx.insert(change());
      await tx.arm([{ changeId: id, step: 0, round: 1, level: 'ttr100', dueAt: t0, status: 'armed', firedAt: null }]);
      return id;
    });
    const row = { changeId: id, step: 0, round: 1, level: 'ttr100' };
    const draft: NoticeDraft = {
      eventKey: `change-clock:ttr100-${id}`,
      ticketId: 0,
      ref: 'C-000001',
      eventCode: 'change.ttr100',
      personId: 'zbzl',
      userId: '1000000444',
      locale: 'zh-CN',
      via: 'lead',
      status: 'pending',
      reason: null,
      title: 'C-000001',
      body: '已到处理时限',
      createdAt: t0,
    };
    await expect(
      store.transaction(async (tx) => {
        expect(await tx.markFired(row, t0)).toBe(true);
        await tx.addNotices([draft]);
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    expect((await store.thresholds(id))[0]!.status).toBe('armed');
    expect(await notices.claimDue(new Date(t0.getTime() + 1), 10, 1000)).toEqual([]);

    expect(await store.transaction(async (tx) => (await tx.markFired(row, t0)) && (await tx.addNotices([draft]), true))).toBe(true);
    expect(await store.transaction((tx) => tx.markFired(row, t0))).toBe(false);
    expect((await notices.claimDue(new Date(t0.getTime() + 1), 10, 1000)).map((n) => [n.eventCode, n.personId])).toEqual([['change.ttr100', 'zbzl']]);
  });
});
