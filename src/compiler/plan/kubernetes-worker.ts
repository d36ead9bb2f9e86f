// Worker thread entry: plans the Kubernetes objects of one network (see plan-kubernetes-worker.ts). Built into
// the CLI bundle as kubernetes-worker.mjs.
import { parentPort } from 'node:worker_threads';
import { compileInstalledTemplates, preloadKubernetesModels } from '../k8s/index.js';
import { locate, type ParsedSpec, parseYaml } from '../parse/index.js';
import { planKubernetes } from './plan-kubernetes.js';
import type { KubernetesWorkerInput, KubernetesWorkerOutput } from './plan-kubernetes-worker.js';

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
  const result = planKubernetes(input.model, input.stateDir, locateInSpec);
  const artifacts = [...result.artifacts];
  const output: KubernetesWorkerOutput = { plans: result.plans, artifacts, diagnostics: result.diagnostics };
  // Moved, not copied: thousands of manifests. A Set, since a buffer may be listed only once.
  parentPort!.postMessage(output, [...new Set(artifacts.map(([, bytes]) => bytes.buffer as ArrayBuffer))]);
});
