// Development and production builds never share a directory. A production server handed a
// development build answers every page with a 500 ("jsxDEV is not a function"), and
// `remix build` empties the assets directory a running `npm run dev` serves. The compiler's mode
// is NODE_ENV (`remix build` sets "production" when it is unset; `npm run dev` compiles with
// "development"): only a production-mode build lands where `npm start` looks
// (app/server/http.server.ts, buildPath), and `npm start` refuses any other mode.
const kind = process.env.NODE_ENV === "production" ? "production" : "development";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverBuildPath: `build/${kind}/index.js`,
  assetsBuildDirectory: `public/build/${kind}`,
  publicPath: `/build/${kind}/`,
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
