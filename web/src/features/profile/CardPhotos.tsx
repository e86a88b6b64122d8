import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardSide, Coverage } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';
import { formatBytes } from '../messages';
import { useDeleteCard, useUploadCard } from './api';
import { CARD_SIDES } from './labels';

/** What the browser may offer; the server judges the bytes whatever the name or this list says. */
const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,.heic';

interface CardPhotosProps {
  coverage: Coverage;
  maxBytes: number;
  onSaid: (said: string) => void;
}

/** Photos of the front and back of the insurance card: see them, add or replace one, remove one. */
export function CardPhotos({ coverage, maxBytes, onSaid }: CardPhotosProps) {
  const { t } = useTranslation();
  return (
    <div className="pf-cards">
      <h4 className="pf-cards__title">{t('profile.cards.title')}</h4>
      <div className="pf-cards__sides">
        {CARD_SIDES.map((side) => (
          <CardSidePhoto key={side} coverage={coverage} side={side} maxBytes={maxBytes} onSaid={onSaid} />
        ))}
      </div>
    </div>
  );
}

function CardSidePhoto({ coverage, side, maxBytes, onSaid }: CardPhotosProps & { side: CardSide }) {
  const { t, i18n } = useTranslation();
  const upload = useUploadCard(coverage.id);
  const remove = useDeleteCard(coverage.id);
  const [problem, setProblem] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const card = coverage.cards[side];
  const sideName = t(`profile.cards.sideNames.${side}`);
  const id = `pf-card-${coverage.id}-${side}`;
  const max = formatBytes(maxBytes, i18n.language);
  const plan = `${coverage.plan.payerName} ${coverage.plan.planName}`;

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem('');
    if (file.size > maxBytes) {
      setProblem(t('profile.cards.tooLarge', { max }));
      return;
    }
    upload.mutate(
      { side, file },
      {
        onSuccess: () => onSaid(t('profile.cards.saved', { side: sideName })),
        onError: (error) =>
          setProblem(
            isApiError(error) && error.code === 'attachment_type_not_allowed'
              ? t('profile.cards.notImage')
              : isApiError(error) && error.code === 'attachment_too_large'
                ? t('profile.cards.tooLarge', { max })
                : messageForError(t, error),
          ),
      },
    );
  };

  const percent = upload.progress
    ? Math.round((100 * upload.progress.loaded) / Math.max(1, upload.progress.total))
    : null;
  return (
    <figure className="pf-card">
      {card ? (
        <img
          className="pf-card__img"
          src={card.url}
          alt={t(`profile.cards.alt.${side}`, { plan })}
          width={342}
          height={216}
        />
      ) : (
        <div className="pf-card__empty">{t('profile.cards.none')}</div>
      )}
      <figcaption className="pf-card__caption">{t(`profile.cards.${side}`)}</figcaption>
      <div className={problem ? 'field field--error' : 'field'}>
        <label className="field__label" htmlFor={id}>
          {card ? t('profile.cards.replace', { side: sideName }) : t('profile.cards.add', { side: sideName })}
        </label>
        <input
          ref={input}
          id={id}
          className="pf-card__input"
          type="file"
          accept={ACCEPT}
          aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
          aria-invalid={problem ? true : undefined}
          onChange={pick}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t('profile.cards.hint', { max })}
        </p>
        {problem ? (
          <p className="field__error" id={`${id}-error`} role="alert">
            {problem}
          </p>
        ) : null}
        {percent !== null ? (
          <p className="hint" role="status">
            {t('profile.cards.uploading', { percent })}
          </p>
        ) : null}
      </div>
      {card ? (
        <button
          type="button"
          className="button button--quiet"
          aria-disabled={remove.isPending || undefined}
          onClick={() => {
            if (remove.isPending) return;
            remove.mutate(side, {
              onSuccess: () => {
                onSaid(t('profile.cards.removed', { side: sideName }));
                input.current?.focus();
              },
              onError: (error) => setProblem(messageForError(t, error)),
            });
          }}
        >
          {t('profile.cards.removePhoto', { side: sideName })}
        </button>
      ) : null}
    </figure>
  );
}
