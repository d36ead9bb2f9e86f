// The files of a bundle as the plan writes them: its artifacts, plan.md, and plan.json carrying the SHA-256 of
// every other file (`files`), so a reader can tell exactly what the plan wrote from anything added later.
import { sha256Hex } from '../bytes.js';
import type { Plan } from '../compiler/plan/plan.js';
import { renderJson } from '../compiler/render/json.js';
import { BUNDLE_MARKDOWN_FILE, BUNDLE_PLAN_FILE } from './bundle-layout.js';

/** Bundle-relative path -> bytes, plan.json included; `plan` is returned with its `files` list set. */
export function composeBundle(
  plan: Plan,
  artifacts: ReadonlyMap<string, Uint8Array>,
  markdown: string,
): { plan: Plan; files: Map<string, Uint8Array> } {
  const encoder = new TextEncoder();
  const files = new Map(artifacts);
  files.set(BUNDLE_MARKDOWN_FILE, encoder.encode(markdown));
  const listed: Record<string, string> = {};
  for (const path of [...files.keys()].sort()) listed[path] = sha256Hex(files.get(path)!);
  const complete: Plan = { ...plan, files: listed };
  files.set(BUNDLE_PLAN_FILE, encoder.encode(renderJson(complete)));
  return { plan: complete, files };
}
