import { RecentSignedRequests } from '../../../../src/adapters/dingtalk/http/recent-signed-requests';

describe('RecentSignedRequests', () => {
  const t0 = 1_700_000_000_000;
  const key = (body: string) => RecentSignedRequests.keyOf(String(t0), 'sig=', body);

  it('keys the whole (timestamp, sign, body): another body with the same pair is another key', () => {
    expect(key('{"a":1}')).toBe(key('{"a":1}'));
    expect(key('{"a":1}')).not.toBe(key('{"a":2}'));
    expect(RecentSignedRequests.keyOf(String(t0), 'sig=', 'x')).not.toBe(RecentSignedRequests.keyOf(String(t0), 'other=', 'x'));
  });

  it('refuses a second claim until the timestamp leaves the window; a released claim can be made again', () => {
    const recent = new RecentSignedRequests(300_000);
    expect(recent.claim(key('a'), t0, t0)).toBe(true);
    expect(recent.claim(key('a'), t0, t0 + 300_000)).toBe(false);
    expect(recent.claim(key('b'), t0, t0)).toBe(true);
    recent.release(key('b'));
    expect(recent.claim(key('b'), t0, t0 + 1)).toBe(true);
    // Past the window the signature check refuses it anyway; the entry is swept.
    expect(recent.claim(key('c'), t0 + 400_000, t0 + 400_000)).toBe(true);
    expect(recent.size()).toBe(1);
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const recent = new RecentSignedRequests(300_000, 2);
    for (const b of ['a', 'b', 'c']) recent.claim(key(b), t0, t0);
    expect(recent.size()).toBe(2);
    expect(recent.claim(key('c'), t0, t0)).toBe(false);
    expect(recent.claim(key('a'), t0, t0)).toBe(true);
  });
});
