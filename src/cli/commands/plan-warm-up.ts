// What `netspec plan` does before the CLI has loaded: for a spec large enough to describe dozens of
// organizations, it starts the Kubernetes plan worker at once, so the worker's start-up overlaps everything the
// main thread loads and reads before the plan begins.
import { existsSync, statSync } from 'node:fs';
import { warmUpKubernetesWorker } from '../../compiler/plan/kubernetes-worker-warm-up.js';

/** Below this size a spec names too few organizations for the worker to pay off. */
const LARGE_SPEC_BYTES = 16 * 1024;

/** `args` follow `plan` on the command line; the spec is its first YAML file (commander reads it properly later). */
export function warmUpForPlan(args: readonly string[]): void {
  const spec = args.find((arg) => !arg.startsWith('-') && /\.ya?ml$/i.test(arg));
  if (spec !== undefined && existsSync(spec) && statSync(spec).size >= LARGE_SPEC_BYTES) warmUpKubernetesWorker();
}
