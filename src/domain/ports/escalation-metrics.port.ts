/** What the escalation layer reports about itself (Prometheus in production). */
export interface EscalationMetrics {
  /** A threshold fired `latenessMs` after its due time. */
  fired(level: string, latenessMs: number): void;
  /** Notices delivered / failed / skipped. */
  notices(outcome: 'sent' | 'failed' | 'skipped' | 'dead', count: number): void;
}

export const noMetrics: EscalationMetrics = { fired: () => undefined, notices: () => undefined };
