import { BullThresholdScheduler } from '../../../../src/adapters/queue/bull-threshold-scheduler';
const job = (jobId: string, ms: number) => ({ jobId, ticketId: 1, level: 'tto', deadlineVersion: 1, dueAt: new Date(Date.now() + ms) });
const live = new Map<any, string>();
const oST = global.setTimeout, oCT = global.clearTimeout;
(global as any).setTimeout = function (fn: any, ms: any, ...args: any[]) {
  const stack = new Error().stack!.split('\n').slice(2, 7).map((l) => l.trim()).join(' | ');
  const h: any = oST(function (this: any) { live.delete(h); return fn.apply(this, args); }, ms);
  live.set(h, ms + ' ' + stack);
  return h;
};
(global as any).clearTimeout = function (h: any) { live.delete(h); return oCT(h); };
import async_hooks from 'node:async_hooks';
const res = new Map<number, string>();
async_hooks.createHook({
  init(id, type) { if (type === 'Timeout') res.set(id, new Error().stack!.split('\n').slice(2, 12).map((l) => l.trim()).filter((l) => !l.includes('node:internal')).join(' | ')); },
  destroy(id) { res.delete(id); },
}).enable();
it('u', async () => {
  const logs: string[] = [];
  const logger = { debug: () => undefined, info: (m: string) => logs.push(m), warn: (m: string, x?: object) => logs.push(m + JSON.stringify(x)), error: (m: string, x?: object) => logs.push('ERR ' + m + JSON.stringify(x)) };
  const s = new BullThresholdScheduler({ redisUrl: 'redis://127.0.0.1:1', prefix: 'x', logger });
  await s.schedule([job('tto-X-1-1', 100)]).catch(() => undefined);
  if (process.env.START) await s.start(async () => undefined);
  console.log('before stop', (process as any).getActiveResourcesInfo().join(','));
  await s.stop();
  for (let i = 0; i < 4; i++) { console.log(i, (process as any).getActiveResourcesInfo().join(',')); await new Promise((r) => setTimeout(r, 500)); }
  console.log(logs); console.log([...res.values()]);
}, 30000);
