import { classifyDingTalkAnswer, DingTalkAuthError, DingTalkServerError, DingTalkThrottledError } from '../../../../src/adapters/dingtalk/shared/dingtalk.errors';

describe('classifyDingTalkAnswer (both envelopes)', () => {
  it.each([
    ['new ok', 200, { processQueryKey: 'k' }, null],
    ['legacy ok', 200, { errcode: 0, errmsg: 'ok' }, null],
    ['empty body', 200, '', null],
    ['new QpsLimit app', 403, { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: 'x' }, 'throttled'],
    ['new QpsLimit api', 403, { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: 'x' }, 'throttled'],
    ['429 without body', 429, undefined, 'throttled'],
    ['legacy 90018', 200, { errcode: 90018, errmsg: 'x' }, 'throttled'],
    ['legacy 88/90002', 200, { errcode: 88, sub_code: '90002', errmsg: 'x' }, 'throttled'],
    ['monthly quota', 403, { code: 'Forbidden.AccessDenied.ApiCountLimitForOrg' }, 'quota'],
    ['legacy quota', 200, { errcode: 90020 }, 'quota'],
    ['bad token', 400, { code: 'InvalidAuthentication', message: 'x' }, 'token'],
    ['missing token', 400, { code: 'AuthenticationFailed.MissingParameter' }, 'token'],
    ['legacy bad token', 200, { errcode: 88, sub_code: '40014' }, 'token'],
    ['legacy expired token', 200, { errcode: 42001 }, 'token'],
    ['bad app secret', 400, { code: 'invalidClientIdOrSecret' }, 'credentials'],
    ['legacy bad app key', 200, { errcode: 40096 }, 'credentials'],
    ['missing scope', 403, { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied' }, 'permission'],
    ['5xx json', 503, { code: 'ServiceUnavailable' }, 'server'],
    ['5xx html', 502, '<html>bad gateway</html>', 'server'],
    ['ip ban page', 200, '<html>banned</html>', 'server'],
    ['bad param', 400, { code: 'invalidParameter.userIds.overMax' }, 'client'],
    ['card success=false', 200, { success: false, code: 'param.cardNotExist' }, 'client'],
  ])('%s', (_n, status, body, kind) => {
    const err = classifyDingTalkAnswer('api', status, body);
    if (kind === null) expect(err).toBeNull();
    else expect(err?.kind).toBe(kind);
  });

  it('keeps code, status and request id; picks the matching subclass', () => {
    const err = classifyDingTalkAnswer('robot', 403, { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: 'slow down', requestid: 'RID' })!;
    expect(err).toBeInstanceOf(DingTalkThrottledError);
    expect(err).toMatchObject({ api: 'robot', code: 'Forbidden.AccessDenied.QpsLimitForApi', message: 'slow down', httpStatus: 403, requestId: 'RID', retryable: true });
    expect(classifyDingTalkAnswer('a', 400, { code: 'InvalidAuthentication' })).toBeInstanceOf(DingTalkAuthError);
    expect(classifyDingTalkAnswer('a', 500, {})).toBeInstanceOf(DingTalkServerError);
    expect(classifyDingTalkAnswer('a', 200, { errcode: 88, sub_code: '40014', errmsg: 'x' })?.code).toBe('88/40014');
  });
});
