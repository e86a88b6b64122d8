/** The second-factor feature's entry: what sign-in pages of other features need from it. */
export { needsSecondStep, type SecondStepState } from './api';
