// The entry of the staff feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { PatientSearch } from './PatientSearch';
export { usePatientSearch } from './api';
export { PATIENT_LANGUAGES } from './languages';
