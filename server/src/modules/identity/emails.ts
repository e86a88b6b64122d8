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

export function signInThrottled(to: string, linkPage: string, resetLink: string): MailMessage {
  return {
    to,
    subject: 'Several wrong passwords for your Portico account',
    text: [
      'Someone typed a wrong password for your Portico account several times.',
      'To protect the account, signing in with a password is slowed down for a while. Your account is not locked.',
      '',
      `If it was you, you can sign in now with a one-time link sent to this address: ${linkPage}`,
      `Forgot your password? ${resetLink}`,
      '',
      'If it was not you, your password was not accepted and nothing else is needed.',
    ].join('\n'),
  };
}

export function signInLink(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Your Portico sign-in link',
    text: [
      'Someone asked for a link to sign in to Portico with this email address.',
      '',
      `To sign in, open this link within 15 minutes: ${link}`,
      'The link works once.',
      '',
      'If it was not you, ignore this message.',
    ].join('\n'),
  };
}
