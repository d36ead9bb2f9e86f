// Where documents come from: the exported site's data.js (a page opened from file:// may not fetch), else the
// console server's api/ addresses, relative to the page.
import { useEffect, useState } from 'preact/hooks';

declare global {
  interface Window {
    NETSPEC_CONSOLE_DATA?: Record<string, unknown>;
  }
}

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

export async function loadDocument<T>(path: string): Promise<T> {
  const snapshot = window.NETSPEC_CONSOLE_DATA;
  if (snapshot) {
    const value = snapshot[path] as { error?: string } | undefined;
    if (value === undefined) throw new Error(`this export has no ${path}`);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof value.error === 'string' &&
      Object.keys(value).length === 1
    )
      throw new Error(value.error);
    return value as T;
  }
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = (await response.json()) as { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${path}: ${response.status}`);
  return body as T;
}

/** A document for a component: loading, then its value or why there is none. */
export function useDocument<T>(path: string | undefined): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setLoaded({ state: 'loading' });
    loadDocument<T>(path).then(
      (value) => current && setLoaded({ state: 'ready', value }),
      (error: Error) => current && setLoaded({ state: 'failed', error: error.message }),
    );
    return () => {
      current = false;
    };
  }, [path]);
  return loaded;
}

/** A proposal edit, sent to the console server (never offered by an exported site). */
export async function postEdit<T>(network: string, step: 'preview' | 'commit', edit: unknown): Promise<T> {
  const response = await fetch(`api/networks/${encodeURIComponent(network)}/edits/${step}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(edit),
  });
  const body = (await response.json()) as { error?: string };
  if (!response.ok || body.error) throw new Error(body.error ?? `the edit failed (${response.status})`);
  return body as T;
}
