/** What the client can set (`axon.*` settings, or initializationOptions for editors without workspace/configuration). */
import type { Severity } from '@axon/language';

export type RuleSeverity = 'off' | Severity;

export interface AxonSettings {
  /** Rule severities by rule id; they override axon.config.json. */
  rules: Record<string, RuleSeverity>;
  /** Delay between the last edit and validation, in ms. */
  debounceMs: number;
  /** The repository root rule pages live under: `<base>docs/rules/<rule-id>.md`. */
  docsBaseUrl: string;
  /** Run the linter (parse and analysis errors are always reported). */
  lint: boolean;
  /** Show shapes and parameter counts as inlay hints. */
  inlayHints: boolean;
}

export const DEFAULT_DOCS_BASE_URL = 'https://github.com/axon-lang/axon/blob/main/';

export const defaultSettings: AxonSettings = {
  rules: {},
  debounceMs: 150,
  docsBaseUrl: DEFAULT_DOCS_BASE_URL,
  lint: true,
  inlayHints: true,
};

const severities = new Set(['off', 'info', 'warning', 'error']);

/** Merges whatever the client sent over the defaults, ignoring values of the wrong type. */
export function readSettings(raw: unknown, base: AxonSettings = defaultSettings): AxonSettings {
  const s: AxonSettings = { ...base, rules: { ...base.rules } };
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      const v = sev === 'warn' ? 'warning' : sev;
      if (typeof v === 'string' && severities.has(v)) s.rules[id] = v as RuleSeverity;
    }
  }
  const debounce = r.debounceMs ?? r.debounce;
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) s.debounceMs = debounce;
  if (typeof r.docsBaseUrl === 'string' && r.docsBaseUrl.length > 0) s.docsBaseUrl = r.docsBaseUrl.endsWith('/') ? r.docsBaseUrl : `${r.docsBaseUrl}/`;
  if (typeof r.lint === 'boolean') s.lint = r.lint;
  if (typeof r.inlayHints === 'boolean') s.inlayHints = r.inlayHints;
  return s;
}
