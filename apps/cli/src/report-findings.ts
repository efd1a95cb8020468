/** Lint and diagnose findings as the report's diagram marks them: by the layer whose source holds them. */
import type { ResolvedNetwork } from '@axon/language';
import type { Finding } from '@axon/lint';
import type { ReportFinding } from '@axon/report';

export function reportFindings(network: ResolvedNetwork, findings: readonly Finding[]): ReportFinding[] {
  return findings
    .filter((f) => f.network === undefined || f.network === network.name)
    .map((f) => {
      const at = f.range.start.offset;
      const layer = f.expansion
        ? f.expansion.layers[0]! - 1
        : network.layers.findIndex((l) => l.origin.range.start.offset <= at && at < l.origin.range.end.offset);
      return {
        ...(layer >= 0 ? { layer } : {}),
        line: f.range.start.line,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
      };
    });
}
