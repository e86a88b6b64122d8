// The entry of the auth feature: what other features and the app may use (eslint.config.js
// enforces it). Re-exports only, so importing it pulls in nothing the importer does not use.
export { ActivatePage } from './ActivatePage';
export { CheckEmailPage } from './CheckEmailPage';
export { EnrollChoicePage } from './EnrollChoicePage';
export { ForgotPasswordPage } from './ForgotPasswordPage';
export { PasswordFields } from './PasswordFields';
export { ResetPasswordPage } from './ResetPasswordPage';
export { SignInLinkPage } from './SignInLinkPage';
export { SignInPage } from './SignInPage';
export { SignupPage } from './SignupPage';
export { VerifyEmailPage } from './VerifyEmailPage';
export { checkNewPassword } from './passwordChecks';
export { check, compact } from './personChecks';
