/** Layer rules (see STYLE.md): the domain is pure; bot and escalation reach I/O through ports only. */
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
      name: 'bot-no-adapters',
      severity: 'error',
      comment: 'the chat layer reaches I/O through domain ports; only main.ts builds adapters',
      from: { path: '^src/bot' },
      to: { path: ['^src/adapters', '^src/escalation', '^src/main'] },
    },
    {
      name: 'escalation-no-adapters',
      severity: 'error',
      from: { path: '^src/escalation' },
      to: { path: ['^src/adapters', '^src/bot', '^src/main'] },
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
      to: { path: ['^src/bot', '^src/escalation', '^src/main'] },
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
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|test)' },
  },
};
