import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const server = "http://127.0.0.1:3000";

// In development the API lives on the AutoBolt server; in production the server serves dist/ itself.
export default defineConfig({
  plugins: [react()],
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
