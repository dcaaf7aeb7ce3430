/**
 * Stable names of the DingTalk APIs this adapter calls: the `api` label of `dingtalk_api_calls_total`, the key of
 * the client-side rate limiter and the name the local demo DingTalk records calls under. Extend, never rename.
 */
export const DINGTALK_API = {
  accessToken: 'oauth2.accessToken',
  legacyGetToken: 'gettoken',
  gatewayOpen: 'gateway.connections.open',
  robotBatchSend: 'robot.oToMessages.batchSend',
  robotGroupSend: 'robot.groupMessages.send',
  robotSessionWebhook: 'robot.sendBySession',
  cardCreateAndDeliver: 'card.instances.createAndDeliver',
  cardDeliver: 'card.instances.deliver',
  cardUpdate: 'card.instances.update',
  cardStreaming: 'card.streaming',
  cardCallbackRegister: 'card.callbacks.register',
  userGet: 'topapi.v2.user.get',
  mediaUpload: 'media.upload',
} as const;

export type DingTalkApiName = (typeof DINGTALK_API)[keyof typeof DINGTALK_API];

/** Robot API batch limit for `oToMessages/batchSend` (`userIds` per call). */
export const BATCH_SEND_MAX_USERS = 20;

/** Stream topics (same values as the `dingtalk-stream` package constants). */
export const TOPIC_ROBOT_MESSAGE = '/v1.0/im/bot/messages/get';
export const TOPIC_CARD_CALLBACK = '/v1.0/card/instances/callback';
