/** The trigger table's change rows (docs/changes.md §6): parsed with every error at once; recipients by term. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadChangeTriggers } from '../../../../src/adapters/config/load-rules';
import type { Change } from '../../../../src/domain/changes/change';
import { changeRecipients, DEFAULT_CHANGE_TRIGGERS, parseChangeTriggers } from '../../../../src/domain/changes/change-triggers';
import { Directory } from '../../../../src/domain/directory/directory';
import { demoData } from '../../../support/demo';

const dir = new Directory(demoData());
const t0 = new Date('2026-12-02T02:00:00Z');
const change: Change = {
  id: 1,
  template: 'app-release',
  title: 't',
  description: '',
  requester: 'zbshangchengcp',
  problems: [],
  incidents: [],
  plannedStart: null,
  plannedEnd: null,
  status: 'in_progress',
  current: 0,
  steps: [{ name: '测试', team: 'bj-qa', kind: 'approve', ttrSeconds: 60, state: 'waiting', actor: null, at: null, note: null, startedAt: t0 }],
  returnReason: null,
  rollbackNote: null,
  createdAt: t0,
  lastUpdate: t0,
  version: 1,
};

describe('change trigger rows', () => {
  it('config/triggers.yaml ships the default rows, and they validate against the demo directory', async () => {
    const loaded = await loadChangeTriggers(undefined, dir);
    expect(loaded).toEqual({ ok: true, value: DEFAULT_CHANGE_TRIGGERS });
    const raw = parse(fs.readFileSync(path.join(__dirname, '../../../../config/triggers.yaml'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(raw.change_events as object)).toHaveLength(9);
  });

  it('reports every problem at once, with its path', () => {
    const r = parseChangeTriggers(
      {
        step_current: ['step_team.contacts', 'step_team.contacts'],
        step_passed: ['requestor'],
        step_rejected: ['team:nowhere.lead'],
        step_failed: ['step_team.boss'],
        resubmitted: 'step_team.contacts',
        successful: [],
        cancelled: ['person:ghost'],
        ttr100: [],
        shipped: [],
      },
      dir,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual([
      'change_events.step_current[1]: "step_team.contacts" is listed twice',
      expect.stringContaining('change_events.step_passed[0]: unknown term "requestor"'),
      'change_events.step_rejected[0]: unknown team "nowhere"',
      expect.stringContaining('change_events.step_failed[0]: unknown role "boss"'),
      expect.stringContaining('change_events.resubmitted: expected a list'),
      'change_events.cancelled[0]: unknown person "ghost"',
      expect.stringContaining('change_events.shipped: unknown change event "shipped"'),
      expect.stringContaining('change_events.ttr200: no row for change event "ttr200"'),
    ]);
  });

  it('resolves the terms: requester, the step team by role, a named team and person, once each', () => {
    const rows = parseChangeTriggers({
      ...Object.fromEntries(Object.entries(DEFAULT_CHANGE_TRIGGERS).map(([k]) => [k, []])),
      successful: ['requester', 'step_team.lead', 'team:bj-ops.lead', 'person:zbshangchengcp', 'step_team.upper_lead'],
    });
    if (!rows.ok) throw new Error(rows.error.join('\n'));
    expect(changeRecipients(dir, rows.value, 'successful', change, 0).map((p) => p.id)).toEqual(['zbshangchengcp', 'zbzl', 'zbyw', 'bjzong']);
    expect(changeRecipients(dir, rows.value, 'cancelled', change, 0)).toEqual([]);
  });

  it('problem_assignees: the linked problems\' assignees the caller read, active ones once each (the shipped `successful` row)', () => {
    expect(DEFAULT_CHANGE_TRIGGERS.successful.map((t) => t.text)).toEqual(['requester', 'problem_assignees']);
    const got = changeRecipients(dir, DEFAULT_CHANGE_TRIGGERS, 'successful', change, 0, ['zbyw', 'nobody', 'zbyw']);
    expect(got.map((p) => p.id)).toEqual(['zbshangchengcp', 'zbyw']);
    expect(changeRecipients(dir, DEFAULT_CHANGE_TRIGGERS, 'successful', change, 0).map((p) => p.id)).toEqual(['zbshangchengcp']);
  });
});
