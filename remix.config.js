/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/*.css"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  tailwind: true,
  postcss: false,
  // Packages that ship ESM only must be bundled into the CommonJS-free server build as well.
  serverDependenciesToBundle: [],
  // v3_lazyRouteDiscovery is left off: with it every <Link> on a page is matched against the
  // routes while rendering to build a partial manifest, which dominated the dashboard's render.
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
  },
  watchPaths: ["jobs/**/*.ts", "prisma/**/*.ts"],
};
