import type { ChargePreview } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/session/context';
import { explain, money } from './format';

/**
 * What a planned video or phone visit will cost the patient under today's coverage and the
 * organization's rules in force at its time. Says nothing when the reader may not see billing.
 */
export function VisitCost({ appointmentId }: { appointmentId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const preview = useQuery({
    queryKey: ['billing', 'preview', appointmentId],
    queryFn: () => api.get<ChargePreview>(`/api/billing/preview?appointmentId=${encodeURIComponent(appointmentId)}`),
    retry: false,
  });
  if (!preview.data) return null;
  const p = preview.data;
  return (
    <section className="section" aria-labelledby="visit-cost-title">
      <h2 id="visit-cost-title">{t('billing.visitCost.title')}</h2>
      <p>{t('billing.visitCost.amount', { amount: money(p.amountCents, i18n.language) })}</p>
      <p className="hint">{explain(t, p.explanation, p.amountCents, i18n.language)}</p>
      {p.referral === 'missing' ? <p className="billing-warning">{t('billing.preview.referralMissing')}</p> : null}
      <p className="hint">{t('billing.visitCost.after')}</p>
    </section>
  );
}
