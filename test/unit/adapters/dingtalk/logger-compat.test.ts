import { Writable } from 'node:stream';
import winston from 'winston';
import type { Logger } from '../../../../src/adapters/dingtalk/shared/logger';

describe('Logger interface', () => {
  it('accepts a winston logger and its children as they are', () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    const logger: Logger = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] });
    const child: Logger = logger.child({ eventId: 'e1' });
    child.info('dingtalk.test', { a: 1 });
    expect(lines).toEqual([{ message: 'dingtalk.test', a: 1, eventId: 'e1', level: 'info' }]);
  });
});
