import { toCallbackResponse, toPrivateCardData, toPublicCardParamMap, oversizedKeys } from '../../../../src/adapters/dingtalk/cards/card-params';
import type { CardView } from '../../../../src/domain/ports/chat-gateway.port';

const view: CardView = {
  ref: 'R-000012',
  status: 'assigned',
  statusLabel: '处理中',
  title: '打印机卡纸',
  lastMessage: 'R-000012 处理中',
  fields: [{ label: '服务', value: 'IT 支持' }, { label: '处理人', value: 'Bob' }],
  publicActions: [{ label: '备注', action: 'ticket.note', color: 'gray', status: 'normal', input: 'comment', placeholder: '备注' }],
  privateActions: {
    'u-bob': [
      { label: '挂起', action: 'ticket.pend', color: 'orange', status: 'normal', input: 'reason', placeholder: '原因' },
      { label: '指派', action: 'ticket.assign', color: 'blue', status: 'disabled', input: '', placeholder: '', params: { agent: 'p-carol' } },
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
    const form = { fields: [{ name: 'ref', type: 'TEXT' as const, hidden: true, defaultValue: 'R-000012' }, { name: 'solution', type: 'TEXT_AREA' as const, required: true }] };
    const withForms: CardView = { ...view, privateForm: { 'u-bob': form, 'u-erin': null } };
    const priv = toPrivateCardData(withForms);
    expect(priv['u-bob']).toMatchObject({ form_open: 'true' });
    expect(JSON.parse(priv['u-bob'].form!)).toEqual(form);
    expect(priv['u-erin']).toEqual({ notice: '', form_open: 'false' });
    expect(priv['u-dave']).toEqual({ actions: '[]', notice: '' });
    expect(toCallbackResponse(withForms, 'u-erin').userPrivateData.cardParamMap).toEqual({ actions: toPublicCardParamMap(view).actions, notice: '', form_open: 'false' });
    expect(toCallbackResponse(withForms, 'u-bob').userPrivateData.cardParamMap.form).toBe(priv['u-bob'].form);
  });

  it('flags values above 1 KB', () => {
    expect(oversizedKeys({ a: 'x'.repeat(1024), b: '汉'.repeat(400) })).toEqual(['b']);
  });
});
