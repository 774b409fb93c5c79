import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The control panel. Electron loads dist/renderer/index.html from file://, so asset URLs are
// relative (base './'). No remote resources: everything the panel needs is bundled here,
// which is what the window's strict CSP (no remote origins, no inline scripts) allows.
export default defineConfig({
  // Absolute, so the build is the same whatever directory it is started from.
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron 45 is Chromium 140: modern syntax is fine, and no eval-based helpers.
    target: 'chrome140',
    sourcemap: false,
  },
});
