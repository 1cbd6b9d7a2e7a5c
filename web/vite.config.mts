import path from 'node:path';
import { defineConfig } from 'vite';

const webRoot = import.meta.dirname;
const service = process.env.SERVICE_URL ?? 'http://localhost:3000';

/** The service's own paths: in development Vite serves the app and forwards these to Nest. */
const servicePaths = ['/api', '/auth', '/docs', '/health'];

export default defineConfig({
  root: webRoot,
  // Not under node_modules: that may be shared with other checkouts.
  cacheDir: path.join(webRoot, '..', '.cache', 'vite'),
  // React's JSX through Vite's built-in oxc transform (no React plugin, so no Fast Refresh).
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: { alias: { '@': path.join(webRoot, 'src') } },
  build: {
    outDir: path.join(webRoot, '..', 'dist', 'web'),
    emptyOutDir: true,
    // The service's CSP allows only files from its own origin: no inline scripts or styles.
    assetsInlineLimit: 0,
    manifest: true,
    sourcemap: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Query marks its modules "use client" for server components; meaningless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(servicePaths.map((p) => [p, { target: service }])),
  },
});
