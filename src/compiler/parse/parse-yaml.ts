// YAML text -> a document that keeps every node's source range, plus its plain JavaScript value.
// The document is kept so later stages can point at the exact key or value they complain about.
import type { Document, Scalar } from 'yaml';
import { yamlPackage } from '../../yaml-package.js';
import type { Diagnostic, SourceRange, StageResult } from '../diagnostics/index.js';
import { quickData } from './fast-parse.js';

export interface ParsedSpec {
  file: string;
  text: string;
  document: Document.Parsed;
  /** The plain value (objects, arrays, scalars): what the schema and the rules read. */
  data: unknown;
}

/** Keys that would reach Object.prototype if any consumer used plain assignment. Refused outright. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A legitimate spec uses a handful of anchors; thousands of expansions is a billion-laughs attack. */
const MAX_ALIAS_EXPANSIONS = 100;

export function parseYaml(file: string, text: string): StageResult<ParsedSpec> {
  const data = quickData(text);
  if (data !== undefined) {
    let document: Document.Parsed | undefined;
    const spec: ParsedSpec = {
      file,
      text,
      data,
      // Built on first use: only a diagnostic needs to know where a node is.
      get document() {
        document ??= sourceMapOf(text);
        return document;
      },
    };
    return { value: spec, diagnostics: [] };
  }
  return carefulParse(file, text);
}

/**
 * The source-mapped document of a text the quick reader accepted: one document, no alias, tag or duplicate key, so
 * the careful parse's checks and its plain value (about a tenth of its work) would only repeat what is known.
 */
function sourceMapOf(text: string): Document.Parsed {
  return yamlPackage().parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
}

/** Integer literals as YAML 1.2 (core schema) writes them: decimal, 0x hex, 0o octal, with an optional sign. */
const INTEGER_LITERAL = /^[-+]?(?:[0-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+)$/;

/**
 * An integer written in the text that a JavaScript number cannot hold exactly (beyond 2^53 - 1): it would be
 * silently rounded (9007199254740993 reads as ...992) and a different value would reach the channel config or a
 * chaincode definition. Judged from the source text, since the parsed number has already lost the digits.
 */
function imprecisionOf(scalar: Scalar, text: string): Omit<Diagnostic, 'ranges'> | undefined {
  if (typeof scalar.value !== 'number' || Number.isSafeInteger(scalar.value) || !scalar.range) return undefined;
  const source = text.slice(scalar.range[0], scalar.range[1]).trim();
  if (!INTEGER_LITERAL.test(source)) return undefined;
  return {
    code: 'NS_YAML_INTEGER_PRECISION',
    severity: 'error',
    message: `the integer ${source} is beyond 2^53 - 1 (9007199254740991) and would not be read exactly`,
    hint: 'no netspec field takes an integer that large; a wei amount or gas limit is written as quoted text',
  };
}

/** The source-mapping parse, which finds and locates every problem of the text. */
function carefulParse(file: string, text: string): StageResult<ParsedSpec> {
  const diagnostics: Diagnostic[] = [];
  const at = (start: number, end: number): SourceRange => ({ file, start, end: Math.max(start, end) });

  const { isAlias, isPair, isScalar, parseAllDocuments, visit } = yamlPackage();
  const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  // parseAllDocuments returns an EmptyStream (an array with no documents) for an empty text.
  const list = Array.isArray(documents) ? documents : [documents];
  const first = list[0];
  if (!first || (first.contents === null && first.errors.length === 0)) {
    diagnostics.push({
      code: 'NS_EMPTY_SPEC',
      severity: 'error',
      message: 'the spec is empty',
      hint: 'start from `netspec init --quick <dir>` or an example under networks/',
      ranges: [at(0, 0)],
    });
    return { value: undefined, diagnostics };
  }
  if (list.length > 1) {
    const second = list[1]!;
    const start = second.range?.[0] ?? 0;
    diagnostics.push({
      code: 'NS_YAML_MULTIPLE_DOCUMENTS',
      severity: 'error',
      message: 'the file holds more than one YAML document',
      hint: 'a network.yaml describes one network: remove the `---` separator and what follows',
      ranges: [at(start, start)],
    });
  }
  for (const document of list) {
    for (const error of document.errors) {
      const [start, end] = error.pos;
      const message = error.message.split('\n')[0] ?? error.message;
      if (error.code === 'DUPLICATE_KEY') {
        diagnostics.push({ code: 'NS_DUPLICATE_KEY', severity: 'error', message, ranges: [at(start, end)] });
      } else {
        const hint = error.code === 'TAB_AS_INDENT' ? 'YAML indents with spaces only' : undefined;
        diagnostics.push({
          code: 'NS_YAML_SYNTAX',
          severity: 'error',
          message: `YAML syntax: ${message}`,
          ...(hint ? { hint } : {}),
          ranges: [at(start, end)],
        });
      }
    }
  }
  if (diagnostics.length > 0) return { value: undefined, diagnostics };

  let aliasCount = 0;
  let firstAlias: SourceRange | undefined;
  // YAML resolves an alias to the nearest anchor of that name before it, in document order (the order visit walks).
  const anchors = new Set<string>();
  const noteAnchor = (node: { anchor?: string | null }) => {
    if (node.anchor) anchors.add(node.anchor);
  };
  visit(first, {
    Map(_, map) {
      noteAnchor(map);
    },
    Seq(_, seq) {
      noteAnchor(seq);
    },
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
        const [start, end] = pair.key.range ?? [0, 0];
        diagnostics.push({
          code: 'NS_FORBIDDEN_KEY',
          severity: 'error',
          message: `the key '${String(pair.key.value)}' is not allowed`,
          hint: 'it names a JavaScript object internal; no netspec field is called that',
          ranges: [at(start, end)],
        });
      }
    },
    Scalar(_, scalar) {
      noteAnchor(scalar);
      const problem = imprecisionOf(scalar, text);
      if (problem) diagnostics.push({ ...problem, ranges: [at(scalar.range![0], scalar.range![1])] });
    },
    Alias(_, alias) {
      aliasCount++;
      if (!isAlias(alias)) return;
      const [start, end] = alias.range ?? [0, 0];
      firstAlias ??= at(start, end);
      if (!anchors.has(alias.source))
        diagnostics.push({
          code: 'NS_YAML_UNDEFINED_ALIAS',
          severity: 'error',
          message: `the alias *${alias.source} names no anchor &${alias.source} defined before it`,
          hint: 'define the anchor (`&name`) on the value first, or write the value out',
          ranges: [at(start, end)],
        });
    },
  });
  if (diagnostics.length > 0) return { value: undefined, diagnostics };

  let data: unknown;
  try {
    data = first.toJS({ maxAliasCount: aliasCount === 0 ? -1 : MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    diagnostics.push({
      code: 'NS_YAML_ALIAS_LIMIT',
      severity: 'error',
      message: `aliases expand too much: ${(error as Error).message}`,
      hint: `a spec may expand at most ${MAX_ALIAS_EXPANSIONS} aliases; write the repeated part out`,
      ranges: [firstAlias ?? at(0, 0)],
    });
    return { value: undefined, diagnostics };
  }
  if (data === null || data === undefined) {
    diagnostics.push({ code: 'NS_EMPTY_SPEC', severity: 'error', message: 'the spec is empty', ranges: [at(0, 0)] });
    return { value: undefined, diagnostics };
  }
  return { value: { file, text, document: first, data }, diagnostics };
}
