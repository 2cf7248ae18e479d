import { useCallback, useEffect, useState } from 'preact/hooks';

/** Load data for an admin screen, reload it after a change, and keep the last error or notice to show. */
export function useAdminData<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const reload = useCallback(() => load().then(setData, (e: Error) => setError(e.message)), [load]);
  useEffect(() => void reload(), [reload]);
  /** Run a change; show `done` (or its result's message) and reload, or show the server's error. */
  const act = async <R>(change: () => Promise<R>, done: string | ((r: R) => string)): Promise<R | undefined> => {
    setError('');
    setNotice('');
    try {
      const r = await change();
      // The notice comes after the reload, so "Removed …" never stands beside a list that still shows it.
      await reload();
      setNotice(typeof done === 'string' ? done : done(r));
      return r;
    } catch (e) {
      setError((e as Error).message);
      return undefined;
    }
  };
  return { data, error, notice, act, reload };
}

/** A form's fields as strings. */
export function fields(e: Event): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(e.currentTarget as HTMLFormElement).forEach((v, k) => (out[k] = String(v)));
  return out;
}
