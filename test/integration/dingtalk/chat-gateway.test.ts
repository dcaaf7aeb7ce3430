/** DingTalkChatGateway (the ChatGateway port) against the emulator: cardParamMap mapping, spaces, reports. */
import type { CardAction, CardView } from '../../../src/domain/ports/chat-gateway.port';
import { DingTalkChatGateway, spaceChunks } from '../../../src/adapters/dingtalk/dingtalk-chat.gateway';
import { startDingTalkEmulator, type RunningDingTalkEmulator } from '../../../src/emulator';
import { DINGTALK_API } from '../../../src/adapters/dingtalk/openapi/dingtalk-api-names';
import { CARD_TEMPLATE_ID, openApiClientFor, TEST_GROUP_ID, TEST_PEOPLE } from '../../support/dingtalk/dingtalk-harness';
import { RecordingLogger } from '../../support/dingtalk/recording-logger';

const claim: CardAction = { label: '认领', action: 'ticket.claim', tone: 'primary', enabled: true, input: '', placeholder: '' };
const pend: CardAction = { label: '挂起', action: 'ticket.pend', tone: 'caution', enabled: true, input: 'reason', placeholder: '原因' };
const assign: CardAction = { label: '指派给 Carol', action: 'ticket.assign', tone: 'neutral', enabled: true, input: '', placeholder: '', params: { agent: 'p-carol' } };
/** The same buttons as DingTalk receives them. */
const claimWire = { label: '认领', action: 'ticket.claim', color: 'blue', status: 'normal', input: '', placeholder: '' };
const pendWire = { label: '挂起', action: 'ticket.pend', color: 'orange', status: 'normal', input: 'reason', placeholder: '原因' };
const assignWire = { label: '指派给 Carol', action: 'ticket.assign', color: 'gray', status: 'normal', input: '', placeholder: '', params: { agent: 'p-carol' } };

function view(over: Partial<CardView> = {}): CardView {
  return {
    ref: 'R-000012',
    status: 'new',
    statusLabel: '新建',
    title: '打印机卡纸',
    lastMessage: 'R-000012 新建',
    fields: [{ label: '服务', value: 'IT 支持' }],
    publicActions: [],
    privateActions: { 'u-bob': [claim, assign] },
    ...over,
  };
}

