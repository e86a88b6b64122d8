import type { MailMessage } from '../mail/index.js';

// Emails carry no health information: a greeting-free notice and a link. Links expire.

export function verifyEmail(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Confirm your email for Portico',
    text: [
      'Please confirm your email address to finish setting up your Portico account.',
      '',
      `Open this link within 24 hours: ${link}`,
      '',
      'If you did not sign up for Portico, you can ignore this message.',
    ].join('\n'),
  };
}

export function resetPassword(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Reset your Portico password',
    text: [
      'Someone asked to reset the password for this Portico account.',
      '',
      `To choose a new password, open this link within 1 hour: ${link}`,
      'The link works once.',
      '',
      'If it was not you, ignore this message; your password stays the same.',
    ].join('\n'),
  };
}

export function accountExists(to: string, signInLink: string, resetLink: string): MailMessage {
  return {
    to,
    subject: 'You already have a Portico account',
    text: [
      'Someone tried to sign up for Portico with this email address, which already has an account.',
      '',
      `Sign in: ${signInLink}`,
      `Forgot your password? ${resetLink}`,
      '',
      'If it was not you, no action is needed.',
    ].join('\n'),
  };
}

export function workforceWelcome(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Your Portico account is ready',
    text: [
      'An administrator created a Portico account for you.',
      '',
      `Choose your password within 1 hour: ${link}`,
      'If the link has expired, use "Forgot password" on the sign-in page.',
    ].join('\n'),
  };
}
