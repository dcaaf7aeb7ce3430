import { Writable } from 'node:stream';
import winston from 'winston';
import { type Log } from '../../../../src/domain/ports/log.port';

describe('Log interface', () => {
  it('accepts a winston logger and its children as they are', () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    const logger: Log = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] });
    const child: Log = logger.child({ eventId: 'e1' });
    child.info('dingtalk.test', { a: 1 });
    expect(lines).toEqual([{ message: 'dingtalk.test', a: 1, eventId: 'e1', level: 'info' }]);
  });
});
