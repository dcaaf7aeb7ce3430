import { actionsParam, formParam, toCallbackResponse, toPrivateCardData, toPublicCardParamMap, oversizedKeys } from '../../../../src/adapters/dingtalk/cards/card-params';
import type { CardForm, CardView } from '../../../../src/domain/ports/chat-gateway.port';

const view: CardView = {
  ref: 'R-000012',
  status: 'assigned',
  statusLabel: '处理中',
  title: '打印机卡纸',
  lastMessage: 'R-000012 处理中',
  fields: [{ label: '服务', value: 'IT 支持' }, { label: '处理人', value: 'Bob' }],
  publicActions: [{ label: '备注', action: 'ticket.note', tone: 'neutral', enabled: true, input: 'comment', placeholder: '备注' }],
  privateActions: {
    'u-bob': [
      { label: '挂起', action: 'ticket.pend', tone: 'caution', enabled: true, input: 'reason', placeholder: '原因' },
      { label: '指派', action: 'ticket.assign', tone: 'primary', enabled: false, input: '', placeholder: '', params: { agent: 'p-carol' } },
    ],
    'u-dave': [],
  },
  privateNotice: { 'u-carol': 'Bob 已认领' },
};

describe('CardView → cardParamMap', () => {
  it('maps public values to strings, arrays as JSON strings', () => {
    const map = toPublicCardParamMap(view);
    expect(Object.values(map).every((v) => typeof v === 'string')).toBe(true);
    expect(map).toMatchObject({ ref: 'R-000012', status: 'assigned', status_label: '处理中', title: '打印机卡纸', lastMessage: 'R-000012 处理中', notice: '' });
    expect(JSON.parse(map.fields)).toEqual(view.fields);
    expect(JSON.parse(map.actions)).toEqual([{ label: '备注', action: 'ticket.note', color: 'gray', status: 'normal', input: 'comment', placeholder: '备注' }]);
  });

  it('gives each listed user their complete list (an empty list hides the public buttons) and clears old notices', () => {
    const priv = toPrivateCardData(view);
    expect(Object.keys(priv).sort()).toEqual(['u-bob', 'u-carol', 'u-dave']);
    expect(JSON.parse(priv['u-bob'].actions)).toEqual([
      { label: '挂起', action: 'ticket.pend', color: 'orange', status: 'normal', input: 'reason', placeholder: '原因' },
      { label: '指派', action: 'ticket.assign', color: 'blue', status: 'disabled', input: '', placeholder: '', params: { agent: 'p-carol' } },
    ]);
    expect(priv['u-bob'].notice).toBe('');
    expect(priv['u-dave']).toEqual({ actions: '[]', notice: '' });
    expect(priv['u-carol']).toEqual({ notice: 'Bob 已认领' });
  });

  it('builds the callback response in the userPrivateData form', () => {
    expect(toCallbackResponse(view, 'u-bob')).toEqual({
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
      cardData: { cardParamMap: toPublicCardParamMap(view) },
      userPrivateData: { cardParamMap: toPrivateCardData(view)['u-bob'] },
    });
    // A clicker without private actions gets the public list explicitly (merge-by-key would keep stale buttons).
    expect(toCallbackResponse(view, 'u-nobody').userPrivateData.cardParamMap).toEqual({ actions: toPublicCardParamMap(view).actions, notice: '' });
    expect(toCallbackResponse(view, 'u-carol').userPrivateData.cardParamMap).toEqual({ actions: toPublicCardParamMap(view).actions, notice: 'Bob 已认领' });
  });

  it('opens a user\'s Form (`form_open` "true" and `form` as a JSON string) or closes it ("false"); others keep theirs', () => {
    const form: CardForm = { fields: [{ name: 'ref', kind: 'line', hidden: true, defaultValue: 'R-000012' }, { name: 'solution', kind: 'paragraph', required: true }] };
    const withForms: CardView = { ...view, privateForm: { 'u-bob': form, 'u-erin': null } };
    const priv = toPrivateCardData(withForms);
    expect(priv['u-bob']).toMatchObject({ form_open: 'true' });
    expect(JSON.parse(priv['u-bob'].form!)).toEqual({
      fields: [{ name: 'ref', type: 'TEXT', hidden: true, defaultValue: 'R-000012' }, { name: 'solution', type: 'TEXT_AREA', required: true }],
    });
    expect(priv['u-erin']).toEqual({ notice: '', form_open: 'false' });
    expect(priv['u-dave']).toEqual({ actions: '[]', notice: '' });
    expect(toCallbackResponse(withForms, 'u-erin').userPrivateData.cardParamMap).toEqual({ actions: toPublicCardParamMap(view).actions, notice: '', form_open: 'false' });
    expect(toCallbackResponse(withForms, 'u-bob').userPrivateData.cardParamMap.form).toBe(priv['u-bob'].form);
  });

  it('maps every tone to its DingTalk colour and `enabled` to `status`', () => {
    const tones = ['primary', 'neutral', 'positive', 'caution', 'danger'] as const;
    const wire = JSON.parse(actionsParam(tones.map((tone, i) => ({ label: tone, action: 'ticket.note', tone, enabled: i !== 4, input: '', placeholder: '' }))));
    expect(wire.map((a: { color: string; status: string }) => [a.color, a.status])).toEqual([
      ['blue', 'normal'],
      ['gray', 'normal'],
      ['green', 'normal'],
      ['orange', 'normal'],
      ['red', 'disabled'],
    ]);
  });

  it('writes Form fields as DingTalk wants them: keys in order, each kind its type, a choice\'s default as {index, value}', () => {
    const options = [{ value: 'a', text: 'A' }, { value: 'b', text: 'B' }];
    const form: CardForm = {
      fields: [
        { name: 'pick', kind: 'choice', label: 'Pick', placeholder: 'one', required: true, options, defaultValue: 'b' },
        { name: 'other', kind: 'choice', options, defaultValue: 'zzz' },
        { name: 'line', kind: 'line', defaultValue: 'x' },
        { name: 'text', kind: 'paragraph', label: 'Text', required: false },
      ],
    };
    expect(formParam(form)).toBe(
      JSON.stringify({
        fields: [
          { name: 'pick', type: 'SELECT', label: 'Pick', placeholder: 'one', required: true, options, defaultValue: { index: 1, value: 'b' } },
          { name: 'other', type: 'SELECT', options },
          { name: 'line', type: 'TEXT', defaultValue: 'x' },
          { name: 'text', type: 'TEXT_AREA', label: 'Text', required: false },
        ],
      }),
    );
  });

  it('flags values above 1 KB', () => {
    expect(oversizedKeys({ a: 'x'.repeat(1024), b: '汉'.repeat(400) })).toEqual(['b']);
  });
});
