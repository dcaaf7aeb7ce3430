import { parseCardCallback } from '../../../../src/adapters/dingtalk/inbound/card-callback.parser';
import { parseRobotMessage } from '../../../../src/adapters/dingtalk/inbound/robot-message.parser';

const dm = {
  conversationId: 'cidDM==',
  conversationType: '1',
  chatbotUserId: '$:LWCP_v1:$BOT',
  msgId: 'msgA==',
  senderNick: 'Alice',
  senderStaffId: '0123',
  msgtype: 'text',
  text: { content: '  hi  ' },
  createAt: 1700000000000,
  sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=x',
  sessionWebhookExpiredTime: 1700005400000,
};

describe('parseRobotMessage', () => {
  it('parses a DM from a JSON string', () => {
    expect(parseRobotMessage(JSON.stringify(dm), 5)).toEqual({
      ok: true,
      value: {
        msgId: 'msgA==',
        senderUserId: '0123',
        senderNick: 'Alice',
        conversationType: 'dm',
        conversationId: 'cidDM==',
        mentioned: true,
        atUserIds: [],
        text: 'hi',
        msgType: 'text',
        createdAt: 1700000000000,
        sessionWebhook: dm.sessionWebhook,
        sessionWebhookExpiresAt: 1700005400000,
      },
    });
  });

  it('parses a group @bot message with other mentions', () => {
    const r = parseRobotMessage(
      { ...dm, conversationType: '2', isInAtList: false, atUsers: [{ dingtalkId: '$:LWCP_v1:$BOT' }, { dingtalkId: '$:x', staffId: '0456' }, { dingtalkId: '$:y' }] },
      0,
    );
    expect(r.ok && r.value).toMatchObject({ conversationType: 'group', mentioned: true, atUserIds: ['0456'] });
  });

  it('tolerates missing text (quota), other types, numbers for strings and a missing msgId with a fallback', () => {
    const { text: _t, ...noText } = dm;
    expect(parseRobotMessage({ ...noText, errorMessage: { code: 20001 } }, 0)).toMatchObject({ ok: true, value: { text: null, msgType: 'text' } });
    expect(parseRobotMessage({ ...noText, msgtype: 'picture', content: { downloadCode: 'd' } }, 0)).toMatchObject({ ok: true, value: { text: null, msgType: 'picture' } });
    expect(parseRobotMessage({ ...noText, msgtype: 'richText', content: { richText: [{ text: 'a ' }, { type: 'picture' }, { text: 'b' }] } }, 0)).toMatchObject({
      ok: true,
      value: { text: 'a b' },
    });
    expect(parseRobotMessage({ ...dm, conversationType: 2, createAt: '17' }, 0)).toMatchObject({ ok: true, value: { conversationType: 'group', createdAt: 17 } });
    const { msgId: _m, ...noId } = dm;
    expect(parseRobotMessage(noId, 0, 'frame-1')).toMatchObject({ ok: true, value: { msgId: 'frame:frame-1' } });
    expect(parseRobotMessage({ ...dm, sessionWebhook: 'javascript:alert(1)' }, 0)).toMatchObject({ ok: true, value: { sessionWebhook: null } });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['null', null],
    ['no conversation', { msgId: 'x' }],
    ['no id and no fallback', { conversationId: 'c' }],
  ])('refuses %s', (_n, input) => {
    expect(parseRobotMessage(input, 0).ok).toBe(false);
  });
});

describe('parseCardCallback', () => {
  const content = (params: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ cardPrivateData: { actionIds: ['btn'], params }, ...extra });

  it('flattens named params, `text`, the `params` object and `form` fields', () => {
    const r = parseCardCallback(
      {
        outTrackId: 'R-1-g',
        userId: 'u1',
        content: content({ action: 'ticket.resolve', ref: 'R-1', params: { agent: 'p-9' }, satisfaction: 2, urgent: true, pick: { index: 1, value: 'bug_fixed' }, form: { solution: 'rebooted', tags: ['a', 'b'] } }),
      },
      'cb-1',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        callbackId: 'cb-1',
        outTrackId: 'R-1-g',
        userId: 'u1',
        actionIds: ['btn'],
        params: { agent: 'p-9', action: 'ticket.resolve', ref: 'R-1', satisfaction: '2', urgent: 'true', pick: 'bug_fixed', solution: 'rebooted', tags: '["a","b"]' },
        form: { solution: 'rebooted', tags: '["a","b"]' },
      },
    });
  });

  it('reads `value` when `content` is absent, and params beside cardPrivateData', () => {
    const value = JSON.stringify({ cardPrivateData: { actionIds: ['x'] }, params: { action: 'ticket.claim', ref: 'R-2' } });
    expect(parseCardCallback(JSON.stringify({ outTrackId: 'o', userId: 'u', value }), 'id')).toMatchObject({ ok: true, value: { params: { action: 'ticket.claim', ref: 'R-2' }, actionIds: ['x'] } });
  });

  it.each([
    ['no outTrackId', { userId: 'u', content: content({}) }],
    ['no userId', { outTrackId: 'o', content: content({}) }],
    ['content not JSON', { outTrackId: 'o', userId: 'u', content: '{' }],
    ['no params', { outTrackId: 'o', userId: 'u', content: '{}' }],
  ])('refuses %s', (_n, input) => {
    expect(parseCardCallback(input, 'id').ok).toBe(false);
  });
});

describe('robot message text hygiene', () => {
  const raw = (content: string) => ({ conversationId: 'c', msgId: 'm', msgtype: 'text', text: { content } });
  it('strips C0 (except tab and newline), DEL and C1 control characters', () => {
    const parsed = parseRobotMessage(raw('a\u0000b\u0007c\td\ne\u001bf\u007fg\u0085h\u009fi\r'), 0);
    expect(parsed.ok && parsed.value.text).toBe('abc\td\nefghi');
  });
  it('keeps at most maxTextChars characters (code points) of a huge message', () => {
    const parsed = parseRobotMessage(raw('𠀀'.repeat(3) + 'x'.repeat(5_000_000)), 0, undefined, 4001);
    expect(parsed.ok && [...parsed.value.text!].length).toBe(4001);
    expect(parsed.ok && parsed.value.text!.startsWith('𠀀𠀀𠀀x')).toBe(true);
  });
});
