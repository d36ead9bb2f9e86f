// Templates -> objects. Each template renders one Kubernetes object as YAML; values go in through `{{json}}`,
// so the text of a spec value can never change the document's structure. A template that fails (a missing
// field in strict mode, YAML that does not parse, more or less than one document) is reported, not thrown.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import jsYaml from 'js-yaml';
import { packageRoot } from '../../package-root.js';
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

function createRenderer(source: TemplateSource): TemplateRenderer {
  const handlebars = Handlebars.create();
  // Strict mode does not reach helper arguments: a view without the field must still fail, not render `null`.
  handlebars.registerHelper('json', (value: unknown, options: { loc?: { start?: { line?: number } } }) => {
    if (value === undefined)
      throw new Error(`{{json}} of an undefined value (template line ${options?.loc?.start?.line ?? '?'})`);
    return new Handlebars.SafeString(JSON.stringify(value));
  });
  handlebars.registerHelper('string', (value: unknown) => String(value));
  handlebars.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  const compiled = new Map<string, Handlebars.TemplateDelegate>();

  const templateOf = (name: string) => {
    let template = compiled.get(name);
    if (!template) {
      template = handlebars.compile(source(name), { strict: true, noEscape: true });
      compiled.set(name, template);
    }
    return template;
  };

  return {
    render(name, view) {
      try {
        const text = templateOf(name)(view);
        // Template output is our own, trusted YAML: js-yaml reads it many times faster than the source-mapping
        // parser the spec needs, which matters for consortia of hundreds of organizations.
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
