// Lints the extension's own scripts, the build tools and the browser tests.
// eslint-plugin-no-unsanitized (Mozilla's) rejects innerHTML,
// insertAdjacentHTML, document.write and friends: page text must only ever
// reach the DOM through textContent. Generated (extension/pkg) and bundled
// third-party code (extension/vendor) are not ours to lint, nor is the
// content script's bundle (extension/content.js): its sources in
// extension/content/ are.
import globals from 'globals';
import nounsanitized from 'eslint-plugin-no-unsanitized';

export default [
  { ignores: ['extension/pkg/**', 'extension/vendor/**', 'extension/content.js', 'node_modules/**', 'target/**', 'dist/**', 'bench/**', 'fuzz/**'] },
  {
    files: ['extension/**/*.js'],
    plugins: { 'no-unsanitized': nounsanitized },
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'script',
      globals: { ...globals.browser, ...globals.webextensions },
    },
    rules: {
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'document', property: 'write', message: 'Never write page text as markup.' },
        { object: 'document', property: 'writeln', message: 'Never write page text as markup.' },
      ],
      'no-undef': 'error',
      'no-unused-vars': 'error',
    },
  },
  {
    files: ['extension/background.js', 'extension/options.js', 'extension/content/**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    files: ['tools/**/*.mjs', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
    rules: { 'no-undef': 'error', 'no-unused-vars': 'error' },
  },
  {
    // The content script's modules run against linkedom in Node.
    files: ['tests/js/**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
    rules: { 'no-undef': 'error', 'no-unused-vars': 'error' },
  },
  {
    // The tests hold functions that run inside the browser pages they drive.
    files: ['tests/e2e/**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
    rules: { 'no-undef': 'error', 'no-unused-vars': 'error' },
  },
];
