/**
 * Reading a card Form submission (docs/dingtalk-cards.md §2.5) whichever shape it arrives in (`form` as an object or a
 * JSON string, a SELECT as `{index, value}`, button `params` as an object or a JSON string): the adapter is the
 * only parser; the bot's `CardActionParams` reads the flat strings it hands over. Checked end to end.
 */
import { flattenCardParams, formOf, parseCardCallback } from '../../../../src/adapters/dingtalk/inbound/card-callback.parser';
import { CardActionParams } from '../../../../src/bot/listeners/card-actions/card-action-params';

/** A click whose button params are `params` as they arrive (strings, JSON strings, objects), parsed by the adapter. */
function clicked(params: Record<string, unknown>) {
  const content = JSON.stringify({ cardPrivateData: { actionIds: ['x'], params } });
  const parsed = parseCardCallback({ outTrackId: 'R-000012-u-1', userId: 'u1', content }, 'cb');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

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

  it('a `form` sent as a JSON string is read the same way, by the adapter, and so by CardActionParams', () => {
    const json = JSON.stringify({ ...wire, resolution_code: { index: 0, value: 'assistance' } });
    expect(formOf({ form: json })).toEqual({ ...wire, resolution_code: { index: 0, value: 'assistance' } });
    expect(flattenCardParams({ form: json })).toEqual({ action: 'ticket.resolve', ref: 'R-000012', solution: '换了硒鼓', resolution_code: 'assistance' });
    expect(submitted(json).form).toMatchObject({ resolution_code: 'assistance' });
    const close = clicked({ action: 'ticket.close', form: JSON.stringify({ satisfaction: { index: 3, value: '4' }, comment: '太慢' }) });
    const p = new CardActionParams(close.params, 'comment', close.form);
    expect(p.fromForm).toBe(true);
    expect([p.get('satisfaction'), p.get('comment')]).toEqual(['4', '太慢']);
  });

  it('a plain click is not a Form submission; Form fields win over the button\'s constants; blank is absent', () => {
    const content = JSON.stringify({ cardPrivateData: { params: { action: 'ticket.close', params: { satisfaction: '2' } } } });
    const button = parseCardCallback({ outTrackId: 'o', userId: 'u', content }, 'cb');
    expect(button.ok && button.value.form).toBeUndefined();
    expect(button.ok && new CardActionParams(button.value.params, 'comment', button.value.form).fromForm).toBe(false);
    const mixed = clicked({ satisfaction: '1', params: '{"satisfaction":"2"}', form: '{"satisfaction":"3","comment":"  "}' });
    const p = new CardActionParams(mixed.params, 'comment', mixed.form);
    expect(p.get('satisfaction')).toBe('3');
    expect(p.get('comment')).toBeUndefined();
  });
});

describe('button params beside a Form', () => {
  it('nested `params` (an object or a JSON string) only fill gaps: named params win, Form fields win over both', () => {
    expect(clicked({ action: 'ticket.close', satisfaction: '1', params: { satisfaction: '2', agent: 'p-a' } }).params).toEqual({ action: 'ticket.close', satisfaction: '1', agent: 'p-a' });
    expect(clicked({ action: 'ticket.close', satisfaction: '1', params: '{"satisfaction":"2","agent":"p-a"}' }).params).toEqual({ action: 'ticket.close', satisfaction: '1', agent: 'p-a' });
    expect(clicked({ params: '{"satisfaction":"2"}', form: { satisfaction: { index: 2, value: '3' } } }).params).toEqual({ satisfaction: '3' });
    expect(clicked({ params: 'not json' }).params).toEqual({ params: 'not json' });
  });
});

describe('CardActionParams', () => {
  it('accepts named params, `text` for the single input, and a `form` JSON string (flattened by the adapter)', () => {
    expect(new CardActionParams({ reason: 'a', text: 'b' }, 'reason').get('reason')).toBe('a');
    expect(new CardActionParams({ text: 'b' }, 'reason').get('reason')).toBe('b');
    expect(new CardActionParams({ text: 'b' }, 'solution').get('reason')).toBeUndefined();
    const submission = clicked({ form: '{"solution":"s","resolution_code":"bug_fixed"}' });
    expect(new CardActionParams(submission.params, 'solution', submission.form).get('resolution_code')).toBe('bug_fixed');
    expect(new CardActionParams({ reason: '  ' }, 'reason').get('reason')).toBeUndefined();
  });
});
