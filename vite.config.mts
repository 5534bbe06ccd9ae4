import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { antdStyle } from './build/scripts/antd-style.mjs';

export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react(), antdStyle()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Screens are split where they are imported (renderer/src/components/lazyScreen.tsx); these
        // groups only name two vendor chunks: React, which every page needs, and ECharts, which only
        // 统计 imports. Everything else is split by the bundler along the lazy imports.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/ },
          ],
        },
      },
    },
  },
});
