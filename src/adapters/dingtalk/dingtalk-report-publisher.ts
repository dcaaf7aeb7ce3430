/**
 * The daily report to DingTalk (docs/reports.md "Delivery"): the chart through the legacy media upload
 * (`media/upload?type=image`), the report card by `createAndDeliver` to the lead's robot DM (`cardParamMap`
 * `report_date`, `scope`, `summary`, `chart`), the text fallback as a markdown robot message.
 */
import type { ReportPublisher } from '../../domain/ports/report-queries.port';
import type { DingTalkOpenApiClient } from './openapi/dingtalk-openapi.client';

export class DingTalkReportPublisher implements ReportPublisher {
  constructor(
    private readonly api: Pick<DingTalkOpenApiClient, 'uploadMedia' | 'createAndDeliverCard' | 'batchSendToUsers'>,
    private readonly cardTemplateId: string,
  ) {}

  uploadImage(png: Uint8Array, filename: string): Promise<string> {
    return this.api.uploadMedia('image', png, filename, 'image/png', { priority: 4 });
  }

  async sendCard(userId: string, outTrackId: string, params: Record<string, string>): Promise<void> {
    const res = await this.api.createAndDeliverCard({
      outTrackId,
      cardTemplateId: this.cardTemplateId,
      cardParamMap: params,
      spaces: [{ kind: 'dm', userId }],
      priority: 4,
    });
    const failed = res.deliverResults.find((r) => r.success === false);
    if (failed) throw new Error(`report card not delivered: ${JSON.stringify(failed).slice(0, 200)}`);
  }

  async sendText(userId: string, title: string, markdown: string): Promise<void> {
    const report = await this.api.batchSendToUsers([userId], 'sampleMarkdown', { title, text: markdown }, { priority: 4 });
    if (report.failed.length > 0) throw new Error(`report text not delivered: ${report.failed[0]!.code} ${report.failed[0]!.message}`);
  }
}
