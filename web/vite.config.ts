import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { catalogPlugin } from './src/app/i18n/catalogPlugin';
import { precompressPlugin } from './src/app/build/precompressPlugin';

/**
 * The built app is served by the Portico server itself (same origin, strict CSP), so the
 * output must contain no inline scripts or styles and no third-party URLs.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [catalogPlugin(), react(), precompressPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Keep the CSS in a file; no inline <style> that a strict CSP would block.
    cssCodeSplit: false,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8080' },
    },
  },
});
