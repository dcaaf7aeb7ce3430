import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseChangeTemplates } from '../../../../src/domain/changes/change-template.schema';
import { demoDirectory } from '../../../support/demo';

const DEMO = path.join(__dirname, '..', '..', '..', '..', 'config', 'changes.yaml');
const step = (over: Record<string, unknown> = {}) => ({ name: '测试', team: 'bj-qa', kind: 'approve', ttr: { value: 1, unit: 'days' }, ...over });
const tpl = (over: Record<string, unknown> = {}) => ({ code: 'x', name: 'X', requesters: { teams: ['bj-product-mall'] }, steps: [step()], ...over });

describe('change templates file', () => {
  it('the demo file holds the seed four, valid against the demo directory', () => {
    const r = parseChangeTemplates(parse(fs.readFileSync(DEMO, 'utf8')), demoDirectory());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.templates.map((t) => t.code)).toEqual(['app-release', 'sales-training', 'it-equipment', 'dev-environment']);
    const app = r.value.templates[0]!;
    expect(app.steps.map((s) => `${s.team}:${s.kind}`)).toEqual(['bj-qa:approve', 'bj-ops:implement', 'bj-qa:verify']);
  });

  it('names every error at once, each with its path', () => {
    const r = parseChangeTemplates(
      {
        version: 1,
        templates: [
          tpl({ code: 'a', steps: [step({ team: 'bj-nowhere' })] }),
          tpl({ code: 'b', steps: [] }),
          tpl({ code: 'a' }),
          tpl({ code: 'c', steps: [step({ kind: 'deploy' })] }),
          tpl({ code: 'd', steps: [step({ ttr: { value: 0, unit: 'weeks' } })] }),
          tpl({ code: 'e', requesters: {}, extra: 1 }),
        ],
      },
      demoDirectory(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.error.map((i) => `${i.path}: ${i.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'templates[0].steps[0].team: unknown team "bj-nowhere"',
        'templates[1].steps: a template needs at least one step',
        'templates[2].code: duplicate code "a" (also templates[0])',
        'templates[3].steps[0].kind: unknown kind "deploy" (one of: approve, implement, verify)',
        'templates[4].steps[0].ttr.value: the TTR must be more than 0',
        'templates[4].steps[0].ttr.unit: unknown unit "weeks" (one of: seconds, minutes, hours, days)',
        'templates[5].extra: unknown key "extra"',
        'templates[5].requesters: name who may request it: profiles, teams or orgs',
      ]),
    );
    expect(lines).toHaveLength(8);
  });

  it('refuses a wrong version and a missing list', () => {
    const r = parseChangeTemplates({ version: 2 });
    expect(r.ok ? [] : r.error.map((i) => i.path)).toEqual(['version', 'templates']);
  });

  it('accepts requester_team without a directory check', () => {
    const r = parseChangeTemplates({ version: 1, templates: [tpl({ steps: [step({ team: 'requester_team' })] })] }, demoDirectory());
    expect(r.ok).toBe(true);
  });
});
