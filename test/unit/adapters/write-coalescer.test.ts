import { WriteCoalescer } from '../../../src/adapters/persistence/write-coalescer';

/** A write that stays open until released, recording each batch it was given. */
function gatedWriter() {
  const batches: number[][] = [];
  const releases: Array<(e?: Error) => void> = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(items);
      releases.push((e) => (e ? reject(e) : resolve()));
    });
  return { batches, releases, write };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('WriteCoalescer', () => {
  it('writes a lone call by itself at the next turn', async () => {
    const w = gatedWriter();
    const c = new WriteCoalescer(w.write);
    const done = c.add(1);
    await turn();
    expect(w.batches).toEqual([[1]]);
    w.releases[0]!();
    await expect(done).resolves.toBeUndefined();
  });

  it('gathers the calls of one turn into one batch', async () => {
    const w = gatedWriter();
    const c = new WriteCoalescer(w.write);
    const all = Promise.all([c.add(1), c.add(2), c.add(3)]);
    await turn();
    expect(w.batches).toEqual([[1, 2, 3]]);
    w.releases[0]!();
    await all;
  });

  it('holds calls made while a batch is being written and writes them together once it is done', async () => {
    const w = gatedWriter();
    const c = new WriteCoalescer(w.write);
    const first = c.add(1);
    await turn();
    const later = [c.add(2), c.add(3)];
    await turn();
    await turn();
    expect(w.batches).toEqual([[1]]); // nothing else starts while the first write is open
    w.releases[0]!();
    await first;
    await turn();
    expect(w.batches).toEqual([[1], [2, 3]]);
    w.releases[1]!();
    await Promise.all(later);
  });

  it('fails every call of a failed batch, and goes on with the next one', async () => {
    const w = gatedWriter();
    const c = new WriteCoalescer(w.write);
    const a = c.add(1);
    const b = c.add(2);
    await turn();
    w.releases[0]!(new Error('disk full'));
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    const next = c.add(3);
    await turn();
    expect(w.batches[1]).toEqual([3]);
    w.releases[1]!();
    await expect(next).resolves.toBeUndefined();
  });

  it('with a window, waits that long for more before writing', async () => {
    // Fake timers: the window is 30 ms whatever else the machine is doing (a real 10 ms sleep can take longer).
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const w = gatedWriter();
      const c = new WriteCoalescer(w.write, 30);
      const a = c.add(1);
      await turn();
      expect(w.batches).toEqual([]); // still gathering
      await jest.advanceTimersByTimeAsync(10);
      const b = c.add(2);
      await jest.advanceTimersByTimeAsync(19);
      expect(w.batches).toEqual([]); // 29 ms: still gathering
      await jest.advanceTimersByTimeAsync(11);
      expect(w.batches).toEqual([[1, 2]]);
      w.releases[0]!();
      await Promise.all([a, b]);
    } finally {
      jest.useRealTimers();
    }
  });
});
