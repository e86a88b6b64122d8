// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Layer rules (docs/architecture.md): a module reaches another module only through its entry
    // (index.ts), so never its repository or any other inner file.
    files: ['server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(\\.\\./)*(modules/)?[a-z-]+/repository(\\.js)?$',
              message: "Import another module's service, never its repository.",
            },
            {
              regex: '^\\.\\./[a-z-]+/(?!index\\.js$)[^/]+$',
              message: 'Import another module only through its entry: ../<module>/index.js.',
            },
          ],
        },
      ],
    },
  },
  {
    // Start-up, the demo seed and operations commands use a module only through its entry, like
    // other modules do (so never a repository).
    files: ['server/src/*.ts', 'server/src/demo/**/*.ts', 'server/src/ops/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)modules/[a-z-]+/(?!index\\.js$).+',
              message: 'Import a module only through its entry: modules/<module>/index.js.',
            },
          ],
        },
      ],
    },
  },
  {
    // The lower layers never import a module: modules depend on them, not the other way round.
    files: [
      'server/src/lib/**/*.ts',
      'server/src/db/**/*.ts',
      'server/src/plugins/**/*.ts',
      'server/src/config.ts',
      'server/src/config/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)modules(/|\\.js$)',
              message:
                'lib/, db/ and plugins/ never import a module (see lib/module.ts for how modules publish services).',
            },
          ],
        },
      ],
    },
  },
  // Web feature boundaries (docs/architecture.md): a feature reaches another feature only through
  // its entry (features/<f>/index.ts); the app also uses features/<f>/routes.tsx and the catalogs.
  // Relative paths say how far up they climb, so there is one pattern per folder depth.
  ...[1, 2, 3, 4].map((depth) => ({
    files: [`web/src/features/*/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth}}(?!\\.\\.)[^/]+/.+`,
              message: 'Import another feature only through its entry: ../<feature> (features/<feature>/index.ts).',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['web/src/app/**/*.{ts,tsx}', 'web/src/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)features/[a-z-]+/(?!routes$|[A-Z][A-Za-z]*Page$|[a-zA-Z-]+\\.json$).+',
              message:
                "The app imports a feature's entry (features/<f>), its routes, its pages (features/<f>/<Name>Page) or its catalogs.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Words people read are formatted by Intl in their language (docs/i18n.md), not by hand.
    files: ['web/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='join'][arguments.0.value=/^[,;] $/]",
          message: 'A list people read goes through formatList() (Intl.ListFormat) in app/ui/format.ts.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(toFixed|toLocaleDateString|toLocaleTimeString)$/]',
          message: "Format numbers, dates and times with Intl (app/ui/format.ts), in the reader's language.",
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    // Command-line entry points and benchmarks print to the terminal by design.
    files: ['scripts/**', 'bench/**', 'server/src/main.ts'],
    rules: { 'no-console': 'off' },
  },
);
