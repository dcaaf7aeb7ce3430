import { ok, err, fail } from '../../src/domain/shared/result';

describe('result helpers', () => {
  it('wraps values and coded failures', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail('TICKET.NOT_FOUND', 'nope')).toEqual({ ok: false, error: { code: 'TICKET.NOT_FOUND', message: 'nope' } });
    expect(err(['bad'])).toEqual({ ok: false, error: ['bad'] });
  });
});
