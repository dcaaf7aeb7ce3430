import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../../src/adapters/config/load-config';
import { readEnvFile } from '../../../../src/adapters/config/read-env-file';

describe('readEnvFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'read-env-file-'));
  const file = path.join(dir, '.env');
  writeFileSync(
    file,
    ['# a comment', 'FOO=file', 'BAR=from-file', 'EMPTY_IN_ENV=file', 'QUOTED="a b"', 'export EXPORTED=yes', ''].join('\n'),
  );

  it('takes the file where the environment has nothing; a real variable wins, even an empty one', () => {
    const env: Record<string, string | undefined> = { FOO: 'real', EMPTY_IN_ENV: '' };
    const r = readEnvFile(file, env);
    expect(env).toEqual({ FOO: 'real', EMPTY_IN_ENV: '', BAR: 'from-file', QUOTED: 'a b', EXPORTED: 'yes' });
    if (!r.read) throw new Error('expected the file to be read');
    expect([r.file, [...r.applied].sort(), [...r.overridden].sort()]).toEqual([file, ['BAR', 'EXPORTED', 'QUOTED'], ['EMPTY_IN_ENV', 'FOO']]);
  });

  it('no file: nothing changes and nothing is printed', () => {
    const writes = jest.spyOn(process.stderr, 'write');
    const warns = jest.spyOn(console, 'warn');
    const env = { FOO: 'real' };
    expect(readEnvFile(path.join(dir, 'missing.env'), env)).toEqual({ read: false });
    expect(env).toEqual({ FOO: 'real' });
    expect(writes).not.toHaveBeenCalled();
    expect(warns).not.toHaveBeenCalled();
    writes.mockRestore();
    warns.mockRestore();
  });

  it('a .env that cannot be read (a directory) is an error, not silence', () => {
    const asDir = path.join(dir, 'dir.env');
    mkdirSync(asDir);
    expect(() => readEnvFile(asDir, {})).toThrow(/EISDIR/);
  });

  it('.env.example copied to .env changes nothing: the configuration is the one of an empty environment', () => {
    const env: Record<string, string | undefined> = {};
    expect(readEnvFile(path.join(__dirname, '../../../../.env.example'), env)).toMatchObject({ read: true });
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });
});
