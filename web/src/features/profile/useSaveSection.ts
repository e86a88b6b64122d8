import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile, ProfileUpdateBody } from '@portico/contracts';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { useUpdateProfile } from './api';

/**
 * One section of the profile saves on its own: its fields, its errors (from the page or the
 * server, shown beside each field and in the summary) and a "Saved." for screen readers.
 */
export function useSaveSection<F extends string>(fields: readonly F[]) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const form = useFormErrors(fields);
  const [said, setSaid] = useState('');

  const save = (problems: FieldErrors<F>, body: ProfileUpdateBody, onSaved?: (saved: Profile) => void) => {
    if (update.isPending) return;
    setSaid('');
    if (Object.keys(problems).length > 0) {
      form.fail(problems);
      return;
    }
    form.clear();
    update.mutate(body, {
      onSuccess: (saved) => {
        onSaved?.(saved);
        setSaid(t('profile.saved'));
      },
      onError: (error) => form.failWith(error),
    });
  };

  return { errors: form.errors, save, said, pending: update.isPending };
}
