import { str, url, type Env } from './env.js';

/** Outgoing mail; with no SMTP server it stays in the outbox staff can read in the app. */
export interface MailSettings {
  smtpUrl: string | null;
  mailFrom: string;
}

/** PORTICO_SMTP_URL, PORTICO_MAIL_FROM. */
export function mailSettings(env: Env): MailSettings {
  return {
    smtpUrl: url(env, 'PORTICO_SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: str(env, 'PORTICO_MAIL_FROM', 'Portico <no-reply@portico.invalid>'),
  };
}
