/** A settable clock for tests (the domain never reads time itself). */
import type { Clock } from '../../src/domain/ports/clock.port';

export class FakeClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t.getTime());
  }
  set(t: Date): void {
    this.t = t;
  }
  advance(ms: number): Date {
    this.t = new Date(this.t.getTime() + ms);
    return this.now();
  }
}
