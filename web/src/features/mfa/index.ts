/** The second-factor feature's entry: what sign-in pages and sensitive actions of other features need from it. */
export { needsSecondStep, type SecondStepState } from './api';
export { PasskeySignIn } from './PasskeySignIn';
export { useStepUp } from './StepUpDialog';
