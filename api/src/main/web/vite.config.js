import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

// The build writes straight into the api module's classes, so the assets travel inside the api jar
// and Javalin serves them from the classpath (see io.kpipulse.api.web.Dashboard).
export default defineConfig({
  plugins: [vue()],
  base: "/",
  build: {
    outDir: fileURLToPath(new URL("../../../target/classes/web", import.meta.url)),
    emptyOutDir: true,
    // Two pages: the dashboard, and the API reference (Swagger UI) at /api-docs.
    rolldownOptions: {
      input: {
        dashboard: fileURLToPath(new URL("./index.html", import.meta.url)),
        apiDocs: fileURLToPath(new URL("./api-docs.html", import.meta.url)),
      },
    },
    // Swagger UI comes as one prebuilt 1.5 MB bundle; the dashboard stays well below.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
