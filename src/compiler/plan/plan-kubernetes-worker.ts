// Running the Kubernetes part of a plan in a worker thread (see makePlanInParallel). The worker gets the model,
// the state folder and the spec text (to point diagnostics at their place) in one message; it sends back the
// organizations' files in batches as it plans them, then the rest of what planKubernetes returns here.
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
  /** A staged bundle's folder (StagedBundle.folder), where the worker may write organizations' files itself. */
  staging?: { folder: string; claims: Int32Array };
}

/**
 * Who writes a batch of files: the first of the two threads to claim it, through one shared slot per batch.
 * The main thread claims a batch when its message arrives, the worker once it has planned every organization.
 */
export function claimBatch(claims: Int32Array, index: number, by: 'main' | 'worker'): boolean {
  return index < claims.length && Atomics.compareExchange(claims, index, 0, by === 'main' ? 1 : 2) === 0;
}

/**
 * What the worker sends back: organizations' files in numbered batches as they are planned, then the result
 * itself, whose artifacts are all the files sent before.
 */
export type KubernetesWorkerMessage =
  | { kind: 'artifacts'; index: number; artifacts: [string, Uint8Array][] }
  | { kind: 'result'; plans: KubernetesPlanResult['plans']; diagnostics: KubernetesPlanResult['diagnostics'] };

/** Receives planned files; `written` when the worker writes them into the staging folder it was given. */
export type ArtifactSink = (artifacts: ReadonlyMap<string, Uint8Array>, written: boolean) => void;

export interface PendingKubernetesPlan {
  /**
   * The plan, once complete. `onArtifacts` receives the organizations' files as they arrive (those that arrived
   * earlier at once), so the bundle can be written while the rest is planned.
   */
  result(onArtifacts?: ArtifactSink): Promise<KubernetesPlanResult>;
  cancel(): void;
}

/**
 * Starts the Kubernetes part of a plan: in a worker thread for a large network, else here when its result is
 * asked for. With `stagingFolder` a worker shares the writing of the organizations' files into it with this
 * thread: each batch is written by the thread that claims it first (claimBatch).
 */
export function startKubernetesPlan(
  loaded: LoadedSpec,
  stateDir: string,
  options: { stagingFolder?: string } = {},
): PendingKubernetesPlan {
  const { model, parsed } = loaded;
  const prepared = takeWarmWorker();
  if (model.organizations.length < WORKER_MIN_ORGANIZATIONS || !existsSync(workerFile)) {
    void prepared?.terminate();
    return {
      result: async (onArtifacts) => {
        await preloadKubernetesModels();
        return planKubernetes(
          model,
          stateDir,
          (path) => locate(parsed, path),
          onArtifacts && ((files) => onArtifacts(files, false)),
        );
      },
      cancel: () => {},
    };
  }
  const input: KubernetesWorkerInput = { model, stateDir, specFile: parsed.file, specText: parsed.text };
  if (options.stagingFolder !== undefined) {
    // A batch holds at least one organization's files: one slot per organization is enough.
    const claims = new Int32Array(new SharedArrayBuffer(4 * model.organizations.length));
    input.staging = { folder: options.stagingFolder, claims };
  }
  return inWorker(prepared ?? newKubernetesWorker(), input);
}

function inWorker(worker: Worker, input: KubernetesWorkerInput): PendingKubernetesPlan {
  const artifacts = new Map<string, Uint8Array>();
  const undelivered: [Map<string, Uint8Array>, boolean][] = [];
  let sink: ArtifactSink | undefined;
  let fail: (error: unknown) => void = () => {};
  const deliver = (batch: Map<string, Uint8Array>, written: boolean) => {
    if (!sink) return void undelivered.push([batch, written]);
    try {
      sink(batch, written);
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
        const claims = input.staging?.claims;
        deliver(batch, claims !== undefined && !claimBatch(claims, message.index, 'main'));
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
      for (const [batch, written] of undelivered.splice(0)) deliver(batch, written);
      return outcome;
    },
    cancel: () => void worker.terminate(),
  };
}
