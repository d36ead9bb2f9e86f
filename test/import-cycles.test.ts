// No module under src/ imports, directly or through others, a module that imports it back: a step never depends
// on the orchestrator that runs it, a command's targets never on the command. Shared types live in their own file.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './helpers/import-graph.js';

const src = new URL('../src', import.meta.url).pathname;

describe('import cycles', () => {
  it('src/ has none, and every relative import names a file', () => {
    const { edges, unresolved } = importGraph(src);
    expect(edges.size).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
    expect(importCycles(edges)).toEqual([]);
  });

  it('finds a cycle through type-only, re-export and dynamic imports, and a module importing itself', () => {
    const root = mkdtempSync(join(tmpdir(), 'import-cycles-'));
    mkdirSync(join(root, 'steps'));
    writeFileSync(join(root, 'orchestrator.ts'), "import { step } from './steps/step.js';\nexport type Ctx = {};\n");
    writeFileSync(
      join(root, 'steps', 'step.ts'),
      "import type { Ctx } from '../orchestrator.js';\nexport const step = 1;\n",
    );
    writeFileSync(join(root, 'command.ts'), "export const targets = () => import('./target.js');\n");
    writeFileSync(join(root, 'target.ts'), "export { targets } from './command.js';\n");
    writeFileSync(join(root, 'self.ts'), "import './self.js';\n");
    writeFileSync(join(root, 'leaf.ts'), "import data from './data.json' with { type: 'json' };\n");
    writeFileSync(join(root, 'data.json'), '{}');
    const { edges, unresolved } = importGraph(root);
    expect(unresolved).toEqual([]);
    expect(importCycles(edges).sort()).toEqual([
      ['command.ts', 'target.ts'],
      ['orchestrator.ts', 'steps/step.ts'],
      ['self.ts'],
    ]);
  });

  it('reports a relative import that names no file', () => {
    const root = mkdtempSync(join(tmpdir(), 'import-cycles-'));
    writeFileSync(join(root, 'a.ts'), "import { gone } from './moved-away.js';\n");
    expect(importGraph(root).unresolved).toEqual(['a.ts: ./moved-away.js']);
  });
});
