import { AccessTokenProvider } from '../../../../src/adapters/dingtalk/openapi/access-token.provider';

describe('AccessTokenProvider', () => {
  it('caches, refreshes a margin before expiry, and runs one refresh at a time', async () => {
    let now = 0;
    let n = 0;
    let release: () => void = () => undefined;
    const provider = new AccessTokenProvider({
      now: () => now,
      refreshMarginMs: 300_000,
      fetchToken: () =>
        new Promise((resolve) => {
          n += 1;
          const token = `t${n}`;
          release = () => resolve({ token, expiresInSeconds: 7200 });
        }),
    });
    const concurrent = Promise.all([provider.get(), provider.get(), provider.get()]);
    release();
    expect(await concurrent).toEqual(['t1', 't1', 't1']);
    expect(n).toBe(1);
    now = 6_899_000; // 1 s before the 5-minute margin
    expect(await provider.get()).toBe('t1');
    now = 6_900_000;
    const next = provider.get();
    release();
    expect(await next).toBe('t2');
  });

  it('invalidate drops only the refused token', async () => {
    let n = 0;
    const provider = new AccessTokenProvider({ fetchToken: async () => ({ token: `t${++n}`, expiresInSeconds: 7200 }) });
    expect(await provider.get()).toBe('t1');
    provider.invalidate('t0');
    expect(await provider.get()).toBe('t1');
    provider.invalidate('t1');
    expect(await provider.get()).toBe('t2');
  });

  it('a failed refresh is not cached', async () => {
    let fail = true;
    const provider = new AccessTokenProvider({
      fetchToken: async () => {
        if (fail) throw new Error('down');
        return { token: 'ok', expiresInSeconds: 7200 };
      },
    });
    await expect(provider.get()).rejects.toThrow('down');
    fail = false;
    expect(await provider.get()).toBe('ok');
  });
});
