// The entry of the visit feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { stateName } from './placeNames';
export { US_STATES, countryOptions } from './places';
export { askForSpeaker, speakerChoice } from './rtc/browserMedia';
