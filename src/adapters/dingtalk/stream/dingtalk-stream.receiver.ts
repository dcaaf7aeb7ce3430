import type { DWClientDownStream, EventAckData } from 'dingtalk-stream';
import type { InboundPipeline } from '../inbound/inbound-pipeline';
import { silentLog, type Log } from '../../../domain/ports/log.port';
import { errorMessage } from '../../logging/error-message';
import { TOPIC_CARD_CALLBACK, TOPIC_ROBOT_MESSAGE } from '../openapi/dingtalk-api-names';
import { ResilientStreamClient, type ResilientStreamClientOptions, type StreamHealth } from './resilient-stream.client';

export interface DingTalkStreamReceiverOptions {
  /** Connection settings, or a ready client (tests). */
  client: ResilientStreamClientOptions | ResilientStreamClient;
  pipeline: InboundPipeline;
  logger?: Log;
}

/** One ACK per delivered frame; a second attempt is refused and logged (bolt-js style). */
class FrameAck {
  private done = false;
  constructor(
    private readonly client: ResilientStreamClient,
    private readonly messageId: string,
    private readonly logger: Log,
  ) {}

  get sent(): boolean {
    return this.done;
  }

  send(response: unknown, code = 200, message = 'OK'): void {
    if (this.done) {
      this.logger.warn('dingtalk.stream.second_ack_refused', { messageId: this.messageId });
      return;
    }
    this.done = true;
    this.client.sendAck(this.messageId, { response }, code, message);
  }
}

/**
 * Stream-mode receiver: subscribes to robot messages and card callbacks on the (fixed) DWClient, and for each
 * frame runs store → ACK → process through the InboundPipeline. Robot messages are ACKed right after the inbox
 * write (before any slow work); card clicks are ACKed with the clicker's re-rendered card, or `{"response":null}`
 * when the handler misses its deadline. Duplicates and malformed frames are ACKed and dropped. A frame the inbox
 * could not take but the spool did is ACKed like a stored one (a card click with `{"response":null}`: it is
 * processed when the spool drains, and its answer updates the card).
 */
export class DingTalkStreamReceiver {
  readonly client: ResilientStreamClient;
  private readonly logger: Log;

  constructor(private readonly options: DingTalkStreamReceiverOptions) {
    this.logger = options.logger ?? silentLog;
    this.client =
      options.client instanceof ResilientStreamClient
        ? options.client
        : new ResilientStreamClient({ ...options.client, logger: options.client.logger ?? this.logger });
    this.client.registerCallbackListener(TOPIC_ROBOT_MESSAGE, (frame) => void this.onRobotFrame(frame));
    this.client.registerCallbackListener(TOPIC_CARD_CALLBACK, (frame) => void this.onCardFrame(frame));
    this.client.registerAsyncEventListener((frame) => this.onEventFrame(frame));
  }

  /** Start connecting (never rejects; resolves after the first attempt). Start the HTTP server first. */
  start(): Promise<void> {
    return this.client.connect();
  }

  stop(): Promise<void> {
    return this.client.stop();
  }

  health(): StreamHealth {
    return this.client.health();
  }

  private async onRobotFrame(frame: DWClientDownStream): Promise<void> {
    const messageId = frame.headers?.messageId;
    const ack = new FrameAck(this.client, messageId, this.logger);
    try {
      const acceptance = await this.options.pipeline.acceptMessage(frame.data, messageId, 'stream');
      if (acceptance.status === 'store-failed') ack.send(null, 500, 'inbox unavailable');
      else ack.send(null);
      if (acceptance.status === 'accepted') void acceptance.process();
    } catch (err) {
      this.logger.error('dingtalk.stream.robot_frame_failed', { messageId, error: errorMessage(err) });
      if (!ack.sent) ack.send(null, 500, 'internal error');
    }
  }

  /** An EVENT frame: address-book events are stored, then answered `SUCCESS`, then processed; others `SUCCESS`. */
  private async onEventFrame(frame: DWClientDownStream): Promise<EventAckData> {
    const headers = frame.headers as unknown as Record<string, unknown>;
    const acceptance = await this.options.pipeline.acceptStaffEvent(headers, frame.data, 'stream');
    if (acceptance.status === 'store-failed') return { status: 'LATER' as EventAckData['status'], message: 'inbox unavailable' };
    // answered first, processed after: the ACK goes out when this resolves
    if (acceptance.status === 'accepted') setImmediate(() => void acceptance.process());
    return { status: 'SUCCESS' as EventAckData['status'] };
  }

  private async onCardFrame(frame: DWClientDownStream): Promise<void> {
    const messageId = frame.headers?.messageId;
    const ack = new FrameAck(this.client, messageId, this.logger);
    try {
      const acceptance = await this.options.pipeline.acceptCardAction(frame.data, messageId, 'stream');
      if (acceptance.status === 'accepted') ack.send(await acceptance.answer());
      else if (acceptance.status === 'store-failed') ack.send(null, 500, 'inbox unavailable');
      else ack.send(null);
    } catch (err) {
      this.logger.error('dingtalk.stream.card_frame_failed', { messageId, error: errorMessage(err) });
      if (!ack.sent) ack.send(null, 500, 'internal error');
    }
  }
}
