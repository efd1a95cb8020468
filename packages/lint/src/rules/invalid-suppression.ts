import { defineRule } from '../rule-kit.js';

/**
 * Reported by the engine (suppressions.ts): an `axon-disable…` comment that names no rule or an
 * unknown one. A suppression must say what it silences.
 */
export default defineRule(
  {
    id: 'invalid-suppression',
    type: 'problem',
    description: 'An axon-disable comment that names no rule, or a rule that does not exist.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    messages: {
      noRule: '`{{directive}}` must name the rule(s) it suppresses, e.g. `// {{directive}} high-dropout -- reason`.',
      unknownRule: '`{{rule}}` is not an Axon lint rule{{suggestion}}.',
    },
  },
  () => {},
);
