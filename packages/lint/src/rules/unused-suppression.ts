import { defineRule } from '../rule-kit.js';

/**
 * Reported by the engine (suppressions.ts), not by a check over the network: an
 * `axon-disable…` comment that silenced nothing.
 */
export default defineRule(
  {
    id: 'unused-suppression',
    type: 'suggestion',
    description: 'An axon-disable comment that suppresses no finding.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: true,
    messages: {
      unused: '`{{directive}}` suppresses `{{rule}}`, but {{where}} has no `{{rule}}` finding; remove it so it cannot hide a future problem.',
    },
  },
  () => {},
);
