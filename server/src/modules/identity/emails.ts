import type { Translator } from '../../lib/i18n.js';
import type { MailMessage } from '../mail/index.js';

// Emails carry no health information: a greeting-free notice and a link. Links expire.
// The words come from server/src/i18n/<lang>.json in the recipient's language.

export function verifyEmail(to: string, link: string, tr: Translator): MailMessage {
  return {
    to,
    subject: tr.t('email.verify.subject'),
    text: [tr.t('email.verify.body'), '', tr.t('email.verify.link', { link }), '', tr.t('email.verify.ignore')].join(
      '\n',
    ),
  };
}

export function resetPassword(to: string, link: string, tr: Translator): MailMessage {
  return {
    to,
    subject: tr.t('email.reset.subject'),
    text: [
      tr.t('email.reset.body'),
      '',
      tr.t('email.reset.link', { link }),
      tr.t('email.reset.once'),
      '',
      tr.t('email.reset.ignore'),
    ].join('\n'),
  };
}

export function accountExists(to: string, signInLink: string, resetLink: string, tr: Translator): MailMessage {
  return {
    to,
    subject: tr.t('email.exists.subject'),
    text: [
      tr.t('email.exists.body'),
      '',
      tr.t('email.exists.signIn', { link: signInLink }),
      tr.t('email.exists.forgot', { link: resetLink }),
      '',
      tr.t('email.exists.ignore'),
    ].join('\n'),
  };
}

export function workforceWelcome(to: string, link: string, tr: Translator): MailMessage {
  return {
    to,
    subject: tr.t('email.welcome.subject'),
    text: [tr.t('email.welcome.body'), '', tr.t('email.welcome.link', { link }), tr.t('email.welcome.expired')].join(
      '\n',
    ),
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

export function factorLocked(
  to: string,
  factor: 'totp' | 'recovery',
  minutes: number,
  accountPage: string,
): MailMessage {
  const what = factor === 'totp' ? 'codes from your authenticator app' : 'recovery codes';
  return {
    to,
    subject: 'Several wrong sign-in codes for your Portico account',
    text: [
      `Someone typed several wrong ${what} for your Portico account, after typing your password.`,
      `To protect the account, ${what} will not be accepted for ${minutes} minutes. Your account is not locked: you can still sign in with a passkey or another kind of code.`,
      '',
      `If it was not you, someone may know your password. Change it soon: ${accountPage}`,
    ].join('\n'),
  };
}
