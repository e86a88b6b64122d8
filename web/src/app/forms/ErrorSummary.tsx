import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormErrorState } from './useFormErrors';
import { fieldId } from './fieldId';

interface ErrorSummaryProps<F extends string> {
  formId: string;
  errors: FormErrorState<F>;
  /** Field order on the page, so the summary lists problems top to bottom. */
  order: readonly F[];
}

/**
 * Lists every problem after a failed submit and takes focus, so screen reader and keyboard
 * users learn about it at once; each item links to its field.
 */
export function ErrorSummary<F extends string>({ formId, errors, order }: ErrorSummaryProps<F>) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const fieldItems = order.flatMap((name) => {
    const message = errors.fields[name];
    return message ? [{ name, message }] : [];
  });
  const hasErrors = fieldItems.length > 0 || errors.general.length > 0;

  useEffect(() => {
    if (errors.attempt > 0) ref.current?.focus();
  }, [errors.attempt]);

  if (!hasErrors) return null;

  const jump = (event: MouseEvent<HTMLAnchorElement>, name: string) => {
    const target = document.getElementById(fieldId(formId, name));
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'center' });
  };

  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${formId}-error-title`}>
      <h2 id={`${formId}-error-title`} className="error-summary__title">
        {t('errors.summaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {errors.general.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {fieldItems.map(({ name, message }) => (
          <li key={name}>
            <a href={`#${fieldId(formId, name)}`} onClick={(event) => jump(event, name)}>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
