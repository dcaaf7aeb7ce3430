/**
 * The optional `.env` file (docs/interfaces.md "Environment"): read from the working directory at start-up when
 * present, parsed by Node's own `.env` parser (`util.parseEnv`, the one behind `node --env-file`), and merged into
 * `env` without overriding it: a variable set in the real environment wins over the file, even when set to ''
 * (as with `node --env-file`). No file → nothing changes and nothing is printed. Call it first thing in `main()`,
 * before `loadConfig()`; `.env.example` lists every variable with its default.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export type EnvFileResult =
  | { read: false }
  /** `applied`: the file's variables taken; `overridden`: those the real environment already set (kept). */
  | { read: true; file: string; applied: string[]; overridden: string[] };

export function readEnvFile(file = '.env', env: Record<string, string | undefined> = process.env): EnvFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { read: false };
    throw err;
  }
  const applied: string[] = [];
  const overridden: string[] = [];
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (value === undefined) continue;
    if (env[key] !== undefined) {
      overridden.push(key);
    } else {
      env[key] = value;
      applied.push(key);
    }
  }
  return { read: true, file, applied, overridden };
}
