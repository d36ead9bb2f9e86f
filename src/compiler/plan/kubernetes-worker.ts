// Worker thread entry: plans the Kubernetes objects of one network (see plan-kubernetes-worker.ts). Built into
// the CLI bundle as kubernetes-worker.mjs.
import { parentPort } from 'node:worker_threads';
import { compileInstalledTemplates, preloadKubernetesModels } from '../k8s/index.js';
import { locate, type ParsedSpec, parseYaml } from '../parse/index.js';
import { planKubernetes } from './plan-kubernetes.js';
import type { KubernetesWorkerInput, KubernetesWorkerMessage } from './plan-kubernetes-worker.js';

/** Files per message to the main thread: some twenty organizations' worth. */
const BATCH_FILES = 40;

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
  // Organizations' files go to the main thread in batches, so it can write them while the rest is planned.
  let batch: [string, Uint8Array][] = [];
  const send = () => {
    if (batch.length === 0) return;
    const message: KubernetesWorkerMessage = { kind: 'artifacts', artifacts: batch };
    // Moved, not copied. A Set, since a buffer may be listed only once.
    parentPort!.postMessage(message, [...new Set(batch.map(([, bytes]) => bytes.buffer as ArrayBuffer))]);
    batch = [];
  };
  const result = planKubernetes(input.model, input.stateDir, locateInSpec, (files) => {
    batch.push(...files);
    if (batch.length >= BATCH_FILES) send();
  });
  send();
  const done: KubernetesWorkerMessage = { kind: 'result', plans: result.plans, diagnostics: result.diagnostics };
  parentPort!.postMessage(done);
});
