// The entry of the schedule-admin feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { ScheduleLinks } from './home/ScheduleLinks';
export { ClinicianSelect } from './shared/ClinicianSelect';
export { useFocusOnMount } from './shared/useFocusOnMount';
