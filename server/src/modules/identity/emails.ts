import type { Translator } from '../../lib/i18n.js';
import type { MailMessage } from '../mail/index.js';

// Emails carry no health information: a greeting-free notice and a link. Links expire.
// The words come from server/src/i18n/<lang>.json in the recipient's language.

export function verifyEmail(to: string, link: string, tr: Translator): MailMessage {
  return {
    to,
    lang: tr.lang,
    subject: tr.t('email.verify.subject'),
    text: [tr.t('email.verify.body'), '', tr.t('email.verify.link', { link }), '', tr.t('email.verify.ignore')].join(
      '\n',
    ),
  };
}

export function resetPassword(to: string, link: string, tr: Translator): MailMessage {
  return {
    to,
    lang: tr.lang,
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
    lang: tr.lang,
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
    lang: tr.lang,
    subject: tr.t('email.welcome.subject'),
    text: [tr.t('email.welcome.body'), '', tr.t('email.welcome.link', { link }), tr.t('email.welcome.expired')].join(
      '\n',
    ),
  };
}

export function signInThrottled(to: string, linkPage: string, resetLink: string, tr: Translator): MailMessage {
  return {
    to,
    lang: tr.lang,
    subject: tr.t('email.throttled.subject'),
    text: [
      tr.t('email.throttled.body'),
      tr.t('email.throttled.slowed'),
      '',
      tr.t('email.throttled.link', { link: linkPage }),
      tr.t('email.throttled.forgot', { link: resetLink }),
      '',
      tr.t('email.throttled.ignore'),
    ].join('\n'),
  };
}

export function signInLink(to: string, link: string, tr: Translator): MailMessage {
  return {
    to,
    lang: tr.lang,
    subject: tr.t('email.signInLink.subject'),
    text: [
      tr.t('email.signInLink.body'),
      '',
      tr.t('email.signInLink.link', { link }),
      tr.t('email.signInLink.once'),
      '',
      tr.t('email.signInLink.ignore'),
    ].join('\n'),
  };
}

export function factorLocked(
  to: string,
  factor: 'totp' | 'recovery',
  minutes: number,
  accountPage: string,
  tr: Translator,
): MailMessage {
  return {
    to,
    lang: tr.lang,
    subject: tr.t('email.factorLocked.subject'),
    text: [
      tr.t(factor === 'totp' ? 'email.factorLocked.bodyTotp' : 'email.factorLocked.bodyRecovery'),
      tr.t('email.factorLocked.paused', { minutes }),
      '',
      tr.t('email.factorLocked.change', { link: accountPage }),
    ].join('\n'),
  };
}
