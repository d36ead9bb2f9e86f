// Starting the Kubernetes plan worker ahead of its input (see plan-kubernetes-worker.ts). Kept apart and small:
// the CLI calls it before it has loaded anything else, so the worker's own start-up (a Node thread, its modules,
// the Kubernetes models) runs beside the main thread's.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

// The bundled CLI ships the worker next to its chunks; the sources (tests) plan on one thread.
export const workerFile = fileURLToPath(new URL('./kubernetes-worker.mjs', import.meta.url));
let warm: Worker | undefined;

/**
 * A new worker. Its young generation is kept small: the worker makes garbage fast and keeps little, and on a
 * virtual machine every fresh page of heap costs a fault, so a 6 MB young generation spends less CPU in all
 * than the default's growing one (measured with `npm run bench`).
 */
export function newKubernetesWorker(): Worker {
  return new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 6 } });
}

/** Starts the worker, once, for a plan that looks large; startKubernetesPlan takes it or stops it. */
export function warmUpKubernetesWorker(): void {
  if (warm || !existsSync(workerFile)) return;
  warm = newKubernetesWorker();
  // Until it has work, it must not keep the process alive (a spec with errors ends the command early).
  warm.unref();
}

/** The worker started ahead, if any; the caller owns it from now on. */
export function takeWarmWorker(): Worker | undefined {
  const worker = warm;
  warm = undefined;
  return worker;
}
