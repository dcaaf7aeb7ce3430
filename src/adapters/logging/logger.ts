/**
 * The process's logger: winston behind the one `Log` port every layer uses. JSON lines in production, readable
 * lines otherwise. Messages are dotted event names (`dingtalk.stream.connected`); data goes in fields.
 */
import winston from 'winston';
import type { Log } from '../../domain/ports/log.port';

export function createLogger(options: { level: string; format: 'json' | 'pretty'; silent?: boolean }): Log {
  const format =
    options.format === 'json'
      ? winston.format.combine(winston.format.timestamp(), winston.format.errors({ stack: true }), winston.format.json())
      : winston.format.combine(
          winston.format.timestamp({ format: 'HH:mm:ss.SSS' }),
          winston.format.errors({ stack: true }),
          winston.format.printf(({ timestamp, level, message, ...rest }) => {
            const extra = Object.keys(rest).length ? ' ' + JSON.stringify(rest) : '';
            return `${String(timestamp)} ${level.padEnd(5)} ${String(message)}${extra}`;
          }),
        );
  return winston.createLogger({
    level: options.level,
    format,
    silent: options.silent,
    transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn'] })],
  });
}
