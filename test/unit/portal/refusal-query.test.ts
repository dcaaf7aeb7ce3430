/** A refused action's code and details survive the form's redirect (docs/portal.md "Actions"). */
import { refusalFromQuery, refusalQuery } from '../../../src/portal/refusal-query';

describe('refusal query', () => {
  it('round-trips the details a sentence names, nothing else', () => {
    const q = refusalQuery({ code: 'TICKET.ALREADY_ASSIGNED', message: 'x', details: { ref: 'R-000012', agent: 'bjyunying2', secret: 'no', list: ['a'], max: 80 } });
    expect(q).toEqual({ 'd.ref': 'R-000012', 'd.agent': 'bjyunying2', 'd.max': '80' });
    expect(refusalFromQuery('TICKET.ALREADY_ASSIGNED', { ...q, 'd.secret': 'no' })).toEqual({
      code: 'TICKET.ALREADY_ASSIGNED',
      message: 'TICKET.ALREADY_ASSIGNED',
      details: { ref: 'R-000012', agent: 'bjyunying2', max: '80' },
    });
  });

  it('drops long or repeated values', () => {
    expect(refusalFromQuery('X', { 'd.agent': 'a'.repeat(101), 'd.ref': ['R-1', 'R-2'] }).details).toEqual({});
  });
});
