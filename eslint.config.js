import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next*/**", "node_modules/**", ".tmp/**", "bench/out/**", "db/migrations/**", "next-env.d.ts"],
  },
  {
    rules: {
      // Reading pages use plain <a> links: docs/decisions/014-plain-links.md.
      "@next/next/no-html-link-for-pages": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Dependencies run from app/ down to components/ and lib/, never back up: server actions live
    // with their feature (lib/<feature>/actions.ts), so a component never imports a route's module.
    files: ["components/**", "lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^@/app(/|$)", message: "components/ and lib/ never import from app/: put the server action in lib/<feature>/actions.ts." },
            { regex: "^(\\.\\./)+app(/|$)", message: "components/ and lib/ never import from app/: put the server action in lib/<feature>/actions.ts." },
          ],
        },
      ],
    },
  },
];

export default config;
