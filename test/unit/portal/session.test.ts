/** The page's session cookie (docs/portal.md "Session"): signed, expiring, tamper-evident. */
import { SessionCodec } from '../../../src/portal/session';

describe('SessionCodec', () => {
  const codec = new SessionCodec('a-session-secret-of-at-least-32-characters');
  const now = Date.UTC(2026, 11, 7);

  it('round-trips a session and refuses it after 8 hours', () => {
    const s = codec.create('bjxiaoshoua', 'en', now);
    const value = codec.encode(s);
    expect(codec.decode(value, now + 1000)).toEqual(s);
    expect(codec.decode(value, now + 8 * 3600_000)).toBeNull();
  });

  it('refuses a changed payload, another key, and garbage', () => {
    const value = codec.encode(codec.create('bjxiaoshoua', null, now));
    const [payload, sig] = value.split('.');
    const forged = Buffer.from(JSON.stringify({ p: 'admin', c: 'x', e: now + 3600_000, l: null })).toString('base64url');
    expect(codec.decode(`${forged}.${sig}`, now)).toBeNull();
    expect(new SessionCodec('another-secret-of-at-least-32-characters!').decode(value, now)).toBeNull();
    expect(codec.decode(`${payload}`, now)).toBeNull();
    expect(codec.decode(undefined, now)).toBeNull();
  });

  it('gives every sign-in its own CSRF token', () => {
    expect(codec.create('a', null, now).csrf).not.toEqual(codec.create('a', null, now).csrf);
  });
});
