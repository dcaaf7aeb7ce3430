import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCnHolidays, loadLadder, loadTriggerTable } from '../../../../src/adapters/config/load-rules';
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { demoDirectory } from '../../../support/demo';

const tmp = (name: string, text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rules-')), name);
  fs.writeFileSync(file, text);
  return file;
};

describe('rule files', () => {
  it('the shipped ladder and trigger table are valid (against the demo directory)', async () => {
    expect((await loadLadder()).ok).toBe(true);
    expect((await loadTriggerTable(undefined, demoDirectory())).ok).toBe(true);
  });

  it('a bad ladder lists every error with its file', async () => {
    const file = tmp('ladder.yaml', 'levels:\n  - { code: tto, metric: tto, percent: -5, effect: escalated_ttr, event: tto }\n  - { code: tto, metric: ttx, percent: 50, effect: none, event: x }\n');
    const r = await loadLadder(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeGreaterThanOrEqual(2);
  });

  it('duplicate YAML keys are refused with a line number', async () => {
    const r = await loadLadder(tmp('dup.yaml', 'levels: []\nlevels: []\n'));
    expect(r).toMatchObject({ ok: false, error: [expect.stringMatching(/line 2/)] });
  });
});

describe('CN holiday override file', () => {
  it('absent → the package data (to the end of 2026)', async () => {
    const r = await loadCnHolidays(path.join(os.tmpdir(), 'does-not-exist.yaml'));
    expect(r.ok && r.value.years[r.value.years.length - 1]).toBe(2026);
  });

  it('adds a year the package lacks; its days then count on working-hours calendars', async () => {
    const file = tmp('cn.yaml', 'years: [2027]\ndays:\n  - { date: "2027-01-01", name: 元旦 }\n  - { date: "2027-01-02", name: 调休, workday: true }\n');
    const r = await loadCnHolidays(file);
    if (!r.ok) throw new Error(r.error.join('\n'));
    expect(r.value.years).toContain(2027);
    const dir = demoDirectory();
    const counter = countersFor(dir, r.value)('workdays-cn');
    const plain = countersFor(dir)('workdays-cn');
    // Fri 2027-01-01 09:00 → 18:00 Shanghai: a holiday with the file, a working day without it
    const a = new Date('2027-01-01T01:00:00Z');
    const b = new Date('2027-01-01T10:00:00Z');
    expect(counter.between(a, b)).toBe(0);
    expect(plain.between(a, b)).toBe(7.5 * 3600);
    // Sat 2027-01-02 is a make-up working day with the file
    expect(counter.between(new Date('2027-01-02T01:00:00Z'), new Date('2027-01-02T10:00:00Z'))).toBe(7.5 * 3600);
  });

  it('a day outside the listed years is an error', async () => {
    const r = await loadCnHolidays(tmp('cn.yaml', 'years: [2027]\ndays:\n  - { date: "2028-01-01", name: 元旦 }\n'));
    expect(r).toMatchObject({ ok: false, error: [expect.stringMatching(/outside the listed years/)] });
  });
});
