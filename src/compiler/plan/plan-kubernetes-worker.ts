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

/**
 * What the worker sends back: organizations' files as they are planned (bytes moved, not copied), then the
 * result itself, whose artifacts are all the files sent before.
 */
export type KubernetesWorkerMessage =
  | { kind: 'artifacts'; artifacts: [string, Uint8Array][] }
  | { kind: 'result'; plans: KubernetesPlanResult['plans']; diagnostics: KubernetesPlanResult['diagnostics'] };

type ArtifactSink = (artifacts: ReadonlyMap<string, Uint8Array>) => void;

export interface PendingKubernetesPlan {
  /**
   * The plan, once complete. `onArtifacts` receives the organizations' files as they arrive (those that arrived
   * earlier at once), so the bundle can be written while the rest is planned.
   */
  result(onArtifacts?: ArtifactSink): Promise<KubernetesPlanResult>;
  cancel(): void;
}

export function startKubernetesPlan(loaded: LoadedSpec, stateDir: string): PendingKubernetesPlan {
  const { model, parsed } = loaded;
  const prepared = takeWarmWorker();
  if (model.organizations.length < WORKER_MIN_ORGANIZATIONS || !existsSync(workerFile)) {
    void prepared?.terminate();
    return {
      result: async (onArtifacts) => {
        await preloadKubernetesModels();
        return planKubernetes(model, stateDir, (path) => locate(parsed, path), onArtifacts);
      },
      cancel: () => {},
    };
  }
  const input = { model, stateDir, specFile: parsed.file, specText: parsed.text };
  return inWorker(prepared ?? newKubernetesWorker(), input);
}

function inWorker(worker: Worker, input: KubernetesWorkerInput): PendingKubernetesPlan {
  const artifacts = new Map<string, Uint8Array>();
  const undelivered: Map<string, Uint8Array>[] = [];
  let sink: ArtifactSink | undefined;
  let fail: (error: unknown) => void = () => {};
  const deliver = (batch: Map<string, Uint8Array>) => {
    if (!sink) return void undelivered.push(batch);
    try {
      sink(batch);
    } catch (error) {
      // Writing failed (a full disk, say): the plan fails with that error, and the worker is of no more use.
      fail(error);
      void worker.terminate();
    }
  };
  const outcome = new Promise<KubernetesPlanResult>((resolve, reject) => {
    fail = reject;
    worker.on('message', (message: KubernetesWorkerMessage) => {
      if (message.kind === 'artifacts') {
        const batch = new Map(message.artifacts);
        for (const [path, bytes] of batch) artifacts.set(path, bytes);
        deliver(batch);
      } else {
        const failed = message.diagnostics.length > 0;
        resolve({ plans: message.plans, artifacts: failed ? new Map() : artifacts, diagnostics: message.diagnostics });
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the Kubernetes plan worker stopped (exit code ${code})`)));
  });
  // Nobody may await a cancelled plan: keep its failure from being reported as unhandled.
  outcome.catch(() => {});
  worker.ref();
  worker.postMessage(input);
  return {
    result: (onArtifacts) => {
      sink = onArtifacts;
      for (const batch of undelivered.splice(0)) deliver(batch);
      return outcome;
    },
    cancel: () => void worker.terminate(),
  };
}
