// Running the Kubernetes part of a plan in a worker thread (see makePlanInParallel). The worker gets the model,
// the state folder and the spec text (to point diagnostics at their place) in one message; it sends back
// exactly what planKubernetes returns here, the manifests' bytes moved rather than copied.
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { preloadKubernetesModels } from '../k8s/index.js';
import type { LoadedSpec } from '../load-spec.js';
import type { NetworkModel } from '../model/network-model.js';
import { locate } from '../parse/index.js';
import { newKubernetesWorker, takeWarmWorker, workerFile } from './kubernetes-worker-warm-up.js';
import { type KubernetesPlanResult, planKubernetes } from './plan-kubernetes.js';

/** Below this many organizations a worker's start-up costs more than it saves. */
const WORKER_MIN_ORGANIZATIONS = 20;

/** What the main thread hands the worker. */
export interface KubernetesWorkerInput {
  model: NetworkModel;
  stateDir: string;
  specFile: string;
  specText: string;
}

/** What the worker sends back: the plan result with its artifacts as entries (a Map of transferred bytes). */
export interface KubernetesWorkerOutput {
  plans: KubernetesPlanResult['plans'];
  artifacts: [string, Uint8Array][];
  diagnostics: KubernetesPlanResult['diagnostics'];
}

export interface PendingKubernetesPlan {
  result(): Promise<KubernetesPlanResult>;
  cancel(): void;
}

export function startKubernetesPlan(loaded: LoadedSpec, stateDir: string): PendingKubernetesPlan {
  const { model, parsed } = loaded;
  const prepared = takeWarmWorker();
  if (model.organizations.length < WORKER_MIN_ORGANIZATIONS || !existsSync(workerFile)) {
    void prepared?.terminate();
    return {
      result: async () => {
        await preloadKubernetesModels();
        return planKubernetes(model, stateDir, (path) => locate(parsed, path));
      },
      cancel: () => {},
    };
  }
  const input = { model, stateDir, specFile: parsed.file, specText: parsed.text };
  return inWorker(prepared ?? newKubernetesWorker(), input);
}

function inWorker(worker: Worker, input: KubernetesWorkerInput): PendingKubernetesPlan {
  const outcome = new Promise<KubernetesPlanResult>((resolve, reject) => {
    worker.once('message', (output: KubernetesWorkerOutput) =>
      resolve({ plans: output.plans, artifacts: new Map(output.artifacts), diagnostics: output.diagnostics }),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the Kubernetes plan worker stopped (exit code ${code})`)));
  });
  // Nobody may await a cancelled plan: keep its failure from being reported as unhandled.
  outcome.catch(() => {});
  worker.ref();
  worker.postMessage(input);
  return {
    result: () => outcome,
    cancel: () => void worker.terminate(),
  };
}
