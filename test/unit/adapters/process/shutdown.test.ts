import { Shutdown } from '../../../../src/adapters/process/shutdown';
import { silentLog } from '../../../../src/domain/ports/log.port';

describe('Shutdown', () => {
  it('runs the steps in reverse order of registration, once, even when closed twice', async () => {
    const order: string[] = [];
    const s = new Shutdown(silentLog);
    for (const name of ['database', 'http', 'escalation']) s.add(name, () => void order.push(name));
    const [a, b] = await Promise.all([s.close(), s.close()]);
    expect(order).toEqual(['escalation', 'http', 'database']);
    expect([a, b]).toEqual([true, true]);
  });

  it('a failing step is logged by name, the others still run, and the result says so', async () => {
    const order: string[] = [];
    const logged: Array<Record<string, unknown> | undefined> = [];
    const s = new Shutdown({ ...silentLog, error: (_m: string, meta?: Record<string, unknown>) => void logged.push(meta) });
    s.add('database', () => void order.push('database'));
    s.add('dingtalk', async () => {
      throw new Error('socket gone');
    });
    s.add('escalation', () => void order.push('escalation'));
    expect(await s.close()).toBe(false);
    expect(order).toEqual(['escalation', 'database']);
    expect(logged).toEqual([{ step: 'dingtalk', error: 'socket gone' }]);
  });
});
