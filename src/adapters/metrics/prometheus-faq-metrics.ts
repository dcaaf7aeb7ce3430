/** FaqMetrics on prom-client: faq_shown_total, faq_solved_total, faq_still_help_total by entry and service. */
import { Counter, type Registry } from 'prom-client';
import type { FaqCounter } from '../../domain/faq/faq';
import type { FaqMetrics } from '../../domain/ports/faq-metrics.port';

export class PrometheusFaqMetrics implements FaqMetrics {
  private readonly counters: Record<FaqCounter, Counter<'faq' | 'service'>>;

  constructor(registry: Registry) {
    const counter = (name: string, help: string) => new Counter({ name, help, labelNames: ['faq', 'service'], registers: [registry] });
    this.counters = {
      shown: counter('faq_shown_total', 'FAQ entries shown to a caller before filing'),
      solved: counter('faq_solved_total', 'FAQ answers the caller marked solved (deflected requests)'),
      stillHelp: counter('faq_still_help_total', 'FAQ answers after which the caller still needed help (filed)'),
    };
  }

  counted(counter: FaqCounter, faqRef: string, service: string): void {
    this.counters[counter].inc({ faq: faqRef, service });
  }
}
