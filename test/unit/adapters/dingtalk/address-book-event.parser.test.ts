/** Address-book EVENT frames: both payload forms (Stream `userId`, legacy `UserId`), a list or one id; what is ignored or dropped. */
import { parseAddressBookEvent } from '../../../../src/adapters/dingtalk/inbound/address-book-event.parser';

const headers = (extra: Record<string, unknown> = {}) => ({ eventType: 'user_leave_org', eventId: 'ev-1', eventBornTime: '1700000000000', messageId: 'm-1', ...extra });

describe('parseAddressBookEvent', () => {
  it.each([
    ['Stream form, a list', { userId: ['u1', 'u2'], corpId: 'c' }, ['u1', 'u2']],
    ['legacy callback form', { EventType: 'user_leave_org', UserId: ['u1'], CorpId: 'c' }, ['u1']],
    ['one string', { userId: 'u3' }, ['u3']],
    ['numbers and repeats', { UserId: [1001, '1001', ''] }, ['1001']],
  ])('%s', (_name, data, userIds) => {
    const r = parseAddressBookEvent(headers(), JSON.stringify(data), 5);
    expect(r).toEqual({ ok: true, value: { eventId: 'ev-1', type: 'user_leave_org', userIds, at: 1700000000000 } });
  });

  it('falls back to the messageId and the receive time', () => {
    const r = parseAddressBookEvent({ eventType: 'user_add_org', messageId: 'm-9' }, { userId: ['u'] }, 42);
    expect(r).toEqual({ ok: true, value: { eventId: 'm-9', type: 'user_add_org', userIds: ['u'], at: 42 } });
  });

  it('ignores other event types; drops what names nobody or is not JSON', () => {
    expect(parseAddressBookEvent(headers({ eventType: 'chat_update_title' }), '{}', 0)).toMatchObject({ ok: false, ignored: true });
    expect(parseAddressBookEvent(headers(), '{"corpId":"c"}', 0)).toMatchObject({ ok: false, ignored: false, error: 'no user id (UserId / userId)' });
    expect(parseAddressBookEvent(headers(), 'not json', 0)).toMatchObject({ ok: false, ignored: false, error: 'data is not JSON' });
  });
});
