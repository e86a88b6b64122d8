import { useTranslation } from 'react-i18next';
import { SubmitButton } from '../../../app/forms/SubmitButton';

interface PanelButtonsProps {
  submit: string;
  pending: boolean;
  onClose: () => void;
  /** The close button's words and look: "Close" by default; a confirm step says "Keep…". */
  close?: { label: string; tone: 'secondary' } | undefined;
}

/** A panel form's submit button and the button that closes the panel without saving. */
export function PanelButtons({ submit, pending, onClose, close }: PanelButtonsProps) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <SubmitButton pending={pending}>{submit}</SubmitButton>
      <button type="button" className={`button button--${close?.tone ?? 'quiet'}`} onClick={onClose}>
        {close?.label ?? t('scheduleAdmin.common.close')}
      </button>
    </div>
  );
}
