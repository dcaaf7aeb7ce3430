/** DingTalkOpenApiClient (axios) against the emulator's OpenAPI over HTTP on 127.0.0.1. */
import { startDingTalkEmulator, type RunningDingTalkEmulator } from '../../../src/emulator';
import type { EmulatorPerson } from '../../../src/emulator/emulator.types';
import { DingTalkApiError, DingTalkAuthError, DingTalkServerError, DingTalkThrottledError } from '../../../src/adapters/dingtalk/shared/dingtalk.errors';
import { DINGTALK_API } from '../../../src/adapters/dingtalk/openapi/dingtalk-api-names';
import type { ApiCallEvent } from '../../../src/adapters/dingtalk/openapi/dingtalk-http';
import { openApiClientFor, TEST_GROUP_ID } from '../../support/dingtalk/dingtalk-harness';
import { RecordingLogger } from '../../support/dingtalk/recording-logger';

const PEOPLE: EmulatorPerson[] = Array.from({ length: 45 }, (_, i) => ({
  personId: `p-${i}`,
  name: `Person ${i}`,
  dingtalkUserId: `u-${String(i).padStart(2, '0')}`,
}));
const ALL = PEOPLE.map((p) => p.dingtalkUserId);

describe('DingTalkOpenApiClient ↔ emulator', () => {
  let running: RunningDingTalkEmulator;
  let logger: RecordingLogger;
  beforeEach(async () => {
    running = await startDingTalkEmulator({ people: PEOPLE, groups: [{ conversationId: TEST_GROUP_ID, title: 'Ops' }] });
    logger = new RecordingLogger();
  });
  afterEach(async () => {
    await running.close();
  });

  it('fetches the token once, shares one refresh between concurrent callers, and counts calls per API', async () => {
    const events: ApiCallEvent[] = [];
    const api = openApiClientFor(running, logger, { onApiCall: (e) => events.push(e) });
    await Promise.all(ALL.slice(0, 5).map((u) => api.batchSendToUsers([u], 'sampleText', { content: `hi ${u}` })));
    expect(running.emulator.apiCallCounts()[DINGTALK_API.accessToken]).toBe(1);
    expect(api.apiCallCounts()).toEqual({ [DINGTALK_API.accessToken]: 1, [DINGTALK_API.robotBatchSend]: 5 });
    expect(events.filter((e) => e.api === DINGTALK_API.robotBatchSend).every((e) => e.outcome === 'ok' && e.status === 200)).toBe(true);
  });

  it('refreshes the token before it expires', async () => {
    await running.close();
    running = await startDingTalkEmulator({ people: PEOPLE, tokenTtlSeconds: 1 });
    let now = Date.now();
    const api = openApiClientFor(running, logger, { now: () => now });
    await api.getAccessToken();
    await api.getAccessToken();
    expect(running.emulator.apiCallCounts()[DINGTALK_API.accessToken]).toBe(1);
    now += 600; // past half of the 1 s lifetime: refresh margin reached
    await api.getAccessToken();
    expect(running.emulator.apiCallCounts()[DINGTALK_API.accessToken]).toBe(2);
  });

  it('survives a token invalidated mid-run (new API and legacy API): one refresh, then success', async () => {
    const api = openApiClientFor(running, logger);
    await api.batchSendToUsers(['u-00'], 'sampleText', { content: 'one' });
    running.emulator.faults.expireTokens();
    const report = await api.batchSendToUsers(['u-00'], 'sampleText', { content: 'two' });
    expect(report.sent).toEqual(['u-00']);
    running.emulator.faults.expireTokens();
    expect(await api.getUser('u-01')).toMatchObject({ userId: 'u-01', name: 'Person 1', unionId: 'union-u-01', active: true });
    expect(running.emulator.apiCalls().map((c) => `${c.api}:${c.code ?? c.status}`)).toEqual([
      'oauth2.accessToken:200',
      'robot.oToMessages.batchSend:200',
      'robot.oToMessages.batchSend:InvalidAuthentication',
      'oauth2.accessToken:200',
      'robot.oToMessages.batchSend:200',
      'topapi.v2.user.get:88/40014',
      'oauth2.accessToken:200',
      'topapi.v2.user.get:200',
    ]);
    expect(running.emulator.messagesReceivedBy('u-00').map((m) => m.text)).toEqual(['one', 'two']);
  });

  it('retries throttled answers (QpsLimit 403 and legacy 90018) with backoff', async () => {
    const api = openApiClientFor(running, logger);
    running.emulator.faults.throttle({ api: DINGTALK_API.robotGroupSend, times: 2 });
    await expect(api.sendGroupMessage(TEST_GROUP_ID, 'sampleMarkdown', { title: 'T', text: '**x**' })).resolves.toHaveProperty('processQueryKey');
    expect(running.emulator.apiCalls(DINGTALK_API.robotGroupSend).map((c) => c.code ?? 'ok')).toEqual([
      'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
      'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
      'ok',
    ]);
    running.emulator.faults.throttle({ api: DINGTALK_API.userGet, times: 1, scope: 'global' });
    expect(await api.getUser('u-02')).toMatchObject({ name: 'Person 2' });
    expect(running.emulator.apiCalls(DINGTALK_API.userGet).map((c) => c.code ?? 'ok')).toEqual(['88/90002', 'ok']);
    expect(logger.find('dingtalk.api.retrying').map((l) => l.meta.kind)).toEqual(['throttled', 'throttled', 'throttled']);
  });

  it('retries 5xx and gives up with a typed error after maxAttempts', async () => {
    const api = openApiClientFor(running, logger);
    running.emulator.faults.serverError({ api: DINGTALK_API.robotGroupSend, times: 3, status: 502 });
    await api.sendGroupMessage(TEST_GROUP_ID, 'sampleText', { content: 'eventually' });
    expect(running.emulator.apiCalls(DINGTALK_API.robotGroupSend).map((c) => c.status)).toEqual([502, 502, 502, 200]);

    running.emulator.faults.serverError({ api: DINGTALK_API.robotGroupSend, times: 10 });
    const err = await api.sendGroupMessage(TEST_GROUP_ID, 'sampleText', { content: 'never' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DingTalkServerError);
    expect(err).toMatchObject({ kind: 'server', httpStatus: 503, retryable: true, api: DINGTALK_API.robotGroupSend });
    expect(running.emulator.apiCalls(DINGTALK_API.robotGroupSend)).toHaveLength(8);

    running.emulator.faults.clear();
    running.emulator.faults.throttle({ api: DINGTALK_API.robotGroupSend, times: 10 });
    await expect(api.sendGroupMessage(TEST_GROUP_ID, 'sampleText', { content: 'never' })).rejects.toBeInstanceOf(DingTalkThrottledError);
  });

  it('splits more than 20 recipients into batches of at most 20 and reports unknown users', async () => {
    const api = openApiClientFor(running, logger);
    const report = await api.batchSendToUsers([...ALL, 'u-ghost', 'u-00'], 'sampleText', { content: 'maintenance tonight' });
    expect(report.sent).toHaveLength(45);
    expect(report.failed).toEqual([{ userId: 'u-ghost', code: 'invalidStaffId', message: expect.any(String), retryable: false }]);
    expect(running.emulator.apiCallCounts()[DINGTALK_API.robotBatchSend]).toBe(3);
    for (const u of ALL) expect(running.emulator.messagesReceivedBy(u)).toHaveLength(1);
  });

  it('retries users listed in flowControlledStaffIdList until sent, and reports them if it never clears', async () => {
    const api = openApiClientFor(running, logger);
    running.emulator.faults.flowControl({ userIds: ['u-03', 'u-04'], times: 2 });
    const report = await api.batchSendToUsers(['u-01', 'u-02', 'u-03', 'u-04'], 'sampleText', { content: 'hello' });
    expect(report.sent.sort()).toEqual(['u-01', 'u-02', 'u-03', 'u-04']);
    expect(report.failed).toEqual([]);
    expect(running.emulator.apiCallCounts()[DINGTALK_API.robotBatchSend]).toBe(3);
    expect(running.emulator.messagesReceivedBy('u-03')).toHaveLength(1);

    running.emulator.faults.flowControl({ userIds: ['u-05'], times: 10 });
    const stuck = await api.batchSendToUsers(['u-05'], 'sampleText', { content: 'x' });
    expect(stuck.failed).toEqual([{ userId: 'u-05', code: 'flowControlled', message: expect.any(String), retryable: true }]);
    expect(running.emulator.messagesReceivedBy('u-05')).toHaveLength(0);
  });

  it('turns client errors into typed, non-retried errors; a bad secret names the variables', async () => {
    const wrongRobot = openApiClientFor(running, logger, { robotCode: 'not-our-robot' });
    const err = await wrongRobot.sendGroupMessage(TEST_GROUP_ID, 'sampleText', { content: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DingTalkApiError);
    expect(err).toMatchObject({ kind: 'client', code: 'invalidParameter.robotCode.auth', httpStatus: 400, retryable: false });
    expect(running.emulator.apiCalls(DINGTALK_API.robotGroupSend)).toHaveLength(1);

    const badSecret = openApiClientFor(running, logger, { clientSecret: 'nope' });
    const tokenErr = await badSecret.getAccessToken().catch((e: unknown) => e);
    expect(tokenErr).toBeInstanceOf(DingTalkAuthError);
    expect(tokenErr).toMatchObject({ kind: 'credentials', code: 'invalidClientIdOrSecret' });
    expect(String(logger.find('dingtalk.api.token_rejected')[0].meta.hint)).toContain('DINGTALK_CLIENT_SECRET');
    expect(await openApiClientFor(running, logger).getUser('u-ghost')).toBeNull();
  });

  it('replies through a sessionWebhook without sending the token', async () => {
    const api = openApiClientFor(running, logger);
    const sent = running.emulator.sendRobotMessage({ fromUserId: 'u-07', text: 'hello' });
    const frame = running.emulator.frame(sent.messageId)!;
    const webhook = (JSON.parse(frame.frame.data) as { sessionWebhook: string }).sessionWebhook;
    await api.replyBySessionWebhook(webhook, { msgtype: 'markdown', markdown: { title: 'Done', text: '**R-000001** resolved' } });
    expect(running.emulator.messagesReceivedBy('u-07')).toMatchObject([{ kind: 'markdown', title: 'Done', text: '**R-000001** resolved', via: 'sessionWebhook' }]);
    expect(running.emulator.apiCallCounts()[DINGTALK_API.accessToken]).toBeUndefined();
    await expect(api.replyBySessionWebhook(webhook.replace(/session=.*/, 'session=expired'), { msgtype: 'text', text: { content: 'x' } })).rejects.toMatchObject({
      kind: 'client',
      code: '300001',
    });
  });

  it('registers an HTTP-mode card callback route', async () => {
    const api = openApiClientFor(running, logger);
    await api.registerCardCallback('itsm-bot', 'https://bot.example.com/dingtalk/card');
    expect(running.emulator.apiCalls('card.callbacks.register')).toMatchObject([{ status: 200 }]);
    await expect(api.registerCardCallback('itsm-bot', 'not a url')).rejects.toMatchObject({ kind: 'client', code: 'InvalidParameter' });
  });

  it('keeps each API under the configured QPS with the client-side limiter', async () => {
    await running.close();
    running = await startDingTalkEmulator({ people: PEOPLE, apiQpsLimit: 10 });
    // 8 QPS on our side under DingTalk's (emulated) 10: arrival jitter must not tip a window over the limit.
    const api = openApiClientFor(running, logger, { qps: 8 });
    await Promise.all(ALL.slice(0, 12).map((u) => api.batchSendToUsers([u], 'sampleText', { content: `paced ${u}` })));
    const calls = running.emulator.apiCalls(DINGTALK_API.robotBatchSend);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(calls[calls.length - 1].at - calls[0].at).toBeGreaterThanOrEqual(1000);
  });
});
