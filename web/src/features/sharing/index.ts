// The entry of the sharing feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { ConfirmRemove } from './ConfirmRemove';
export { LoadProblem } from './LoadProblem';
export { RecordSwitcher } from './RecordSwitcher';
export { RequireArea } from './RequireArea';
export { useCurrentRecord } from './api';
import './sharing.css';
