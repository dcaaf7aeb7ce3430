/** FAQ counters for /metrics (docs/interfaces.md "Metrics"): shown, solved, still needed help, per entry and service. */
import type { FaqCounter } from '../faq/faq';

export interface FaqMetrics {
  counted(counter: FaqCounter, faqRef: string, service: string): void;
}

export const noFaqMetrics: FaqMetrics = { counted: () => undefined };
