// The entry of the auth feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { PasswordFields } from './PasswordFields';
export { checkNewPassword } from './passwordChecks';
export { check, compact } from './personChecks';
export { useSsoInfo } from './HospitalSignIn';
