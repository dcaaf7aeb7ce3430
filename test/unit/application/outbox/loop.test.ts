import { silentLog } from '../../../../src/domain/ports/log.port';
import { Loop } from '../../../../src/application/outbox/loop';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Loop.kickWithin', () => {
  it('gathers the kicks of a short while into one run', async () => {
    let runs = 0;
    const loop = new Loop('t', 60_000, async () => void runs++, silentLog);
    loop.start(); // the first run, at once
    await sleep(5);
    expect(runs).toBe(1);
    loop.kickWithin(40);
    loop.kickWithin(40);
    loop.kickWithin(40);
    await sleep(10);
    expect(runs).toBe(1); // not yet
    await sleep(60);
    expect(runs).toBe(2); // once for the three
    await loop.stop();
  });

  it('never postpones a run already due sooner, and a plain kick still runs at once', async () => {
    let runs = 0;
    const loop = new Loop('t', 60_000, async () => void runs++, silentLog);
    loop.start();
    await sleep(5);
    loop.kickWithin(20);
    loop.kickWithin(5_000); // later than the one pending: changes nothing
    await sleep(50);
    expect(runs).toBe(2);
    loop.kickWithin(5_000);
    loop.kick();
    await sleep(5);
    expect(runs).toBe(3);
    await loop.stop();
    loop.kickWithin(1);
    await sleep(20);
    expect(runs).toBe(3); // stopped
  });
});
