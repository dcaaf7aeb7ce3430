import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Change } from '../../../../src/domain/changes/change';
import { decideChange, openChange, type ChangeCommand } from '../../../../src/domain/changes/change-lifecycle';
import type { ChangeTemplates } from '../../../../src/domain/changes/change-template';
import { parseChangeTemplates } from '../../../../src/domain/changes/change-template.schema';
import { demoDirectory } from '../../../support/demo';

const dir = demoDirectory();
const r = parseChangeTemplates(parse(fs.readFileSync(path.join(__dirname, '../../../../config/changes.yaml'), 'utf8')), dir);
if (!r.ok) throw new Error('demo templates invalid');
const templates: ChangeTemplates = r.value;
const app = templates.templates[0]!;
const t0 = new Date('2026-12-02T02:00:00Z');
const PRODUCT = 'zbshangchengcp';
const QA = 'zbzl';
const OPS = 'zbyw';

function opened(): Change {
  const o = openChange(dir, { template: app, title: '修复下单失败', requester: PRODUCT }, t0);
  if (!o.ok) throw new Error(o.error.code);
  return { ...o.value.change, id: 7 };
}

function run(c: Change, cmd: ChangeCommand, actor: string, step?: number): Change {
  const d = decideChange(dir, c, cmd, actor, t0, step);
  if (!d.ok) throw new Error(`${cmd.type} by ${actor}: ${d.error.code}`);
  return d.value.change;
}

describe('change lifecycle (app-release)', () => {
  it('who may request: problem managers, support agents, the product team; not a portal user', () => {
    expect(openChange(dir, { template: app, title: 't', requester: PRODUCT }, t0).ok).toBe(true);
    const refused = openChange(dir, { template: app, title: 't', requester: 'bjxiaoshoua' }, t0);
    expect(refused.ok ? '' : refused.error.code).toBe('CHANGE.NOT_A_REQUESTER');
    const it = templates.templates.find((t) => t.code === 'it-equipment')!;
    expect(openChange(dir, { template: it, title: 't', requester: 'bjxiaoshoua' }, t0).ok).toBe(true);
    const noTeam = openChange(dir, { template: it, title: 't', requester: QA }, t0);
    expect(noTeam.ok ? '' : noTeam.error.code).toBe('CHANGE.NOT_A_REQUESTER');
  });

  it('the happy path: QA approve → ops done → QA passed → successful', () => {
    let c = opened();
    expect(c.status).toBe('in_progress');
    c = run(c, { type: 'claim' }, QA, 0);
    c = run(c, { type: 'approve' }, QA, 0);
    expect(c.current).toBe(1);
    c = run(c, { type: 'done', note: 'v2.3.1' }, OPS, 1);
    const d = decideChange(dir, c, { type: 'passed' }, QA, t0, 2);
    expect(d.ok && d.value.events.map((e) => e.type)).toEqual(['ChangeStepPassed', 'ChangeSucceeded']);
    expect(d.ok && d.value.change.status).toBe('successful');
  });

  it('reject at QA → returned with the reason → resubmit → passes; no rollback note for an approval', () => {
    let c = opened();
    c = run(c, { type: 'reject', reason: '缺少测试报告' }, QA, 0);
    expect(c.status).toBe('returned');
    expect(c.returnReason).toBe('缺少测试报告');
    expect(c.rollbackNote).toBeNull();
    c = run(c, { type: 'resubmit', note: '已补充' }, PRODUCT);
    expect(c.status).toBe('in_progress');
    expect(c.steps[0]!.state).toBe('waiting');
    c = run(c, { type: 'approve' }, QA, 0);
    expect(c.current).toBe(1);
  });

  it('a failed verify records a rollback note; giving up afterwards is `failed`', () => {
    let c = opened();
    c = run(c, { type: 'approve' }, QA, 0);
    c = run(c, { type: 'done' }, OPS, 1);
    c = run(c, { type: 'failed', reason: '支付页白屏' }, QA, 2);
    expect(c.rollbackNote).toBe('验证: 支付页白屏');
    c = run(c, { type: 'cancel', reason: '回滚后放弃' }, PRODUCT);
    expect(c.status).toBe('failed');
  });

  const refusals: Array<[string, (c: Change) => Change, ChangeCommand, string, number | undefined, string]> = [
    ['claim by someone outside the step team', (c) => c, { type: 'claim' }, OPS, 0, 'CHANGE.NOT_STEP_TEAM'],
    ['approve by the requester', (c) => c, { type: 'approve' }, PRODUCT, 0, 'CHANGE.NOT_STEP_TEAM'],
    ['done from a stale step button', (c) => run(c, { type: 'approve' }, QA, 0), { type: 'approve' }, QA, 0, 'CHANGE.NOT_CURRENT_STEP'],
    ['done on an approve step', (c) => c, { type: 'done' }, QA, 0, 'CHANGE.WRONG_KIND'],
    ['reject without a reason', (c) => c, { type: 'reject', reason: ' ' }, QA, 0, 'CHANGE.REASON_REQUIRED'],
    ['resubmit by the step team', (c) => run(c, { type: 'reject', reason: 'x' }, QA, 0), { type: 'resubmit' }, QA, undefined, 'CHANGE.NOT_REQUESTER'],
    ['cancel by the step team', (c) => c, { type: 'cancel', reason: 'x' }, QA, undefined, 'CHANGE.NOT_REQUESTER'],
    ['resubmit while in progress', (c) => c, { type: 'resubmit' }, PRODUCT, undefined, 'CHANGE.WRONG_STATE'],
    ['approve while returned', (c) => run(c, { type: 'reject', reason: 'x' }, QA, 0), { type: 'approve' }, QA, 0, 'CHANGE.WRONG_STATE'],
    ['claim twice', (c) => run(c, { type: 'claim' }, QA, 0), { type: 'claim' }, QA, 0, 'CHANGE.WRONG_STATE'],
    ['cancel without a reason', (c) => c, { type: 'cancel', reason: '' }, PRODUCT, undefined, 'CHANGE.REASON_REQUIRED'],
  ];
  it.each(refusals)('refuses %s, changing nothing', (_name, setup, cmd, actor, step, code) => {
    const c = setup(opened());
    const d = decideChange(dir, c, cmd, actor, t0, step);
    expect(d.ok ? 'ok' : d.error.code).toBe(code);
  });

  it('an administrator may cancel', () => {
    expect(run(opened(), { type: 'cancel', reason: 'dup' }, 'admin').status).toBe('cancelled');
  });

  it('a refusal of a stale button names the current step', () => {
    const c = run(opened(), { type: 'approve' }, QA, 0);
    const d = decideChange(dir, c, { type: 'reject', reason: 'x' }, QA, t0, 0);
    expect(d.ok ? null : d.error.details).toMatchObject({ ref: 'C-000007', step: '上线', team: 'bj-ops' });
  });
});
