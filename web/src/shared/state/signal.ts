import { useSyncExternalStore } from 'react';

/** A value outside React that components re-render on (the session notice, unsaved forms). */
export interface Signal<T> {
  get(): T;
  set(value: T): void;
  /** The value, re-rendering the component when it changes. */
  use(): T;
}

export function signal<T>(initial: T): Signal<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const get = () => value;
  return {
    get,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of listeners) listener();
    },
    use: () => useSyncExternalStore(subscribe, get),
  };
}
