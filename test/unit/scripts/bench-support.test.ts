/**
 * The benches' argument parsing and their bot process's fail-fast (scripts/bench-support.ts): a bot that cannot
 * start or dies ends the bench at once with a sentence, never a wait for a card that will not come. Fast: the "bot"
 * is a one-line node script, no bench is run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { argNumber, argString, startBotProcess, whileAlive } from '../../../scripts/bench-support';

const never = () => new Promise<never>(() => undefined);

describe('bench arguments', () => {
  const argv = ['node', 'bench-storm.js', '--people', '500', '--rate', 'x', '--profile'];
  it('reads numbers, falling back when absent or not a positive number', () => {
    expect(argNumber('people', 3000, argv)).toBe(500);
    expect(argNumber('rate', 100, argv)).toBe(100);
    expect(argNumber('seconds', 30, argv)).toBe(30);
  });
  it('reads --profile with a directory, bare (the default directory) or absent (null)', () => {
    expect(argString('profile', 'bench-profiles', argv)).toBe('bench-profiles');
    expect(argString('profile', 'bench-profiles', ['node', 'b', '--profile', '/tmp/p', '--people', '5'])).toBe('/tmp/p');
    expect(argString('profile', 'bench-profiles', ['node', 'b', '--profile', '--people', '5'])).toBe('bench-profiles');
    expect(argString('profile', 'bench-profiles', ['node', 'b'])).toBeNull();
  });
});

describe('the bench bot process', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-support-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const script = (body: string) => {
    const file = path.join(dir, 'bot.js');
    fs.writeFileSync(file, body);
    return file;
  };

  it('a bot that dies ends the wait at once with a sentence naming its exit', async () => {
    const bot = startBotProcess(script('process.exit(3)'), { PATH: process.env.PATH ?? '' });
    const started = Date.now();
    await expect(whileAlive([bot], never())).rejects.toThrow(/^the bot process exited \(code 3, signal -\) before the bench was done: .*run the bench again$/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await bot.stop();
  });

  it('a bot that cannot start (no such script) ends the wait too', async () => {
    const bot = startBotProcess(path.join(dir, 'missing.js'), { PATH: process.env.PATH ?? '' });
    await expect(whileAlive([bot], never())).rejects.toThrow(/^the bot process exited \(code 1/);
  });

  it('while the bot lives the work decides; stop() ends it; --profile writes a CPU profile there', async () => {
    const profileDir = path.join(dir, 'profiles');
    const bot = startBotProcess(script("process.on('SIGTERM', () => process.exit(0)); setInterval(() => undefined, 1000);"), { PATH: process.env.PATH ?? '' }, { profileDir });
    await expect(whileAlive([bot], new Promise((r) => setTimeout(() => r('done'), 200)))).resolves.toBe('done');
    await bot.stop();
    expect(fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))).toHaveLength(1);
  });
});
