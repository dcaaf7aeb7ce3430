/** EscalationMetrics on prom-client: firing lateness histogram and notice outcome counters. */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { EscalationMetrics } from '../../domain/ports/escalation-metrics.port';

export class PrometheusEscalationMetrics implements EscalationMetrics {
  private readonly lateness: Histogram<'level'>;
  private readonly noticeCount: Counter<'outcome'>;

  constructor(registry: Registry) {
    this.lateness = new Histogram({
      name: 'escalation_firing_lateness_seconds',
      help: 'Time between a threshold falling due and its firing',
      labelNames: ['level'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    });
    this.noticeCount = new Counter({
      name: 'escalation_notices_total',
      help: 'Notices by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  fired(level: string, latenessMs: number): void {
    this.lateness.observe({ level }, latenessMs / 1000);
  }

  notices(outcome: 'sent' | 'failed' | 'skipped' | 'dead', count: number): void {
    if (count > 0) this.noticeCount.inc({ outcome }, count);
  }
}
