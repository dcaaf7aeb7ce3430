/**
 * The emulator enforcing DingTalk's QPS limit per API (any sliding 1,000 ms; INTERFACES.md "Operations") against the
 * real OpenAPI client: throttled calls are answered as DingTalk does, retried by the client and counted.
 */
import request from 'supertest';
import { startDingTalkEmulator, type RunningDingTalkEmulator } from '../../../src/emulator';
import type { EmulatorPerson } from '../../../src/emulator/emulator.types';
import { DINGTALK_API } from '../../../src/adapters/dingtalk/openapi/dingtalk-api-names';
import { DEFAULT_RETRY_POLICY } from '../../../src/adapters/dingtalk/openapi/dingtalk-http';
import { openApiClientFor } from '../../support/dingtalk/dingtalk-harness';
import { RecordingLogger } from '../../support/dingtalk/recording-logger';

const PEOPLE: EmulatorPerson[] = Array.from({ length: 40 }, (_, i) => ({ personId: `p-${i}`, name: `Person ${i}`, dingtalkUserId: `u-${i}` }));

/** Most calls of one API served (HTTP 200) in any sliding 1,000 ms. */
function maxServedInSlidingSecond(running: RunningDingTalkEmulator, api: string): number {
  const at = running.emulator.apiCalls(api).filter((c) => c.status === 200).map((c) => c.at);
  let max = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('emulator QPS limit ↔ the real OpenAPI client', () => {
  let running: RunningDingTalkEmulator;
  afterEach(async () => {
    await running?.close();
  });

  it('answers calls beyond the limit with 403 QpsLimitForAppkeyAndApi; the client retries them and every call succeeds', async () => {
    running = await startDingTalkEmulator({ people: PEOPLE, apiQpsLimit: 5 });
    // No client-side limiter: 12 calls at once against 5 per sliding second.
    const api = openApiClientFor(running, new RecordingLogger(), { qps: 0, retry: DEFAULT_RETRY_POLICY });
    const users = PEOPLE.slice(0, 12).map((p) => p.dingtalkUserId);
    await Promise.all(users.map((u) => api.batchSendToUsers([u], 'sampleText', { content: `to ${u}` })));

    for (const u of users) expect(running.emulator.messagesReceivedBy(u).map((e) => e.text)).toEqual([`to ${u}`]);
    const calls = running.emulator.apiCalls(DINGTALK_API.robotBatchSend);
    const throttled = calls.filter((c) => c.status === 403);
    expect(throttled.length).toBeGreaterThanOrEqual(7);
    expect(throttled.every((c) => c.code === 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi')).toBe(true);
    expect(calls.filter((c) => c.status === 200)).toHaveLength(12);
    expect(maxServedInSlidingSecond(running, DINGTALK_API.robotBatchSend)).toBeLessThanOrEqual(5);
    // The throttled count, in process and on the inspection API a bench reads.
    expect(running.emulator.throttledCounts()).toEqual({ [DINGTALK_API.robotBatchSend]: throttled.length });
    expect(running.emulator.throttledTotal()).toBe(throttled.length);
    const inspect = await request(running.server).get('/emulator/api/inspect');
    expect(inspect.body).toMatchObject({ qpsLimit: 5, throttledCounts: { [DINGTALK_API.robotBatchSend]: throttled.length } });
  }, 30_000);

  it('answers legacy oapi calls beyond the limit with HTTP 200 errcode 88 / sub_code 90018', async () => {
    running = await startDingTalkEmulator({ people: PEOPLE, apiQpsLimit: 2 });
    const token = (await request(running.server).get('/gettoken').query({ appkey: running.emulator.credentials().clientId, appsecret: running.emulator.credentials().clientSecret }))
      .body.access_token as string;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await request(running.server).post(`/topapi/v2/user/get?access_token=${token}`).send({ userid: 'u-1' }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.errcode)).toEqual([0, 0, 88]);
    expect(answers[2]!.body.sub_code).toBe('90018');
    expect(running.emulator.throttledCounts()).toEqual({ [DINGTALK_API.userGet]: 1 });
  });

  it('switches the limit at run time through the control API (0 = off)', async () => {
    running = await startDingTalkEmulator({ people: PEOPLE });
    expect((await request(running.server).post('/emulator/api/faults').send({ kind: 'qpsLimit', limit: 1 })).status).toBe(200);
    const api = openApiClientFor(running, new RecordingLogger(), { qps: 0, retry: { maxAttempts: 1 } });
    await api.batchSendToUsers(['u-1'], 'sampleText', { content: 'one' });
    expect(await api.batchSendToUsers(['u-2'], 'sampleText', { content: 'two' })).toMatchObject({
      sent: [],
      failed: [{ userId: 'u-2', code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', retryable: true }],
    });
    expect((await request(running.server).post('/emulator/api/faults').send({ kind: 'qpsLimit', limit: -1 })).status).toBe(400);
    await request(running.server).post('/emulator/api/faults').send({ kind: 'qpsLimit', limit: 0 });
    await api.batchSendToUsers(['u-3'], 'sampleText', { content: 'three' });
    expect(running.emulator.throttledTotal()).toBe(1);
  });

  it('with DINGTALK_API_QPS equal to the enforced limit, the bot keeps a little under it: nothing is throttled', async () => {
    running = await startDingTalkEmulator({ people: PEOPLE, apiQpsLimit: 20 });
    const api = openApiClientFor(running, new RecordingLogger(), { qps: 20, retry: { maxAttempts: 1 } });
    await Promise.all(PEOPLE.map((p) => api.batchSendToUsers([p.dingtalkUserId], 'sampleText', { content: `paced ${p.dingtalkUserId}` })));
    expect(running.emulator.throttledTotal()).toBe(0);
    // 18 started per sliding second; arrival jitter may bring one more into a window, never past the limit.
    expect(maxServedInSlidingSecond(running, DINGTALK_API.robotBatchSend)).toBeLessThanOrEqual(20);
  }, 15_000);
});
