import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchWords } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextAreaField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { messageForError } from '../../app/errors';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { splitWords, useSaveSearchWords, useSearchWords } from './searchWordsApi';
import { formatList } from '../../app/ui/format';
import { formattingLocale } from '../../app/i18n';

const FORM_ID = 'search-words';
const FIELDS = ['words'] as const;

/**
 * Admin › Search words: the words that make "Find a doctor" list every clinician of a service line
 * ("heart" → Cardiac). Pick a line, edit its words, save; the search uses them at once.
 */
export function SearchWordsPage() {
  const { t, i18n } = useTranslation();
  const lines = useSearchWords();
  const [code, setCode] = useState('');
  const chosen = lines.data?.find((l) => l.serviceLineCode === code) ?? lines.data?.[0];
  return (
    <div className="narrow-wide">
      <PageTitle>{t('searchWords.title')}</PageTitle>
      <p className="lede">{t('searchWords.intro')}</p>
      {lines.isLoading ? <Loading /> : null}
      {lines.isError ? <ErrorMessage>{messageForError(t, lines.error)}</ErrorMessage> : null}
      {lines.data && chosen ? (
        <>
          <SelectField
            formId={FORM_ID}
            name="serviceLine"
            label={t('searchWords.serviceLine')}
            value={chosen.serviceLineCode}
            onChange={(event) => setCode(event.target.value)}
          >
            {lines.data.map((l) => (
              <option key={l.serviceLineCode} value={l.serviceLineCode}>
                {l.serviceLineName}
              </option>
            ))}
          </SelectField>
          <WordsForm key={chosen.serviceLineCode} line={chosen} />
          <section className="section" aria-labelledby="search-words-all">
            <h2 id="search-words-all">{t('searchWords.allTitle')}</h2>
            <dl className="details">
              {lines.data.map((l) => (
                <div key={l.serviceLineCode}>
                  <dt>{l.serviceLineName}</dt>
                  <dd>
                    {l.words.length
                      ? formatList(l.words, formattingLocale(i18n.language), 'unit')
                      : t('searchWords.none')}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        </>
      ) : null}
    </div>
  );
}

function WordsForm({ line }: { line: SearchWords }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(line.words.join(' '));
  const [saved, setSaved] = useState(false);
  const save = useSaveSearchWords();
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const words = splitWords(text);
    const bad = words.filter((w) => !/^[\p{L}\p{N}]{2,40}$/u.test(w));
    if (bad.length)
      return fail({ words: t('searchWords.invalid', { words: formatList(bad, formattingLocale(i18n.language)) }) });
    clear();
    setSaved(false);
    save.mutate({ code: line.serviceLineCode, words }, { onSuccess: () => setSaved(true), onError: failWith });
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary formId={FORM_ID} errors={errors} order={FIELDS} />
      <TextAreaField
        formId={FORM_ID}
        name="words"
        label={t('searchWords.words', { line: line.serviceLineName })}
        hint={t('searchWords.hint')}
        rows={4}
        value={text}
        error={errors.fields.words}
        onChange={(event) => {
          setText(event.target.value);
          setSaved(false);
        }}
      />
      <SubmitButton pending={save.isPending}>{t('searchWords.save')}</SubmitButton>
      {saved ? <Notice tone="success">{t('searchWords.saved', { line: line.serviceLineName })}</Notice> : null}
    </form>
  );
}
