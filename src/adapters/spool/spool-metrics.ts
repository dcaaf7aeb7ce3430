/** `spool_frames` and `spool_oldest_age_seconds` (docs/interfaces.md "Operations"), read from the spool directory when scraped. */
import { Gauge, type Registry } from 'prom-client';
import type { FileSpool } from './file-spool';

export function registerSpoolMetrics(spool: Pick<FileSpool, 'stats'>, registry: Registry): void {
  new Gauge({
    name: 'spool_frames',
    help: 'Frames waiting in the local spool directory for the inbox',
    registers: [registry],
    collect() {
      this.set(spool.stats().frames);
    },
  });
  new Gauge({
    name: 'spool_oldest_age_seconds',
    help: 'Age of the oldest frame waiting in the spool (0 when none)',
    registers: [registry],
    collect() {
      this.set(spool.stats().oldestAgeSeconds ?? 0);
    },
  });
}
