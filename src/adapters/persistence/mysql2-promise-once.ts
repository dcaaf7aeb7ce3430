/**
 * mysql2 (3.24 to 3.26 at least) `PoolConnection.promise()` runs `require('./promise/pool_connection.js')` on every
 * call, and TypeORM's MySQL query runner calls it on every query: Node resolves the module again each time (path
 * and package.json look-ups), 4 % of the bot's CPU during bench:storm. Here the class is required once and
 * `promise()` returns the same object it always did (docs/stack.md "mysql2 per-query require"). Idempotent.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

type PromiseImpl = PromiseConstructor | undefined;
interface PoolConnectionClass {
  prototype: { promise(impl?: PromiseImpl): unknown; __promiseOnce?: true };
}

export function requireMysql2PromiseOnce(): void {
  const load = createRequire(__filename);
  const root = path.dirname(load.resolve('mysql2'));
  const PoolConnection = load(path.join(root, 'lib', 'pool_connection.js')) as PoolConnectionClass;
  if (PoolConnection.prototype.__promiseOnce) return;
  const PromisePoolConnection = load(path.join(root, 'lib', 'promise', 'pool_connection.js')) as new (conn: unknown, impl?: PromiseImpl) => unknown;
  PoolConnection.prototype.promise = function promise(this: unknown, impl?: PromiseImpl) {
    return new PromisePoolConnection(this, impl);
  };
  PoolConnection.prototype.__promiseOnce = true;
}
