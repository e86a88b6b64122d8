import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { Loading } from '../../app/ui/Loading';
import { LoadProblem } from '../sharing';
import { useCoverages, useSwapCoverages } from './api';
import { CoverageForm } from './CoverageForm';
import { CoverageItem } from './CoverageItem';
import { NotListed } from './NotListed';

/**
 * The patient's insurance: primary and secondary coverages as cards (plan, member ID, card
 * photos), with add, change, remove and swap. Plans come from the health system's list only.
 */
export function InsuranceSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const coverages = useCoverages();
  const swap = useSwapCoverages();
  const [adding, setAdding] = useState(false);
  const [said, setSaid] = useState('');
  const [problem, setProblem] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  /** After a change: say what happened and bring the reader back to the top of the section. */
  const done = (text: string) => {
    setSaid(text);
    setProblem('');
    setAdding(false);
    heading.current?.focus();
  };

  const list = coverages.data?.coverages ?? [];
  const hasPrimary = list.some((c) => c.priority === 1);
  return (
    <section className="section pf-section" aria-labelledby="pf-insurance-title">
      <h2 id="pf-insurance-title" ref={heading} tabIndex={-1}>
        {t('profile.insurance.title')}
      </h2>
      <p>{t('profile.insurance.intro')}</p>
      <p className="pf-saved" role="status">
        {said}
      </p>
      {coverages.isLoading ? <Loading /> : null}
      {coverages.isError ? (
        <LoadProblem
          lead={t('profile.insurance.loadError')}
          error={coverages.error}
          retry={() => void coverages.refetch()}
        />
      ) : null}
      {coverages.data ? (
        <>
          {list.length === 0 ? <p>{t('profile.insurance.none')}</p> : null}
          <ul className="pf-coverages">
            {list.map((c) => (
              <CoverageItem
                key={c.id}
                coverage={c}
                maxCardBytes={coverages.data.maxCardBytes}
                onDone={done}
                onSaid={setSaid}
              />
            ))}
          </ul>
          {list.length === 2 ? (
            <p>
              <button
                type="button"
                className="button button--secondary"
                aria-disabled={swap.isPending || undefined}
                onClick={() => {
                  if (swap.isPending) return;
                  swap.mutate(undefined, {
                    onSuccess: () => done(t('profile.insurance.swapped')),
                    onError: (error) => setProblem(messageForError(t, error)),
                  });
                }}
              >
                {t('profile.insurance.swap')}
              </button>
            </p>
          ) : null}
          {problem ? (
            <p className="field__error" role="alert">
              {problem}
            </p>
          ) : null}
          {list.length >= 2 ? <p className="hint">{t('profile.insurance.full')}</p> : null}
          {list.length < 2 && adding ? (
            <CoverageForm
              mode="add"
              defaultPriority={hasPrimary ? 2 : 1}
              onCancel={() => {
                setAdding(false);
                window.requestAnimationFrame(() => addButton.current?.focus());
              }}
              onSaved={(c) => done(t('profile.insurance.added', { plan: `${c.plan.payerName} ${c.plan.planName}` }))}
            />
          ) : null}
          {list.length < 2 && !adding ? (
            <p>
              <button ref={addButton} type="button" className="button" onClick={() => setAdding(true)}>
                {t('profile.insurance.add')}
              </button>
            </p>
          ) : null}
          <NotListed billingPhone={profile.billingPhone} />
        </>
      ) : null}
    </section>
  );
}
