import { type Log } from '../../../src/domain/ports/log.port';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  meta: Record<string, unknown>;
}

/** A Log that keeps every line (children share the same list) — for asserting on log output in tests. */
export class RecordingLogger implements Log {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly bound: Record<string, unknown> = {},
    private readonly echo = process.env.DINGTALK_TEST_LOG === '1',
  ) {}

  private add(level: LogLine['level'], message: string, meta?: Record<string, unknown>): void {
    const line = { level, message, meta: { ...this.bound, ...(meta ?? {}) } };
    this.lines.push(line);
    if (this.echo) console.log(level, message, JSON.stringify(line.meta));
  }
  debug(message: string, meta?: Record<string, unknown>): void {
    this.add('debug', message, meta);
  }
  info(message: string, meta?: Record<string, unknown>): void {
    this.add('info', message, meta);
  }
  warn(message: string, meta?: Record<string, unknown>): void {
    this.add('warn', message, meta);
  }
  error(message: string, meta?: Record<string, unknown>): void {
    this.add('error', message, meta);
  }
  child(meta: Record<string, unknown>): RecordingLogger {
    return new RecordingLogger(this.lines, { ...this.bound, ...meta }, this.echo);
  }

  find(message: string): LogLine[] {
    return this.lines.filter((l) => l.message === message);
  }

  /** Every logged value, serialised: for "never logs a secret" assertions. */
  dump(): string {
    return JSON.stringify(this.lines);
  }
}
