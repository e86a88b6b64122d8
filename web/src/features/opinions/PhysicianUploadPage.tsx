import type { PhysicianLinkView } from '@portico/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { Uploader } from './Uploader';

/** For a referring physician with a link: no account, no patient details, just the upload. */
export function PhysicianUploadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const token = typeof window === 'undefined' ? '' : window.location.hash.slice(1);
  const view = useQuery({
    queryKey: ['opinions', 'link', id],
    queryFn: async () => {
      const res = await fetch(`/api/second-opinions/${id}/physician-link`, { headers: { 'x-upload-token': token } });
      if (!res.ok) throw new Error(String(res.status));
      return (await res.json()) as PhysicianLinkView;
    },
    retry: false,
  });
  if (view.isPending) return <Loading />;
  if (!view.data)
    return (
      <>
        <PageTitle>{t('opinions.physician.title')}</PageTitle>
        <p role="alert">{t('opinions.physician.invalid')}</p>
      </>
    );
  return (
    <>
      <PageTitle>{t('opinions.physician.title')}</PageTitle>
      <p>
        {t('opinions.physician.intro', {
          organization: view.data.organizationName,
          department: view.data.departmentName,
        })}
      </p>
      <Uploader requestId={id} auth={{ token }} onDone={() => void view.refetch()} />
      <ul>
        {view.data.documents.map((d, i) => (
          <li key={i}>{d.filename}</li>
        ))}
      </ul>
    </>
  );
}
