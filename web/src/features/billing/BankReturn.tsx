import type { Payment } from '@portico/contracts';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { messageForError } from '../../app/errors';
import { ErrorMessage } from '../../app/ui/Notice';
import { Loading } from '../../app/ui/Loading';
import { useConfirmPayment } from './api';

/**
 * The patient is back from their bank's confirmation page: ask the server how it went. The server
 * asks the processor, so nothing the address bar says can mark a payment as paid.
 */
export function BankReturn({ paymentId, paid }: { paymentId: string; paid: (p: Payment) => ReactNode }) {
  const { t } = useTranslation();
  const confirm = useConfirmPayment();
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    confirm.mutate({ id: paymentId, approved: true });
  }, [confirm, paymentId]);
  if (confirm.data?.status === 'succeeded') return <>{paid(confirm.data)}</>;
  if (confirm.isError || confirm.data) {
    return (
      <>
        <ErrorMessage>
          {confirm.isError ? messageForError(t, confirm.error) : t('billing.pay.bankNotConfirmed')}
        </ErrorMessage>
        <p>
          <Link to="/billing/pay">{t('billing.pay.tryAgain')}</Link>
        </p>
      </>
    );
  }
  return <Loading label={t('billing.pay.checkingBank')} />;
}
