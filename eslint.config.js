// ESLint flat config: `npm run lint` (fails on any warning) runs it in CI before the tests.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const REMIX_INTERNALS = "Private Remix compiler internals change in patch releases: use a public API, or explain in an ADR why none serves.";
const NO_REMIX_INTERNALS = { selector: "ImportExpression[source.value=/^@remix-run\\/dev\\/dist\\//]", message: REMIX_INTERNALS };
// Raw SQL has one home: a feature's queries module, one defineQuery per statement with a row parser (ADR 018).
const NO_RAW_SQL = {
  selector: "MemberExpression[property.name=/^\\$(queryRaw|executeRaw)(Unsafe)?$/]",
  message: "Write the statement as a defineQuery in the feature's queries.server.ts (typed rows, the same inside and outside a transaction).",
};

export default defineConfig(
  globalIgnores(["build/", "public/build/", ".data/", ".cache/", "node_modules/", "test-results/", "playwright-report/"]),
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  // Type-aware rules (unsafe `any`, unneeded casts, floating promises, thrown non-errors) need the
  // type checker: they make a lint run about 3 times as long (about 40 s on 2 cores) and catch
  // what tsc alone lets through.
  tseslint.configs.recommendedTypeChecked,
  reactHooks.configs.flat["recommended-latest"],
  jsxA11y.flatConfigs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a parameter or binding kept on purpose (a fixed signature,
      // a field dropped from a rest copy).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Remix loaders and actions, and adapters implementing an async interface, are async
      // without awaiting anything; a forgotten await is caught by no-floating-promises and
      // no-misused-promises instead.
      "@typescript-eslint/require-await": "off",
      // Remix's way to stop a loader or action is to throw a Response (redirect(), json());
      // UploadThing's middleware asks for its own error type.
      "@typescript-eslint/only-throw-error": [
        "error",
        {
          allow: [
            { from: "lib", name: "Response" },
            { from: "package", package: "@remix-run/server-runtime", name: "TypedResponse" },
            { from: "package", package: "@uploadthing/shared", name: "UploadThingError" },
          ],
        },
      ],
      // These React Compiler rules only say something when the compiler compiles the code;
      // this project does not run it (Remix 2's classic compiler, React 18).
      "react-hooks/preserve-manual-memoization": "off",
      "react-hooks/incompatible-library": "off",
      "react-hooks/unsupported-syntax": "off",
      "react-hooks/config": "off",
      "react-hooks/gating": "off",
      "no-restricted-imports": ["error", { patterns: [{ group: ["@remix-run/dev/dist/*"], message: REMIX_INTERNALS }] }],
      "no-restricted-syntax": ["error", NO_REMIX_INTERNALS, NO_RAW_SQL],
    },
  },
  {
    // Plain JavaScript config files are outside tsconfig.json's program.
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tests, test helpers, end-to-end specs and the benchmark read JSON answers (`any`) and
    // poke at them; typing every response body there would add noise, not safety.
    files: ["**/*.test.{ts,tsx}", "app/testing/**", "e2e/**", "bench/**"],
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Where raw SQL may be written: the typed query runner itself, and tests, fixtures, the
    // benchmark and database scripts that set data up by hand.
    files: ["app/utils/sql.server.ts", "**/*.test.{ts,tsx}", "app/testing/**", "e2e/**", "bench/**", "prisma/**"],
    rules: { "no-restricted-syntax": ["error", NO_REMIX_INTERNALS] },
  },
);
