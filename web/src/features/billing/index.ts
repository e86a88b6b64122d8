// The entry of the billing feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { VisitCost } from './VisitCost';
export { money, parseDollars } from './format';
