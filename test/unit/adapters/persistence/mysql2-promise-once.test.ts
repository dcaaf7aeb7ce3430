/**
 * mysql2's `PoolConnection.promise()` without its per-call `require` (docs/stack.md "mysql2 per-query require"):
 * the same kind of object as before, built from a class loaded once; applying it twice changes nothing. Fails
 * when mysql2 moves the files it reaches into (then the work-around must be revisited).
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { requireMysql2PromiseOnce } from '../../../../src/adapters/persistence/mysql2-promise-once';

const load = createRequire(__filename);
const root = path.dirname(load.resolve('mysql2'));
const PoolConnection = load(path.join(root, 'lib', 'pool_connection.js')) as { prototype: { promise(impl?: unknown): unknown } };
const PromisePoolConnection = load(path.join(root, 'lib', 'promise', 'pool_connection.js')) as new (...a: unknown[]) => unknown;

describe('mysql2 promise() once', () => {
  it('returns a PromisePoolConnection of the connection, with no require in the call, and is idempotent', () => {
    const before = PoolConnection.prototype.promise;
    requireMysql2PromiseOnce();
    const patched = PoolConnection.prototype.promise;
    expect(patched.toString()).not.toContain('require(');
    requireMysql2PromiseOnce();
    expect(PoolConnection.prototype.promise).toBe(patched);
    const connection = new EventEmitter();
    const wrapped = patched.call(connection, Promise) as { connection: unknown; Promise: unknown };
    expect(wrapped).toBeInstanceOf(PromisePoolConnection);
    expect(wrapped.connection).toBe(connection);
    expect(wrapped.Promise).toBe(Promise);
    // mysql2's own method (jest loads modules afresh per test file) built the same kind of object, with a require.
    expect(before.toString()).toContain('require(');
    expect(before.call(connection, Promise)).toBeInstanceOf(PromisePoolConnection);
  });
});
