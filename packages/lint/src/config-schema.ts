/**
 * A JSON schema for `axon.config.json`, built from the registry: editors can validate and complete
 * the file (VS Code: `jsonValidation`). resolveConfig stays the authority; this mirrors it.
 */
import { PRESET_NAMES } from './presets.js';
import { rules } from './rules/index.js';

const SEVERITY = { enum: ['off', 'info', 'warning', 'error'] };

export function configJsonSchema(): object {
  const ruleProps: Record<string, object> = {};
  for (const r of rules) {
    const options = { ...r.meta.schema, description: `Options of ${r.meta.id} (defaults: ${JSON.stringify(r.meta.defaultOptions)})` };
    ruleProps[r.meta.id] = {
      description: `${r.meta.description} Default: ${r.meta.defaultSeverity}${r.meta.recommended ? '' : ' (all preset only)'}.`,
      anyOf: [
        SEVERITY,
        {
          type: 'array',
          minItems: 1,
          maxItems: 2,
          items: [SEVERITY, options],
          additionalItems: false,
        },
        { type: 'object', properties: { severity: SEVERITY, options }, additionalProperties: false },
      ],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'axon.config.json',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      presets: {
        description: 'recommended (default) or all; later presets override earlier ones.',
        anyOf: [{ enum: [...PRESET_NAMES] }, { type: 'array', items: { enum: [...PRESET_NAMES] } }],
      },
      rules: { type: 'object', properties: ruleProps, additionalProperties: false },
    },
  };
}
