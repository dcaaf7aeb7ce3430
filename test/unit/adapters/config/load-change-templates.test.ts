import path from 'node:path';
import { loadConfig } from '../../../../src/adapters/config/load-config';
import { loadChangeTemplates } from '../../../../src/adapters/config/load-rules';
import { demoDirectory } from '../../../support/demo';

const BAD = path.join(__dirname, '..', '..', '..', 'fixtures', 'changes-bad.yaml');

describe('CHANGES_FILE', () => {
  it('the demo file loads with the seed four', async () => {
    const r = await loadChangeTemplates('config/changes.yaml', demoDirectory());
    expect(r.ok && r.value.templates.length).toBe(4);
  });

  it('a bad file: unknown team, empty steps, duplicate code, unknown kind, each named with the file and path, at once', async () => {
    const r = await loadChangeTemplates(BAD, demoDirectory());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual([
      `${BAD}: templates[0].steps[0].team: unknown team "bj-nowhere"`,
      `${BAD}: templates[1].steps: a template needs at least one step`,
      `${BAD}: templates[2].code: duplicate code "app-release" (also templates[0])`,
      `${BAD}: templates[3].steps[0].kind: unknown kind "deploy" (one of: approve, implement, verify)`,
    ]);
  });

  it('a missing file is an error naming the file', async () => {
    const missing = await loadChangeTemplates('config/nope.yaml');
    expect(missing.ok ? '' : missing.error[0]).toMatch(/^config\/nope\.yaml: cannot read/);
  });

  it('defaults to the demo file in demo mode only; CHANGES_FILE is explicit', () => {
    const demo = loadConfig({});
    expect(demo.ok && demo.value.changes).toEqual({ file: 'config/changes.yaml', explicit: false });
    const set = loadConfig({ CHANGES_FILE: 'x.yaml' });
    expect(set.ok && set.value.changes).toEqual({ file: 'x.yaml', explicit: true });
    const prod = loadConfig({ DATABASE_URL: 'mysql://u@h/db', DINGTALK_CLIENT_ID: 'a', DINGTALK_CLIENT_SECRET: 'b' });
    expect(prod.ok && prod.value.changes).toBeUndefined();
  });
});
