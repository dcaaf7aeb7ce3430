/**
 * Layer rules (see docs/architecture.md): the domain is pure; the application (use cases, unit of work, outbox) builds on the
 * domain alone; bot and escalation reach I/O through ports only, use the application and the domain, never each other.
 */
const IO = '^(typeorm|mysql2|better-sqlite3|bull|ioredis|axios|koa|@koa/router|winston|dingtalk-stream|ws|prom-client|yaml|fs|node:fs|net|node:net|http|node:http|https|node:https|child_process|node:child_process)$';
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain imports no other layer and no I/O library',
      from: { path: '^src/domain' },
      to: { pathNot: '^src/domain|^node_modules/(zod|luxon|chinese-days)/|^(zod|luxon|chinese-days)$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-not-into-application',
      severity: 'error',
      comment: 'not even type-only: the application builds on the domain, not the other way round',
      from: { path: '^src/domain' },
      to: { path: '^src/(application|bot|escalation|adapters)/' },
    },
    {
      name: 'bot-no-adapters',
      severity: 'error',
      comment: 'the chat layer reaches I/O through domain ports; only main.ts builds adapters',
      from: { path: '^src/bot' },
      to: { path: ['^src/adapters', '^src/escalation', '^src/main', '^src/compose-'] },
    },
    {
      name: 'escalation-no-adapters',
      severity: 'error',
      from: { path: '^src/escalation' },
      to: { path: ['^src/adapters', '^src/bot', '^src/main', '^src/compose-'] },
    },
    {
      name: 'application-on-domain-only',
      severity: 'error',
      comment: 'src/application imports only itself and src/domain (and no library but the pure ones the domain uses)',
      from: { path: '^src/application' },
      to: {
        pathNot: '^src/(application|domain)/|^node_modules/(zod|luxon|chinese-days)/|^(zod|luxon|chinese-days)$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'application-no-io',
      severity: 'error',
      comment: 'not even type-only: the application reaches I/O through domain ports',
      from: { path: '^src/application' },
      to: { path: IO, dependencyTypes: ['npm', 'core'] },
    },
    {
      name: 'application-not-into-layers',
      severity: 'error',
      comment: 'not even type-only: bot, escalation, adapters and the composition root build on the application',
      from: { path: '^src/application' },
      to: { path: ['^src/(bot|escalation|adapters)/', '^src/main', '^src/compose-'] },
    },
    {
      name: 'bot-escalation-no-io',
      severity: 'error',
      from: { path: '^src/(bot|escalation)' },
      to: { path: IO, dependencyTypes: ['npm', 'core'] },
    },
    {
      name: 'adapters-not-into-app',
      severity: 'error',
      comment: 'adapters implement ports; they do not call the application layers',
      from: { path: '^src/adapters' },
      to: { path: ['^src/bot', '^src/escalation', '^src/application', '^src/main', '^src/compose-'] },
    },
    {
      name: 'adapters-not-into-emulator',
      severity: 'error',
      comment: 'the real adapters reach the emulator only by URL; only main.ts composes the two',
      from: { path: '^src/adapters' },
      to: { path: '^src/emulator' },
    },
    {
      name: 'emulator-not-into-app',
      severity: 'error',
      comment: 'the emulator is a DingTalk of its own: domain ports/types and wire-level adapter helpers only',
      from: { path: '^src/emulator' },
      to: { path: ['^src/bot', '^src/escalation', '^src/application', '^src/main', '^src/compose-'] },
    },
    {
      name: 'bot-views-are-leaves',
      severity: 'error',
      comment: 'bot/views (cards, replies) render from domain values: nothing from the rest of bot but the action ids, no ports but types',
      from: { path: '^src/bot/views/' },
      to: { path: '^src/bot/', pathNot: '^src/bot/(views/|action-ids\\.ts$)' },
    },
    {
      name: 'bot-views-no-application',
      severity: 'error',
      comment: 'views take what they show as arguments; only types of the application',
      from: { path: '^src/bot/views/' },
      to: { path: '^src/application/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'bot-listeners-not-into-reactions',
      severity: 'error',
      comment: 'listeners answer events, reactions follow committed changes: shared code lives in bot/support',
      from: { path: '^src/bot/listeners/' },
      to: { path: '^src/bot/reactions/' },
    },
    {
      name: 'bot-reactions-not-into-listeners',
      severity: 'error',
      from: { path: '^src/bot/reactions/' },
      to: { path: '^src/bot/listeners/' },
    },
    {
      name: 'bot-support-not-into-listeners-or-reactions',
      severity: 'error',
      comment: 'the shared helpers (delivery, replies, readers) serve listeners and reactions, never the other way round',
      from: { path: '^src/bot/support/' },
      to: { path: '^src/bot/(listeners|reactions|app)/' },
    },
    {
      name: 'bot-router-only-from-app',
      severity: 'error',
      comment: 'the router and the registrations are wired by the entry point (bot/app) alone',
      from: { path: '^src/bot/', pathNot: '^src/bot/app/' },
      to: { path: ['^src/bot/router\\.ts$', '^src/bot/app/'] },
    },
    {
      name: 'bot-app-only-from-main',
      severity: 'error',
      comment: 'outside bot, only the composition root uses the chat layer entry point',
      from: { path: '^src/', pathNot: ['^src/bot/', '^src/main\\.ts$'] },
      to: { path: '^src/bot/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|test)' },
  },
};
