// Templates -> objects. Each template renders one Kubernetes object as YAML; values go in through `{{json}}`,
// so the text of a spec value can never change the document's structure. A template that fails (a missing
// field in strict mode, YAML that does not parse, more or less than one document) is reported, not thrown.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import jsYaml from 'js-yaml';
import { packageRoot } from '../../package-root.js';
import { PRECOMPILED_TEMPLATES } from './generated/precompiled-templates.js';
import type { K8sObject } from './k8s-object.js';

/** Where template texts come from; tests pass their own to prove a broken template is reported. */
export type TemplateSource = (name: string) => string;

const TEMPLATE_DIR = join(packageRoot(), 'templates', 'k8s');

const TEMPLATE_SUFFIX = '.yaml.hbs';

export const fileTemplates: TemplateSource = (name) =>
  readFileSync(join(TEMPLATE_DIR, `${name}${TEMPLATE_SUFFIX}`), 'utf8');

export interface TemplateRenderer {
  render(name: string, view: object): { object?: K8sObject; error?: string };
}

/** The renderer of the installed templates, shared so that each template is compiled once per process. */
let installed: TemplateRenderer | undefined;

export function templateRenderer(source: TemplateSource = fileTemplates): TemplateRenderer {
  if (source !== fileTemplates) return createRenderer(source);
  installed ??= createRenderer(fileTemplates);
  return installed;
}

/**
 * Prepares every installed template ahead of use: the build's precompiled one, or a compiled one where the text
 * has changed since the build. Handlebars compiles on a template's first call, so each is called once with an
 * empty view (strict mode refuses it once compiled, which is expected and ignored). The plan worker does this
 * while it waits for the model.
 */
export function compileInstalledTemplates(): void {
  const renderer = templateRenderer();
  for (const file of readdirSync(TEMPLATE_DIR).sort())
    if (file.endsWith(TEMPLATE_SUFFIX)) renderer.render(file.slice(0, -TEMPLATE_SUFFIX.length), {});
}

/** The build's precompiled template (scripts/build-templates.mjs), if it was made from exactly this text. */
export function precompiledTemplate(name: string, text: string): unknown {
  const entry = (PRECOMPILED_TEMPLATES as Record<string, { sha256: string; spec: unknown }>)[name];
  if (!entry || createHash('sha256').update(text).digest('hex') !== entry.sha256) return undefined;
  return entry.spec;
}

/**
 * Stands in for a `{{json}}` value while a template renders: a plain YAML word, valid wherever a JSON value is
 * (block or flow context), that no template text contains.
 */
const SLOT = /^__netspec_json_(\d+)__$/;
const slotText = (index: number) => `__netspec_json_${index}__`;
const SLOT_MARK = '__netspec_json_';

/** Distinct skeletons a renderer remembers: a few per template (one per set of `#if`/`#each` outcomes). */
const MAX_SKELETONS = 512;

