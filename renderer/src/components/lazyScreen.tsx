import { Spin } from 'antd';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A screen whose code is fetched the first time it is shown (its own chunk in the build), so the
 * login screen does not wait for every screen's code and the charts load only with 统计.
 * `load` is a literal `import('./screens/X')`: that is what tells the bundler to split there.
 */
export function lazyScreen<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy<ComponentType<P>>(async () => ({ default: (await load())[name] }));
}

/**
 * While a screen's code arrives: the space it will take stays empty (nothing jumps), and a
 * spinner shows only if it takes longer than a moment, which on the hall's PCs it rarely does.
 */
export function ScreenLoading({ height = 'calc(100vh - 96px)' }: { height?: string }) {
  return (
    <div
      data-testid="screen-loading"
      style={{ minHeight: height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      <Spin delay={300} size="large" />
    </div>
  );
}
