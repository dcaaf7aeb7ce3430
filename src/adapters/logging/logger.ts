/** Winston logger: JSON lines in production, readable lines otherwise. Messages are constant; data in fields. */
import winston from 'winston';

export type Logger = winston.Logger;

export function createLogger(options: { level: string; format: 'json' | 'pretty'; silent?: boolean }): Logger {
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
