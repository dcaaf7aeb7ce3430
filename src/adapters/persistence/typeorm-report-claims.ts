/**
 * `daily_reports` claims (docs/reports.md "Exactly once"): the first process to insert (lead, date) sends; another
 * takes the row over only when it is not sent and its lease has lapsed (a dead sender) or its retry is due.
 */
import type { DataSource } from 'typeorm';
import type { ReportClaims, ReportOutcome } from '../../domain/ports/report-queries.port';
import { isDuplicateKey } from './duplicate-key';
import { DailyReportRecord } from './records/daily-report.record';

export class TypeormReportClaims implements ReportClaims {
  constructor(private readonly ds: DataSource) {}

  async claim(personId: string, date: string, owner: string, now: Date, leaseMs: number, maxAttempts: number): Promise<boolean> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    try {
      await this.ds.getRepository(DailyReportRecord).insert({
        personId,
        reportDate: date,
        status: 'claimed',
        claimedBy: owner,
        leaseUntil,
        attempts: 1,
        via: null,
        mediaId: null,
        lastError: null,
        claimedAt: now,
        sentAt: null,
      });
      return true;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    const res = await this.ds
      .createQueryBuilder()
      .update(DailyReportRecord)
      .set({ status: 'claimed', claimedBy: owner, leaseUntil, claimedAt: now, attempts: () => 'attempts + 1' })
      .where('person_id = :personId AND report_date = :date AND status <> :sent AND lease_until < :now AND attempts < :max', {
        personId,
        date,
        sent: 'sent',
        now,
        max: maxAttempts,
      })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  async finish(personId: string, date: string, owner: string, outcome: ReportOutcome, now: Date): Promise<void> {
    const set =
      outcome.status === 'sent'
        ? { status: 'sent', via: outcome.via, mediaId: outcome.mediaId, lastError: outcome.error, sentAt: now }
        : { status: 'failed', lastError: outcome.error, leaseUntil: outcome.retryAt };
    await this.ds
      .createQueryBuilder()
      .update(DailyReportRecord)
      .set(set)
      .where('person_id = :personId AND report_date = :date AND claimed_by = :owner', { personId, date, owner })
      .execute();
  }
}
