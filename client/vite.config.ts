import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const server = "http://127.0.0.1:3000";

/**
 * Brotli and gzip copies of every text file in the build, made once at the highest levels, so the
 * server sends the smallest bytes without compressing on each request.
 */
function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "autobolt-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(js|css|html|svg|json)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const bytes = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// In development the API lives on the AutoBolt server; in production the server serves dist/ itself.
export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      "/trpc": server,
      "/api": server,
      "/screenshots": server,
      "/reports": server,
      "/healthz": server,
    },
  },
  build: { outDir: "dist", emptyOutDir: true },
});
