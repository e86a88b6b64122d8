// The entry of the results feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { ResultsCard } from './ResultsCard';
