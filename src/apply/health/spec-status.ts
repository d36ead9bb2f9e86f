// The status `netspec status` reports for a loaded spec, shared with the console (which serves the same JSON): the
// nodes probed now, and every certificate the spec names and the state folder's config blocks hold, each with its
// days left and a warning when it expires within the warning period.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { certificateInventory, expiryWarningDays } from '../../compiler/certificates/index.js';
import type { LoadedSpec } from '../../compiler/load-spec.js';
import { readState } from '../../compiler/plan/state/read-state.js';
import { networkStatus, type StatusReport } from './network-status.js';

export interface SpecStatusOptions {
  maxLag: number;
  timeoutMs: number;
  /** The state folder whose config blocks name live certificates; default `state/` beside the spec. */
  stateDir?: string;
  /** --cert-warning-days; else the spec's certificates.expiryWarningDays, else 30. */
  warningDays?: number;
}

export async function specStatus(loaded: LoadedSpec, options: SpecStatusOptions): Promise<StatusReport> {
  const { model, spec } = loaded;
  const stateDir = options.stateDir ?? join(model.specDir, 'state');
  // A state folder that is missing or cannot be read names no live certificates; the spec's files still do.
  const live = existsSync(stateDir) ? readState(stateDir, model).value : undefined;
  const certificates = certificateInventory(
    model,
    [...(live?.channels ?? [])].map(([channel, entry]) => ({
      channel,
      file: `the live config of ${channel}`,
      config: entry.config,
    })),
  );
  return networkStatus(model, {
    maxLag: options.maxLag,
    timeoutMs: options.timeoutMs,
    certificates,
    warningDays: expiryWarningDays(spec, options.warningDays),
  });
}
