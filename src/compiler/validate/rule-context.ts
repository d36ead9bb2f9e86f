// What a semantic rule sees and how it reports. Rules are pure: they read the spec and call `report`.
import type { Diagnostic, DiagnosticCode, Severity, SourceRange } from '../diagnostics/index.js';
import type { NetworkSpec } from '../model/spec.js';
import { type DataPath, type LocateTarget, locate, type ParsedSpec } from '../parse/index.js';

export interface Finding {
  code: DiagnosticCode;
  message: string;
  hint?: string;
  /** Where: the primary path first; further paths become related locations (e.g. the first definition). */
  at: DataPath | DataPath[];
  /** Point at the key rather than the value (for names that are map keys). */
  target?: LocateTarget;
  severity?: Severity;
}

export interface RuleContext {
  readonly spec: NetworkSpec;
  readonly parsed: ParsedSpec;
  /** The folder of the network.yaml: relative paths in the spec resolve against it. */
  readonly baseDir: string;
  report(finding: Finding): void;
}

/** A semantic rule: one invariant of a sound network, checked over the whole spec. */
export type Rule = (ctx: RuleContext) => void;

export function createRuleContext(
  spec: NetworkSpec,
  parsed: ParsedSpec,
  baseDir: string,
  sink: Diagnostic[],
): RuleContext {
  const allowed = new Set((spec.allow ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.code)));
  return {
    spec,
    parsed,
    baseDir,
    report(finding) {
      const paths = isPathList(finding.at) ? finding.at : [finding.at];
      let severity = finding.severity ?? 'error';
      let message = finding.message;
      // An error the consortium explicitly allowed stays visible, but no longer fails validation.
      if (severity === 'error' && allowed.has(finding.code)) {
        severity = 'warning';
        message = `${message} (allowed by the spec)`;
      }
      const target = finding.target ?? 'value';
      sink.push(
        withRangesOnDemand(
          { code: finding.code, severity, message, ...(finding.hint ? { hint: finding.hint } : {}) },
          () => paths.map((path, index) => locate(parsed, path, index === 0 ? target : 'value')),
        ),
      );
    },
  };
}

/**
 * The diagnostic with `ranges` located when first read, then kept as plain data. A spec read the quick way has no
 * source map, and building one is a second parse of the whole text (about 80 ms for a 50-organization spec): a
 * caller that never shows a warning, as verify does not show the spec's, never pays for it.
 */
function withRangesOnDemand(fields: Omit<Diagnostic, 'ranges'>, locateAll: () => SourceRange[]): Diagnostic {
  let ranges: SourceRange[] | undefined;
  return {
    ...fields,
    get ranges() {
      ranges ??= locateAll();
      return ranges;
    },
    set ranges(value: SourceRange[]) {
      ranges = value;
    },
  };
}

function isPathList(at: DataPath | DataPath[]): at is DataPath[] {
  return at.length > 0 && Array.isArray(at[0]);
}
