/**
 * The card Forms the bot sends for Resolve and Close (docs/dingtalk-cards.md §2.5): field names, kinds, required flags,
 * hidden `action`/`ref`, options from the domain and the catalogs, pre-filled values — within DingTalk's 1 KB per
 * value. Reading a submission is the adapter's (test/unit/adapters/dingtalk/card-form-submission.test.ts).
 */
import { formParam, type FormFieldParam } from '../../../../../src/adapters/dingtalk/cards/card-params';
import { renderForm } from '../../../../../src/bot/views/cards/render-form';
import { botCatalogEn } from '../../../../../src/bot/views/replies/catalog.en';
import { botCatalogZhCN } from '../../../../../src/bot/views/replies/catalog.zh-CN';
import type { CardForm } from '../../../../../src/domain/ports/chat-gateway.port';
import { RESOLUTION_CODES } from '../../../../../src/domain/tickets/ticket';

describe('the Forms the bot sends', () => {
  const byName = <F extends { name: string }>(fields: F[]) => Object.fromEntries(fields.map((f) => [f.name, f]));
  /** The Form's fields as DingTalk receives them (the adapter's `form` value). */
  const onWire = (form: CardForm) => byName((JSON.parse(formParam(form)) as { fields: FormFieldParam[] }).fields);

  it('Resolve: hidden action and ref, a required TEXT_AREA solution, a required SELECT of every resolution code', () => {
    const form = renderForm('resolve', 'R-000012', botCatalogZhCN);
    const f = byName(form.fields);
    expect(Object.keys(f)).toEqual(['action', 'ref', 'solution', 'resolution_code']);
    expect(f.action).toEqual({ name: 'action', kind: 'line', hidden: true, defaultValue: 'ticket.resolve' });
    expect(f.ref).toEqual({ name: 'ref', kind: 'line', hidden: true, defaultValue: 'R-000012' });
    expect(f.solution).toMatchObject({ kind: 'paragraph', required: true, label: '解决方案' });
    expect(f.solution!.defaultValue).toBeUndefined();
    expect(f.resolution_code).toMatchObject({ kind: 'choice', required: true, label: '解决类型' });
    const w = onWire(form);
    expect(Object.keys(w)).toEqual(['action', 'ref', 'solution', 'resolution_code']);
    expect(w.action).toEqual({ name: 'action', type: 'TEXT', hidden: true, defaultValue: 'ticket.resolve' });
    expect(w.ref).toEqual({ name: 'ref', type: 'TEXT', hidden: true, defaultValue: 'R-000012' });
    expect(w.solution).toMatchObject({ type: 'TEXT_AREA', required: true, label: '解决方案' });
    expect(w.solution!.defaultValue).toBeUndefined();
    expect(w.resolution_code).toMatchObject({ type: 'SELECT', required: true, label: '解决类型' });
    const offered = f.resolution_code!.options!.map((o) => o.value);
    expect([...offered].sort()).toEqual([...RESOLUTION_CODES].sort());
    expect(offered[offered.length - 1]).toBe('other'); // 其他 last
    expect(f.resolution_code!.options!.map((o) => o.text)).toEqual(offered.map((c) => botCatalogZhCN.form.resolutionCodes[c as 'other']));
  });

  it('Close: a required SELECT satisfaction 1–4 with the catalog\'s words, an optional TEXT_AREA comment', () => {
    const form = renderForm('close', 'R-000012', botCatalogEn);
    const f = byName(form.fields);
    expect(Object.keys(f)).toEqual(['action', 'ref', 'satisfaction', 'comment']);
    expect(f.action!.defaultValue).toBe('ticket.close');
    expect(f.satisfaction).toMatchObject({ kind: 'choice', required: true, label: 'Satisfaction' });
    expect(onWire(form).satisfaction).toMatchObject({ type: 'SELECT', required: true, label: 'Satisfaction' });
    expect(f.satisfaction!.options).toEqual([
      { value: '1', text: 'Very satisfied' },
      { value: '2', text: 'Satisfied' },
      { value: '3', text: 'Dissatisfied' },
      { value: '4', text: 'Very dissatisfied' },
    ]);
    expect(f.comment).toMatchObject({ kind: 'paragraph', required: false, label: 'Comment' });
    expect(onWire(form).comment).toMatchObject({ type: 'TEXT_AREA', required: false, label: 'Comment' });
  });

  it('pre-fills the values it is given: text as is, a SELECT as {index, value}; unknown or blank values stay empty', () => {
    const form = renderForm('resolve', 'R-1', botCatalogEn, { solution: 'rebooted', resolution_code: 'training' });
    const f = byName(form.fields);
    expect(f.solution!.defaultValue).toBe('rebooted');
    expect(f.resolution_code!.defaultValue).toBe('training');
    expect(onWire(form).solution!.defaultValue).toBe('rebooted');
    expect(onWire(form).resolution_code!.defaultValue).toEqual({ index: RESOLUTION_CODES.filter((c) => c !== 'other').indexOf('training'), value: 'training' });
    const other = renderForm('close', 'R-1', botCatalogEn, { satisfaction: '9', comment: '  ' });
    const g = byName(other.fields);
    expect(g.satisfaction!.defaultValue).toBeUndefined();
    expect(g.comment!.defaultValue).toBeUndefined();
    expect(onWire(other).satisfaction!.defaultValue).toBeUndefined();
    expect(onWire(other).comment!.defaultValue).toBeUndefined();
  });

  it.each([botCatalogZhCN, botCatalogEn])('every Form stays under DingTalk\'s 1 KB per value (%#)', (c) => {
    for (const kind of ['resolve', 'close', 'problem_resolve', 'problem_link', 'problem_link_to', 'problem_unlink'] as const) {
      expect(Buffer.byteLength(formParam(renderForm(kind, 'R-000012', c)), 'utf8')).toBeLessThan(1024);
    }
  });

  it('the problem Forms: Resolve asks root cause, workaround and solution; Link/Unlink a ticket ask its ref', () => {
    const fields = (kind: Parameters<typeof renderForm>[0]) =>
      renderForm(kind, 'P-000031', botCatalogEn).fields.map((f) => [f.name, f.kind, !!f.required, !!f.hidden, f.defaultValue ?? f.label]);
    expect(fields('problem_resolve')).toEqual([
      ['action', 'line', false, true, 'problem.resolve'],
      ['ref', 'line', false, true, 'P-000031'],
      ['root_cause', 'paragraph', true, false, 'Root cause'],
      ['workaround', 'paragraph', false, false, 'Workaround'],
      ['solution', 'paragraph', false, false, 'Solution'],
    ]);
    expect(fields('problem_link')).toEqual([
      ['action', 'line', false, true, 'problem.link'],
      ['problem', 'line', false, true, 'P-000031'],
      ['ref', 'line', true, false, 'Ticket'],
    ]);
    expect(fields('problem_unlink')[0]![4]).toBe('problem.unlink');
    expect(renderForm('problem_link_to', 'R-000012', botCatalogEn).fields.map((f) => f.name)).toEqual(['action', 'ref', 'problem']);
    // a refused submission is filled in again
    const again = renderForm('problem_resolve', 'P-000031', botCatalogEn, { root_cause: 'cache', workaround: ' ' });
    expect(again.fields.map((f) => f.defaultValue)).toEqual(['problem.resolve', 'P-000031', 'cache', undefined, undefined]);
  });
});
