import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// One SPA for /store and /admin. index.html goes to dist/, hashed assets to dist/ui/assets/ — the server serves
// /ui/* as static files and index.html for every /store and /admin page (apps/server/src/modules/portal/portal-pages.ts).
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', assetsDir: 'ui/assets', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '^/(store/api|admin/api|docs|oauth2|getting-started|booking|eligibility|test-centers|notifications)': 'http://127.0.0.1:8080' } },
});
