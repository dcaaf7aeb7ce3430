import { ok, fail } from '../../src/domain/shared/result';

describe('result helpers', () => {
  it('wraps values and coded failures', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail('X.Y', 'nope')).toEqual({ ok: false, error: { code: 'X.Y', message: 'nope' } });
  });
});
