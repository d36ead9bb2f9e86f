// Plans made for real from the example networks and their state folders, for plan, render and governance tests.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadedSpec, loadSpec } from '../../src/compiler/load-spec.js';
import { makePlan, type PlanResult } from '../../src/compiler/plan/index.js';
import { repoRoot } from './run-cli.js';

export function loadExample(name: string): { file: string; loaded: LoadedSpec } {
  const file = join(repoRoot, 'networks', name, 'network.yaml');
  const result = loadSpec(file);
  if (!result.value)
    throw new Error(`example ${name} does not load: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return { file, loaded: result.value };
}

export function planExample(
  name: string,
  options: { stateDir?: string; change?: (loaded: LoadedSpec) => void; timestamp?: Date } = {},
): PlanResult {
  const { file, loaded } = loadExample(name);
  options.change?.(loaded);
  return makePlan({
    loaded,
    specFile: file,

    stateDir: options.stateDir ?? join(repoRoot, 'networks', name, 'state'),
    timestamp: options.timestamp ?? new Date(0),
  });
}

/** A writable copy of an example's state folder. */
export function copyState(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `netspec-state-${name}-`));
  cpSync(join(repoRoot, 'networks', name, 'state'), dir, { recursive: true });
  return dir;
}