function createRenderer(source: TemplateSource): TemplateRenderer {
  const handlebars = Handlebars.create();
  // The values of the render in progress, when it renders a skeleton (see render below).
  let slots: unknown[] | undefined;
  // Strict mode does not reach helper arguments: a view without the field must still fail, not render `null`.
  handlebars.registerHelper('json', (value: unknown, options: { loc?: { start?: { line?: number } } }) => {
    if (value === undefined)
      throw new Error(`{{json}} of an undefined value (template line ${options?.loc?.start?.line ?? '?'})`);
    if (slots) return new Handlebars.SafeString(slotText(slots.push(value) - 1));
    return new Handlebars.SafeString(JSON.stringify(value));
  });
  handlebars.registerHelper('string', (value: unknown) => String(value));
  handlebars.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const skeletons = new Map<string, unknown>();

  const templateOf = (name: string) => {
    let template = compiled.get(name);
    if (!template) {
      const text = source(name);
      const built = source === fileTemplates ? precompiledTemplate(name, text) : undefined;
      template = built
        ? handlebars.template(built as Parameters<typeof handlebars.template>[0])
        : handlebars.compile(text, { strict: true, noEscape: true });
      compiled.set(name, template);
    }
    return template;
  };

  /**
   * The object, read from the template's skeleton: its text with a slot word where each `{{json}}` value goes.
   * Objects of one template mostly share a skeleton, so its YAML is read once and each object is the skeleton
   * with its values put in; the values are JSON copies, exactly what reading `{{json}}` text would give.
   * Undefined when the fast way does not apply (the skeleton is not one object, or a slot is not a whole value).
   */
  const fromSkeleton = (template: Handlebars.TemplateDelegate, view: object): K8sObject | undefined => {
    slots = [];
    let text: string;
    let values: unknown[];
    try {
      text = template(view);
      values = slots;
    } finally {
      slots = undefined;
    }
    let skeleton = skeletons.get(text);
    if (skeleton === undefined) {
      let documents: unknown[];
      try {
        documents = jsYaml.loadAll(text, undefined, { schema: jsYaml.CORE_SCHEMA });
      } catch {
        return undefined;
      }
      if (documents.length !== 1 || !isObject(documents[0])) return undefined;
      skeleton = documents[0];
      if (skeletons.size >= MAX_SKELETONS) skeletons.clear();
      skeletons.set(text, skeleton);
    }
    const filled = fill(skeleton, values);
    return filled === NOT_FILLED || !isObject(filled) ? undefined : filled;
  };

  return {
    render(name, view) {
      try {
        const template = templateOf(name);
        const object = fromSkeleton(template, view);
        if (object) return { object };
        // The plain way, which also words every error: the template's text, values in, read as YAML.
        const text = template(view);
        // Template output is our own, trusted YAML: js-yaml reads it about eight times faster than the
        // source-mapping parser the spec needs, which matters for consortia of hundreds of organizations.
        let documents: unknown[];
        try {
          documents = jsYaml.loadAll(text, undefined, { schema: jsYaml.CORE_SCHEMA });
        } catch (error) {
          const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
          return { error: `template '${name}' renders invalid YAML: ${reason}` };
        }
        if (documents.length !== 1) return { error: `template '${name}' must render exactly one YAML document` };
        const only = documents[0];
        if (!isObject(only)) return { error: `template '${name}' does not render a Kubernetes object` };
        return { object: only };
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        return { error: `template '${name}' failed: ${message}` };
      }
    },
  };
}

const NOT_FILLED = Symbol('not filled');

/** What JSON.parse(JSON.stringify(value)) gives, without the round trip for the strings and numbers most values are. */
function jsonCopy(value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  return JSON.parse(JSON.stringify(value) ?? 'null');
}

/**
 * A copy of the skeleton with each slot word replaced by a JSON copy of its value; NOT_FILLED where a slot word is
 * part of a longer text or a key.
 */
function fill(node: unknown, values: readonly unknown[]): unknown {
  if (typeof node === 'string') {
    const slot = SLOT.exec(node);
    if (slot) return jsonCopy(values[Number(slot[1])]);
    return node.includes(SLOT_MARK) ? NOT_FILLED : node;
  }
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const item of node) {
      const filled = fill(item, values);
      if (filled === NOT_FILLED) return NOT_FILLED;
      out.push(filled);
    }
    return out;
  }
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    const filled = fill((node as Record<string, unknown>)[key], values);
    if (filled === NOT_FILLED || key.includes(SLOT_MARK)) return NOT_FILLED;
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: filled, enumerable: true, writable: true, configurable: true });
    else out[key] = filled;
  }
  return out;
}

function isObject(value: unknown): value is K8sObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.apiVersion === 'string' &&
    typeof candidate.kind === 'string' &&
    typeof candidate.metadata === 'object' &&
    candidate.metadata !== null &&
    typeof (candidate.metadata as { name?: unknown }).name === 'string'
  );
}
