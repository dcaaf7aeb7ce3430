import request from 'supertest';
import { Registry } from 'prom-client';
import { HealthRegistry } from '../../../../src/adapters/http/health';
import { databaseNotOpenHealth, escalationHealth, intakeHealth, spoolHealth } from '../../../../src/adapters/http/health-checks';
import { createHttpApp } from '../../../../src/adapters/http/http-app';
import { silentLog } from '../../../../src/domain/ports/log.port';

describe('/healthz degraded', () => {
  const serve = (health: HealthRegistry) => createHttpApp({ health, metrics: new Registry(), log: silentLog }).callback();

  it('200 degraded with the reasons while frames wait in the spool or messages queue; 503 only for an uncovered down', async () => {
    const health = new HealthRegistry();
    let frames = 0;
    health.register('spool', spoolHealth({ dir: '/s', writable: () => true, stats: () => ({ files: 1, frames, oldestAgeSeconds: frames ? 12.4 : null }) }));
    health.register('intake', intakeHealth(() => ({ inFlight: 64, queued: 3, maxInFlight: 64 })));
    health.register('database', () => ({ state: 'down', degraded: 'database down: frames are spooled' }));
    frames = 5;
    let res = await request(serve(health)).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'degraded',
      degraded: ['spool: 5 frames waiting (oldest 12 s)', 'intake: 64 messages in flight, 3 queued (MAX_IN_FLIGHT 64)', 'database down: frames are spooled'],
      spool: { state: 'up', frames: 5, oldest_age_seconds: 12 },
    });
    health.register('database', () => ({ state: 'down' }));
    res = await request(serve(health)).get('/healthz');
    expect(res.status).toBe(503);
  });

  it('before the database opens: 200 degraded while the spool can take frames, 503 when it cannot; escalation unreadable is no 503', async () => {
    const health = new HealthRegistry();
    let writable = true;
    health.register('database', databaseNotOpenHealth(() => ({ attempts: 3, error: 'connect ECONNREFUSED' }), { writable: () => writable }));
    health.register('escalation', escalationHealth({ worstLateness: () => Promise.reject(new Error('connect ECONNREFUSED')) }));
    let res = await request(serve(health)).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'degraded',
      database: { state: 'down', attempts: 3, error: 'connect ECONNREFUSED', degraded: 'database down: frames are spooled' },
      escalation: { state: 'down' },
    });
    writable = false;
    res = await request(serve(health)).get('/healthz');
    expect(res.status).toBe(503);
  });
});
