// Worker thread entry: plans the Kubernetes objects of one network (see plan-kubernetes-worker.ts). Built into
// the CLI bundle as kubernetes-worker.mjs.
import { parentPort } from 'node:worker_threads';
import { writeStagedFiles } from '../../bundle/write-bundle.js';
import { compileInstalledTemplates, preloadKubernetesModels } from '../k8s/index.js';
import { locate, type ParsedSpec, parseYaml } from '../parse/index.js';
import { planKubernetes } from './plan-kubernetes.js';
import { claimBatch, type KubernetesWorkerInput, type KubernetesWorkerMessage } from './plan-kubernetes-worker.js';

/** Files per message to the main thread: a few organizations' worth. */
const BATCH_FILES = 8;

// Started ahead of its input (warmUpKubernetesWorker): load the models and compile the templates while the main
// thread reads the spec.
const modelsLoaded = preloadKubernetesModels();
compileInstalledTemplates();

parentPort!.once('message', async (input: KubernetesWorkerInput) => {
  await modelsLoaded;
  let parsed: ParsedSpec | undefined;
  // Only a diagnostic needs to know where a node is: parse the spec here only then.
  const locateInSpec = (path: Parameters<typeof locate>[1]) => {
    parsed ??= parseYaml(input.specFile, input.specText).value!;
    return locate(parsed, path);
  };
  // Organizations' files go to the main thread in batches as they are planned. With a staging folder, each batch
  // is written by whichever thread is free for it first: the main one when it has finished the channel configs,
  // or this one once it has finished planning (see claimBatch).
  const batches: [string, Uint8Array][][] = [];
  let batch: [string, Uint8Array][] = [];
  const send = () => {
    if (batch.length === 0) return;
    const message: KubernetesWorkerMessage = { kind: 'artifacts', index: batches.length, artifacts: batch };
    batches.push(batch);
    // Copied, not moved: this thread may still write them.
    parentPort!.postMessage(message);
    batch = [];
  };
  const result = planKubernetes(input.model, input.stateDir, locateInSpec, (files) => {
    batch.push(...files);
    if (batch.length >= BATCH_FILES) send();
  });
  send();
  if (input.staging) {
    const made = new Set<string>();
    batches.forEach((files, index) => {
      if (claimBatch(input.staging!.claims, index, 'worker')) writeStagedFiles(input.staging!.folder, files, made);
    });
  }
  const done: KubernetesWorkerMessage = { kind: 'result', plans: result.plans, diagnostics: result.diagnostics };
  parentPort!.postMessage(done);
});
