import { lazy, type ComponentType } from 'react';

/**
 * A lazily loaded screen that can also be fetched ahead of time. Once its code is in, it renders
 * directly instead of through React.lazy, which would suspend for a moment anyway — and React
 * holds a revealed Suspense boundary back for up to 300 ms, which the first screen would pay.
 */
export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | undefined;
  const preload = () =>
    load().then((module) => {
      loaded = module.default;
      return module;
    });
  const Lazy = lazy(preload);
  function Screen(props: P) {
    const Component = loaded ?? Lazy;
    return <Component {...props} />;
  }
  return { Screen, preload };
}
