// `netspec console --export <dir>`: the console as a static site (GitHub Pages, or a folder opened from disk). A
// page opened from file:// may not fetch, so every document the server would serve is written into data.js, which
// index.html loads as a classic script; each is also written under api/ for scripts and people. Nothing in the site
// loads from another host, and it offers no edits.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stageFolder, swapFolderInto } from '../atomic-write.js';
import { type ConsoleContext, documentAt, documentPaths, INDEX_PATH, indexDocument } from './console-routes.js';

export interface ExportedSite {
  /** Documents written, by address. */
  documents: number;
  /** Addresses whose document could not be made, with why (their pages say so too). */
  failures: { path: string; error: string }[];
}

const APP_FILES = ['index.html', 'app.js', 'app.css'];

/** Why `out` may not be written, if it may not: only a new or empty folder or an earlier export is replaced. */
export function exportFolderProblem(out: string): string | undefined {
  const target = resolve(out);
  if (existsSync(target) && readdirSync(target).length > 0 && !existsSync(join(target, 'data.js')))
    return `${out} is neither empty nor an exported console (no data.js): name a new or empty folder`;
  return undefined;
}

/** Writes the site into `out` through a staging folder beside it swapped into place: never half a site, and the
 * earlier export stays until the new one is complete. */
export async function exportSite(context: ConsoleContext, appDir: string, out: string): Promise<ExportedSite> {
  const target = resolve(out);
  const problem = exportFolderProblem(out);
  if (problem) throw new Error(problem);
  mkdirSync(dirname(target), { recursive: true });
  const staging = stageFolder(target);
  try {
    for (const file of APP_FILES) copyFileSync(join(appDir, file), join(staging, file));
    const snapshot: Record<string, unknown> = {};
    const failures: ExportedSite['failures'] = [];
    const exportContext: ConsoleContext = { ...context, edits: false };
    for (const path of documentPaths(exportContext)) {
      const document =
        path === INDEX_PATH
          ? { json: indexDocument(exportContext, 'export', headCommit(context.root)) }
          : await documentAt(exportContext, path);
      if (!document) continue;
      if ('error' in document) {
        failures.push({ path, error: document.error });
        snapshot[path] = { error: document.error };
        continue;
      }
      snapshot[path] = JSON.parse(document.json);
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), document.json);
    }
    // JSON is a JavaScript expression; `<` is escaped so no text in a document can end the script early.
    const data = JSON.stringify(snapshot).replace(/</g, '\\u003c');
    writeFileSync(join(staging, 'data.js'), `window.NETSPEC_CONSOLE_DATA = ${data};\n`);
    swapFolderInto(staging, target);
    return { documents: Object.keys(snapshot).length - failures.length, failures };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function headCommit(root: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString('utf8')
      .trim();
  } catch {
    return undefined;
  }
}
