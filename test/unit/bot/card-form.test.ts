/**
 * The card Form (DINGTALK-CARDS.md §2.5): reading a submission whichever shape it arrives in (the adapter's
 * flattened `form`, a `form` JSON string, a SELECT as `{index, value}`), and the Forms the bot sends for Resolve
 * and Close — field names, types, required flags, hidden `action`/`ref`, options from the domain and the catalogs,
 * pre-filled values — within DingTalk's 1 KB per value.
 */
import { flattenCardParams, formOf, parseCardCallback } from '../../../src/adapters/dingtalk/inbound/card-callback.parser';
import { formParam } from '../../../src/adapters/dingtalk/cards/card-params';
import { renderForm } from '../../../src/bot/views/cards/render-form';
import { CardActionParams } from '../../../src/bot/listeners/card-actions/card-action-params';
import { botCatalogEn } from '../../../src/bot/views/replies/catalog.en';
import { botCatalogZhCN } from '../../../src/bot/views/replies/catalog.zh-CN';
import type { CardFormField } from '../../../src/domain/ports/chat-gateway.port';
import { RESOLUTION_CODES } from '../../../src/domain/tickets/ticket';

/** What DingTalk sends for a Form submit: `params.form` = {fieldName: value}, hidden fields included. */
function submitted(form: unknown, where: 'cardPrivateData' | 'beside' = 'cardPrivateData') {
  const content =
    where === 'cardPrivateData' ? { cardPrivateData: { actionIds: ['form'], params: { form } } } : { cardPrivateData: { actionIds: ['form'] }, params: { form } };
  const parsed = parseCardCallback({ outTrackId: 'R-000012-u-1', userId: 'u1', value: JSON.stringify(content), content: JSON.stringify(content) }, 'cb');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('reading a Form submission', () => {
  const wire = {
    action: 'ticket.resolve',
    ref: 'R-000012',
    solution: '换了硒鼓',
    resolution_code: { index: 2, value: 'hardware_repair' },
  };

  it.each(['cardPrivateData', 'beside'] as const)('params.form in %s: routed by the hidden `action`, the SELECT read as its value, kept apart as `form`', (where) => {
    const action = submitted(wire, where);
    expect(action.params).toMatchObject({ action: 'ticket.resolve', ref: 'R-000012', solution: '换了硒鼓', resolution_code: 'hardware_repair' });
    expect(action.form).toEqual({ action: 'ticket.resolve', ref: 'R-000012', solution: '换了硒鼓', resolution_code: 'hardware_repair' });
    expect(action.actionIds).toEqual(['form']);
    const p = new CardActionParams(action.params, 'solution', action.form);
    expect(p.fromForm).toBe(true);
    expect([p.get('solution'), p.get('resolution_code')]).toEqual(['换了硒鼓', 'hardware_repair']);
  });

  it('a `form` sent as a JSON string is read the same way, by the adapter and by CardActionParams', () => {
    const json = JSON.stringify({ ...wire, resolution_code: { index: 0, value: 'assistance' } });
    expect(formOf({ form: json })).toEqual({ ...wire, resolution_code: { index: 0, value: 'assistance' } });
    expect(flattenCardParams({ form: json })).toEqual({ action: 'ticket.resolve', ref: 'R-000012', solution: '换了硒鼓', resolution_code: 'assistance' });
    expect(submitted(json).form).toMatchObject({ resolution_code: 'assistance' });
    const p = new CardActionParams({ action: 'ticket.close', form: JSON.stringify({ satisfaction: { index: 3, value: '4' }, comment: '太慢' }) }, 'comment');
    expect(p.fromForm).toBe(true);
    expect([p.get('satisfaction'), p.get('comment')]).toEqual(['4', '太慢']);
  });

  it('a plain click is not a Form submission; Form fields win over the button\'s constants; blank is absent', () => {
    const content = JSON.stringify({ cardPrivateData: { params: { action: 'ticket.close', params: { satisfaction: '2' } } } });
    const button = parseCardCallback({ outTrackId: 'o', userId: 'u', content }, 'cb');
    expect(button.ok && button.value.form).toBeUndefined();
    expect(button.ok && new CardActionParams(button.value.params, 'comment', button.value.form).fromForm).toBe(false);
    const p = new CardActionParams({ satisfaction: '1', params: '{"satisfaction":"2"}', form: '{"satisfaction":"3","comment":"  "}' }, 'comment');
    expect(p.get('satisfaction')).toBe('3');
    expect(p.get('comment')).toBeUndefined();
  });
});

describe('the Forms the bot sends', () => {
  const byName = (fields: CardFormField[]) => Object.fromEntries(fields.map((f) => [f.name, f]));

  it('Resolve: hidden action and ref, a required TEXT_AREA solution, a required SELECT of every resolution code', () => {
    const f = byName(renderForm('resolve', 'R-000012', botCatalogZhCN).fields);
    expect(Object.keys(f)).toEqual(['action', 'ref', 'solution', 'resolution_code']);
    expect(f.action).toEqual({ name: 'action', type: 'TEXT', hidden: true, defaultValue: 'ticket.resolve' });
    expect(f.ref).toEqual({ name: 'ref', type: 'TEXT', hidden: true, defaultValue: 'R-000012' });
    expect(f.solution).toMatchObject({ type: 'TEXT_AREA', required: true, label: '解决方案' });
    expect(f.solution!.defaultValue).toBeUndefined();
    expect(f.resolution_code).toMatchObject({ type: 'SELECT', required: true, label: '解决类型' });
    expect(f.resolution_code!.options!.map((o) => o.value)).toEqual([...RESOLUTION_CODES]);
    expect(f.resolution_code!.options!.map((o) => o.text)).toEqual(RESOLUTION_CODES.map((c) => botCatalogZhCN.form.resolutionCodes[c]));
  });

  it('Close: a required SELECT satisfaction 1–4 with the catalog\'s words, an optional TEXT_AREA comment', () => {
    const f = byName(renderForm('close', 'R-000012', botCatalogEn).fields);
    expect(Object.keys(f)).toEqual(['action', 'ref', 'satisfaction', 'comment']);
    expect(f.action!.defaultValue).toBe('ticket.close');
    expect(f.satisfaction).toMatchObject({ type: 'SELECT', required: true, label: 'Satisfaction' });
    expect(f.satisfaction!.options).toEqual([
      { value: '1', text: 'Very satisfied' },
      { value: '2', text: 'Satisfied' },
      { value: '3', text: 'Dissatisfied' },
      { value: '4', text: 'Very dissatisfied' },
    ]);
    expect(f.comment).toMatchObject({ type: 'TEXT_AREA', required: false, label: 'Comment' });
  });

  it('pre-fills the values it is given: text as is, a SELECT as {index, value}; unknown or blank values stay empty', () => {
    const f = byName(renderForm('resolve', 'R-1', botCatalogEn, { solution: 'rebooted', resolution_code: 'training' }).fields);
    expect(f.solution!.defaultValue).toBe('rebooted');
    expect(f.resolution_code!.defaultValue).toEqual({ index: RESOLUTION_CODES.indexOf('training'), value: 'training' });
    const g = byName(renderForm('close', 'R-1', botCatalogEn, { satisfaction: '9', comment: '  ' }).fields);
    expect(g.satisfaction!.defaultValue).toBeUndefined();
    expect(g.comment!.defaultValue).toBeUndefined();
  });

  it.each([botCatalogZhCN, botCatalogEn])('both Forms stay under DingTalk\'s 1 KB per value (%#)', (c) => {
    for (const kind of ['resolve', 'close'] as const) {
      expect(Buffer.byteLength(formParam(renderForm(kind, 'R-000012', c)), 'utf8')).toBeLessThan(1024);
    }
  });
});
