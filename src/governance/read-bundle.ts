// The parts of a plan bundle that signing and verification read: plan.json and each channel update's bytes.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChannelPlan, type Plan, pathFromBundle } from '../compiler/plan/index.js';

export interface BundleUpdate {
  plan: ChannelPlan;
  /** The exact update.pb bytes, or undefined when the file is missing. */
  bytes: Uint8Array | undefined;
  sha256: string | undefined;
}

export function readPlanFile(bundleDir: string): { plan: Plan } | { error: string } {
  const file = join(bundleDir, 'plan.json');
  if (!existsSync(file)) return { error: `${file} does not exist: is ${bundleDir} a plan bundle?` };
  try {
    const plan = JSON.parse(readFileSync(file, 'utf8')) as Plan;
    if (typeof plan !== 'object' || plan === null || !Array.isArray(plan.channels))
      return { error: `${file} is not a netspec plan` };
    // Callers get paths they can open from the current directory.
    if (typeof plan.specFile === 'string') plan.specFile = pathFromBundle(bundleDir, plan.specFile);
    if (typeof plan.stateDir === 'string') plan.stateDir = pathFromBundle(bundleDir, plan.stateDir);
    return { plan };
  } catch {
    return { error: `${file} is not JSON` };
  }
}

/** Channel plans with action 'update' and an update.pb artifact, with their bytes. */
export function bundleUpdates(bundleDir: string, plan: Plan): BundleUpdate[] {
  return plan.channels
    .filter((channel) => channel.action === 'update' && channel.artifact?.endsWith('update.pb'))
    .map((channel) => {
      const file = join(bundleDir, channel.artifact!);
      if (!existsSync(file)) return { plan: channel, bytes: undefined, sha256: undefined };
      const bytes = new Uint8Array(readFileSync(file));
      return { plan: channel, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
}
