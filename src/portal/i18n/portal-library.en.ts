/** English words of the FAQ browser, the demand pool and the contracts report (docs/portal.md). */
import type { PortalLibraryCatalog } from './portal-library.types';

export const PORTAL_LIBRARY_EN: PortalLibraryCatalog = {
  nav: { faq: 'FAQ', demands: 'Demand pool', contracts: 'Contracts report' },
  faq: {
    question: 'Question', answer: 'Answer', service: 'Service', search: 'Search', words: 'Words of your question',
    shown: 'Shown', solved: 'Solved', stillHelp: 'Still needed help', counters: 'Counters',
    empty: 'No FAQ entries are published for the services you may use.',
    noMatch: 'No entry matches; try other words, or send your question to the bot to file a request.',
    hint: 'Published answers of the services you may use. If none helps, send your question to the bot in DingTalk.',
  },
  demand: {
    ref: 'Demand', title: 'Title', state: 'State', service: 'Service', team: 'Team', caller: 'Caller', votes: 'Votes',
    sources: 'From requests', created: 'Created', any: 'Any state', empty: 'No demands in your teams.',
    hint: 'Feature requests turned into demands (demand R-… <note> in chat), newest first.',
  },
  demandState: { open: 'Open', accepted: 'Accepted', rejected: 'Rejected', done: 'Done' },
  contracts: {
    date: 'As of', org: 'Organisation', people: 'People', contracts: 'Contracts', can: 'Can file for', cannot: 'Cannot file for',
    none: 'none', nothing: 'Nothing: no contract and no delivery model.', empty: 'No active organisation has active people.',
    hint: 'For each active organisation with active people: the services its people can file for today, and those of its delivery model they cannot, with the reason. Fix a missing contract in the directory file.',
  },
  reason: {
    'service obsolete': 'service obsolete', 'no contract': 'no contract', 'contract obsolete': 'contract obsolete',
    'contract in implementation': 'contract in implementation', 'contract ended': 'contract ended {date}',
    'contract starts': 'contract starts {date}', 'SLA inactive': 'SLA inactive', 'no production subcategory': 'no subcategory in production',
  },
};
