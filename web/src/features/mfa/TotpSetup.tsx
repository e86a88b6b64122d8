import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CodeBody, RecoveryCodes, TotpEnrollment } from '@portico/contracts';
import { TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useApi } from '../../app/session/context';
import { mfaError } from './codes';

interface Props {
  enrollment: TotpEnrollment;
  onConfirmed: (codes: string[]) => void;
  onStepUp: (error: unknown, again: () => void) => boolean;
}

/** Scan the QR code (or type the key), then prove it with the first code. */
export function TotpSetup({ enrollment, onConfirmed, onStepUp }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [code, setCode] = useState('');
  const confirm = useMutation({
    mutationFn: (body: CodeBody) => api.post<RecoveryCodes>('/api/auth/mfa/totp/confirm', body),
    onSuccess: (result) => onConfirmed(result.recoveryCodes),
    onError: (error, body) => onStepUp(error, () => confirm.mutate(body)),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!confirm.isPending && code.trim() !== '') confirm.mutate({ code: code.trim() });
  };

  return (
    <div className="totp-setup">
      <ol className="steps">
        <li>{t('mfa.totp.step1')}</li>
        <li>
          {t('mfa.totp.step2')}
          <img className="totp-setup__qr" src={enrollment.qrCode} alt={t('mfa.totp.qrAlt')} width={200} height={200} />
          <p>{t('mfa.totp.manual')}</p>
          <p>
            <code className="totp-setup__key" data-testid="totp-secret">
              {enrollment.secret.replace(/(.{4})/g, '$1 ').trim()}
            </code>
          </p>
        </li>
        <li>{t('mfa.totp.step3')}</li>
      </ol>
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          formId="totp-confirm"
          name="code"
          label={t('mfa.fields.appCode')}
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={6}
          width="short"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={confirm.error ? mfaError(t, confirm.error) : undefined}
        />
        <SubmitButton pending={confirm.isPending}>{t('mfa.totp.confirm')}</SubmitButton>
      </form>
    </div>
  );
}