describe('DingTalkChatGateway ↔ emulator', () => {
  let running: RunningDingTalkEmulator;
  let gateway: DingTalkChatGateway;
  beforeEach(async () => {
    running = await startDingTalkEmulator({ people: TEST_PEOPLE, groups: [{ conversationId: TEST_GROUP_ID, title: 'IT 服务台' }] });
    gateway = new DingTalkChatGateway({ api: openApiClientFor(running), cardTemplateId: CARD_TEMPLATE_ID, logger: new RecordingLogger() });
  });
  afterEach(async () => {
    await running.close();
  });

  it('delivers a card to a group and a DM with public params and per-user private actions', async () => {
    const report = await gateway.deliverCard('R-000012-g1', [{ kind: 'group', conversationId: TEST_GROUP_ID }, { kind: 'dm', userId: 'u-bob' }], view());
    expect(report).toEqual({ delivered: [TEST_GROUP_ID, 'u-bob'], failed: [] });
    const card = running.emulator.card('R-000012-g1')!;
    expect(card.cardTemplateId).toBe(CARD_TEMPLATE_ID);
    expect(card.callbackType).toBe('STREAM');
    expect(card.publicData).toEqual({
      ref: 'R-000012',
      status: 'new',
      status_label: '新建',
      title: '打印机卡纸',
      lastMessage: 'R-000012 新建',
      fields: '[{"label":"服务","value":"IT 支持"}]',
      actions: '[]',
      notice: '',
    });
    expect(JSON.parse(card.privateData['u-bob'].actions)).toEqual([claimWire, assignWire]);
    // The emulator also records when each space got the card (benchmarks measure delivery latency with it).
    expect(card.spaces).toEqual([
      { type: 'IM_GROUP', id: TEST_GROUP_ID, deliveredAt: expect.any(Number) },
      { type: 'IM_ROBOT', id: 'u-bob', deliveredAt: expect.any(Number) },
    ]);
    expect(running.emulator.cardViewFor('R-000012-g1', 'u-carol')!.actions).toBe('[]');
    expect(running.emulator.messagesReceivedBy('u-bob')).toMatchObject([{ kind: 'card', outTrackId: 'R-000012-g1' }]);
  });

  it('updates in place: public data merged, each listed user gets their complete list and notice', async () => {
    await gateway.deliverCard('R-000012-dm', [{ kind: 'dm', userId: 'u-bob' }], view());
    await gateway.updateCard(
      'R-000012-dm',
      view({ status: 'assigned', statusLabel: '处理中', privateActions: { 'u-bob': [pend] }, privateNotice: { 'u-carol': 'Bob 已认领' } }),
    );
    const bob = running.emulator.cardViewFor('R-000012-dm', 'u-bob')!;
    expect(bob.status_label).toBe('处理中');
    expect(JSON.parse(bob.actions)).toEqual([pendWire]);
    expect(running.emulator.cardViewFor('R-000012-dm', 'u-carol')).toMatchObject({ notice: 'Bob 已认领', actions: '[]' });
    expect(running.emulator.messagesReceivedBy('u-bob')).toHaveLength(1);
  });

  it('resets a user dropped from privateActions to the public buttons', async () => {
    await gateway.deliverCard('R-000012-dm', [{ kind: 'dm', userId: 'u-bob' }], view());
    const note: CardAction = { label: '备注', action: 'ticket.note', tone: 'neutral', enabled: true, input: 'comment', placeholder: '' };
    await gateway.updateCard('R-000012-dm', view({ status: 'closed', statusLabel: '已关闭', publicActions: [note], privateActions: {} }));
    expect(JSON.parse(running.emulator.cardViewFor('R-000012-dm', 'u-bob')!.actions)).toEqual([
      { label: '备注', action: 'ticket.note', color: 'gray', status: 'normal', input: 'comment', placeholder: '' },
    ]);
  });

  it('a partial update (privatePartial) carries the listed holders only; earlier holders keep their buttons (merged per user)', async () => {
    await gateway.deliverCard('I-000007', [{ kind: 'dm', userId: 'u-bob' }], view({ ref: 'I-000007' }));
    await gateway.addCardSpaces('I-000007', [{ kind: 'dm', userId: 'u-carol' }]);
    const puts = running.emulator.apiCalls(DINGTALK_API.cardUpdate).length;
    await gateway.updateCard('I-000007', view({ ref: 'I-000007', title: '2 人', privateActions: { 'u-carol': [pend] }, privatePartial: true }));
    expect(running.emulator.apiCalls(DINGTALK_API.cardUpdate).slice(puts)).toHaveLength(1);
    // Bob is not in the update: he keeps his buttons (no reset to the public list), the public part is new.
    expect(running.emulator.cardViewFor('I-000007', 'u-bob')).toMatchObject({ title: '2 人' });
    expect(JSON.parse(running.emulator.cardViewFor('I-000007', 'u-bob')!.actions)).toEqual([claimWire, assignWire]);
    expect(JSON.parse(running.emulator.cardViewFor('I-000007', 'u-carol')!.actions)).toEqual([pendWire]);
  });

  it('delivering an existing outTrackId updates it instead of duplicating it', async () => {
    await gateway.deliverCard('R-000012-dm', [{ kind: 'dm', userId: 'u-bob' }], view());
    const report = await gateway.deliverCard('R-000012-dm', [{ kind: 'dm', userId: 'u-bob' }], view({ status: 'pending', statusLabel: '挂起' }));
    expect(report.delivered).toEqual(['u-bob']);
    expect(running.emulator.cards()).toHaveLength(1);
    expect(running.emulator.cardViewFor('R-000012-dm', 'u-bob')!.status).toBe('pending');
    expect(running.emulator.messagesReceivedBy('u-bob')).toHaveLength(1);
    expect(running.emulator.apiCalls(DINGTALK_API.cardCreateAndDeliver)[1].code).toBe('param.cardAlreadyExist');
  });

  it('reports per-space delivery failures and API failures without throwing', async () => {
    const report = await gateway.deliverCard('R-1-x', [{ kind: 'dm', userId: 'u-ghost' }, { kind: 'dm', userId: 'u-alice' }], view());
    expect(report.delivered).toEqual(['u-alice']);
    expect(report.failed).toEqual([{ userId: 'u-ghost', code: 'deliverFailed', message: 'user not found', retryable: false }]);

    running.emulator.faults.serverError({ api: DINGTALK_API.robotGroupSend, times: 99 });
    const group = await gateway.notifyGroup(TEST_GROUP_ID, { title: 't', text: 'x' });
    expect(group).toEqual({ delivered: [], failed: [{ conversationId: TEST_GROUP_ID, code: 'ServiceUnavailable', message: expect.any(String), retryable: true }] });
  });

  it('sends notices as sampleText or sampleMarkdown, and private answers to one user', async () => {
    const r = await gateway.notifyUsers(['u-alice', 'u-carol'], { title: 'R-000012', text: 'R-000012 已解决' });
    expect(r.delivered).toEqual(['u-alice', 'u-carol']);
    await gateway.notifyGroup(TEST_GROUP_ID, { title: 'R-000012 升级', text: '**R-000012** TTO', markdown: true });
    await gateway.answerPrivately('u-bob', { title: 'x', text: 'Carol 已认领 R-000012' });
    expect(running.emulator.messagesReceivedBy('u-alice')).toMatchObject([{ kind: 'text', text: 'R-000012 已解决', via: 'batchSend' }]);
    expect(running.emulator.conversation(TEST_GROUP_ID)).toMatchObject([{ kind: 'markdown', title: 'R-000012 升级', text: '**R-000012** TTO' }]);
    expect(running.emulator.messagesReceivedBy('u-bob')).toMatchObject([{ text: 'Carol 已认领 R-000012' }]);
    await expect(gateway.answerPrivately('u-ghost', { title: 'x', text: 'y' })).rejects.toMatchObject({ code: 'invalidStaffId' });
  });

  it('new holders asked by separate events while a deliver waits or is in flight go together in the next calls', async () => {
    // The client paced at 2 calls a second: the first deliver goes, the others wait for its slot and accumulate.
    gateway = new DingTalkChatGateway({ api: openApiClientFor(running, new RecordingLogger(), { qps: 2 }), cardTemplateId: CARD_TEMPLATE_ID });
    const people = Array.from({ length: 70 }, (_, i) => ({ personId: `p-s${i}`, name: `S${i}`, dingtalkUserId: `u-storm-${String(i).padStart(4, '0')}` }));
    running.emulator.addPeople(people);
    expect(await gateway.deliverCard('I-000009', [{ kind: 'dm', userId: 'u-bob' }], view({ ref: 'I-000009' }))).toEqual({ delivered: ['u-bob'], failed: [] });
    const before = running.emulator.apiCalls(DINGTALK_API.cardDeliver).length;
    // 70 events, one new holder each, at once.
    const reports = await Promise.all(people.map((p) => gateway.addCardSpaces('I-000009', [{ kind: 'dm', userId: p.dingtalkUserId }], 'answer')));
    reports.forEach((r, i) => expect(r).toEqual({ delivered: [people[i]!.dingtalkUserId], failed: [] }));
    const card = running.emulator.card('I-000009')!;
    for (const p of people) expect(card.spaces.some((s) => s.type === 'IM_ROBOT' && s.id === p.dingtalkUserId)).toBe(true);
    // One for the first asker, then as many as openSpaceId allows per call (≤ 1,000 characters each).
    const rest = spaceChunks(people.slice(1).map((p) => ({ kind: 'dm' as const, userId: p.dingtalkUserId })));
    expect(running.emulator.apiCalls(DINGTALK_API.cardDeliver).length - before).toBe(1 + rest.length);
    expect(rest.length).toBeLessThan(3);
  });
});
