// The relative imports between a folder's TypeScript modules, and the cycles among them. Every kind of import
// counts: static, type-only, re-export and dynamic `import()`. A type-only cycle costs nothing at run time, but it
// still means two modules cannot be read, moved or tested apart.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ImportGraph {
  /** Module path (relative to the root) -> the modules it imports, relative to the root. */
  edges: Map<string, string[]>;
  /** `from: specifier` for each relative import that names no file: an edge the graph would otherwise miss. */
  unresolved: string[];
}

export function importGraph(root: string): ImportGraph {
  const modules = typeScriptFiles(resolve(root));
  const known = new Set(modules);
  const edges = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of modules) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveImport(resolve(dirname(file), fileName), known);
      if (target === undefined) unresolved.push(`${relative(root, file)}: ${fileName}`);
      else if (known.has(target)) targets.push(relative(root, target));
    }
    edges.set(relative(root, file), targets);
  }
  return { edges, unresolved };
}

/** The strongly connected components with more than one module, or one that imports itself (Tarjan). */
export function importCycles(edges: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (module: string): void => {
    index.set(module, counter);
    low.set(module, counter);
    counter++;
    stack.push(module);
    onStack.add(module);
    for (const next of edges.get(module) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(module, Math.min(low.get(module)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(module, Math.min(low.get(module)!, index.get(next)!));
    }
    if (low.get(module) !== index.get(module)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== module);
    if (component.length > 1 || edges.get(module)?.includes(module)) cycles.push(component.sort());
  };
  for (const module of edges.keys()) if (!index.has(module)) visit(module);
  return cycles;
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** NodeNext resolution as written in our sources: `./x.js` names `./x.ts`; other files (JSON) are named as they are. */
function resolveImport(path: string, known: Set<string>): string | undefined {
  for (const candidate of [path.replace(/\.js$/, '.ts'), path.replace(/\.js$/, '.tsx'), path])
    if (known.has(candidate)) return candidate;
  try {
    return statSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}
