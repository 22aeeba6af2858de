import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The designer, served by the platform under /admin. Shares modules with runtime-ui/src. */
export default defineConfig({
  root: path.dirname(fileURLToPath(import.meta.url)),
  base: '/admin/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [
    {
      // platform/src/lint/rules/* end with `export = rule` (bpmnlint require()s rule files); the designer bundles them as ES modules for its live lint.
      name: 'lint-rule-export-assignment',
      enforce: 'pre',
      transform: (code: string, id: string) => (/[\\/]platform[\\/]src[\\/]lint[\\/]rules[\\/][^\\/]+\.ts$/.test(id) ? code.replace(/^export = (\w+);\s*$/m, 'export default $1;\n') : null),
    },
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5174,
    proxy: { '/api': 'http://127.0.0.1:3000' },
    fs: { allow: ['..'] },
  },
});
