/**
 * Reads outside transactions sent together (src/adapters/persistence/read-batcher.ts): on MariaDB the reads issued
 * in one turn of the event loop share one query and each gets its own rows; a failing read gets its own error and
 * the others their rows; writes and locking reads are never batched. On SQLite the same answers, read at once.
 */
import { batchable, MAX_BATCH } from '../../../src/adapters/persistence/read-batcher';
import { describeOnDatabases } from '../../support/databases';
import { recordMysqlQueries } from '../../support/ticket-rows';

describe('batchable', () => {
  it('takes plain SELECTs only', () => {
    expect(batchable('SELECT `id` FROM `tickets` WHERE `id` = ?')).toBe(true);
    expect(batchable('  select 1')).toBe(true);
    expect(batchable('SELECT `id` FROM `tickets` WHERE `id` = ? FOR UPDATE')).toBe(false);
    expect(batchable('SELECT 1 LOCK IN SHARE MODE')).toBe(false);
    expect(batchable('SELECT GET_LOCK(?, 0) AS got')).toBe(false);
    expect(batchable('INSERT INTO t (a) VALUES (?)')).toBe(false);
    expect(batchable('UPDATE t SET a = 1')).toBe(false);
  });
});

describeOnDatabases('read batcher', (h) => {
  const queries = recordMysqlQueries();
  beforeAll(async () => {
    await h.db().ds.query('CREATE TABLE batch_rows (id INT PRIMARY KEY, label VARCHAR(20))');
    await h.db().ds.query("INSERT INTO batch_rows (id, label) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
  });

  const label = (id: number) =>
    h.db().gate.run(async (m) => ((await m.query('SELECT label FROM batch_rows WHERE id = ?', [id])) as Array<{ label: string }>).map((r) => r.label));

  it('reads issued together share one query, each with its own rows', async () => {
    const got = await Promise.all([label(1), label(2), label(3), label(4)]);
    expect(got).toEqual([['one'], ['two'], ['three'], []]);
    if (h.dialect === 'mysql') expect(queries.sent()).toEqual([Array(4).fill('SELECT label FROM batch_rows WHERE id = ?').join(';\n')]);
  });

  it('more than a batch holds go in several queries', async () => {
    // (Fewer than the test pool's 25 connections: the gate lets that many works run at once.)
    const ids = Array.from({ length: MAX_BATCH + 3 }, (_, i) => (i % 3) + 1);
    const got = await Promise.all(ids.map(label));
    expect(got).toEqual(ids.map((i) => [['one', 'two', 'three'][i - 1]]));
    if (h.dialect === 'mysql') expect(queries.sent().map((s) => s.split(';\n').length)).toEqual([MAX_BATCH, 3]);
  });

  it('a lone read goes alone; one that fails gets its own error and the others their rows', async () => {
    expect(await label(2)).toEqual(['two']);
    if (h.dialect === 'mysql') expect(queries.sent()).toEqual(['SELECT label FROM batch_rows WHERE id = ?']);
    queries.clear();
    const bad = h.db().gate.run((m) => m.query('SELECT nope FROM batch_rows WHERE id = ?', [1]));
    const [one, failed, three] = await Promise.allSettled([label(1), bad, label(3)]);
    expect(one).toEqual({ status: 'fulfilled', value: ['one'] });
    expect(failed.status).toBe('rejected');
    expect(String((failed as PromiseRejectedResult).reason)).toMatch(/nope/);
    expect(three).toEqual({ status: 'fulfilled', value: ['three'] });
    // The batch, then each read alone.
    if (h.dialect === 'mysql') expect(queries.sent()).toHaveLength(4);
  });

  it('writes are not batched', async () => {
    await Promise.all([
      h.db().gate.run((m) => m.query("UPDATE batch_rows SET label = 'uno' WHERE id = ?", [1])),
      h.db().gate.run((m) => m.query("UPDATE batch_rows SET label = 'dos' WHERE id = ?", [2])),
    ]);
    expect(await Promise.all([label(1), label(2)])).toEqual([['uno'], ['dos']]);
    if (h.dialect === 'mysql') expect(queries.sent().filter((s) => s.startsWith('UPDATE'))).toHaveLength(2);
  });
});
