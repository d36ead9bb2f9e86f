// Bundles for tests, written and verified as the CLI does: plan.json lists and hashes every file (composeBundle),
// and verification reads the bundle whole and judges it against the spec and state the test names.
import { type Bundle, composeBundle, type NetworkFiles, readBundle, writeBundle } from '../../src/bundle/index.js';
import { loadSpec } from '../../src/compiler/load-spec.js';
import type { Plan } from '../../src/compiler/plan/index.js';
import { renderMarkdown } from '../../src/compiler/render/index.js';
import { type VerifiedBundle, type VerifyOutcome, verifyBundle } from '../../src/governance/index.js';

/** A bundle folder and the spec and state it was planned from (what its verification is judged against). */
export interface TestBundle extends NetworkFiles {
  dir: string;
  plan: Plan;
}

/** `markdown`: plan.md as given; by default what plan --out renders for the plan's spec. */
export function writeTestBundle(
  dir: string,
  plan: Plan,
  artifacts: ReadonlyMap<string, Uint8Array>,
  markdown?: string,
): Plan {
  const composed = composeBundle(plan, artifacts, markdown ?? renderedMarkdown(plan));
  writeBundle(dir, composed.files);
  return composed.plan;
}

function renderedMarkdown(plan: Plan): string {
  const loaded = loadSpec(plan.specFile);
  if (!loaded.value) throw new Error(`${plan.specFile} does not load`);
  const text = loaded.text ?? '';
  return renderMarkdown(plan, loaded.value.model, { sources: { get: () => text } });
}

export function readTestBundle(dir: string): Bundle {
  const read = readBundle(dir);
  if ('error' in read) throw new Error(read.error);
  return read.bundle;
}

export function verifyAt(dir: string, files: NetworkFiles, now?: Date): VerifyOutcome {
  const read = readBundle(dir);
  if ('error' in read) throw new Error(read.error);
  return verifyBundle(read.bundle, { ...files, ...(now ? { now } : {}) });
}

/** The verified bundle, for apply; a test that expects an invalid bundle uses verifyAt. */
export function verifiedAt(dir: string, files: NetworkFiles): VerifiedBundle {
  const outcome = verifyAt(dir, files);
  if (!outcome.verified) throw new Error(`the bundle does not verify: ${JSON.stringify(outcome.report)}`);
  return outcome.verified;
}

/** A verified bundle whose plan a test narrows (only the new channels, no chaincodes): apply takes it as it is. */
export function withPlan(verified: VerifiedBundle, plan: Plan): VerifiedBundle {
  return { ...verified, bundle: { ...verified.bundle, plan } } as VerifiedBundle;
}
