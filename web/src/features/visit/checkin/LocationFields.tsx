import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SelectField } from '../../../app/forms/Field';
import { US_STATES } from '../places';
import { CountryPicker } from './CountryPicker';
import { locationName, placeList, stateName } from '../placeNames';

interface LocationFieldsProps {
  formId: string;
  appointmentId: string;
  clinicianName: string;
  allowedRegions: readonly string[];
  /** Offered first in the country list. */
  likelyCountries: readonly string[];
  country: string;
  region: string;
  errors: { country?: string | undefined; region?: string | undefined };
  onCountry: (value: string) => void;
  onRegion: (value: string) => void;
}

/**
 * "Where are you right now?": country, and the state for the US. When the organization or the
 * clinician's licence limits where the patient may be, the rule is explained up front, and a
 * place outside it is flagged at once (the server still decides).
 */
export function LocationFields(props: LocationFieldsProps) {
  const { t, i18n } = useTranslation();
  const { formId, allowedRegions, country, region, errors } = props;
  const places = placeList(t, allowedRegions, i18n.language);
  const chosen = country !== '' && (country !== 'US' || region !== '');
  const outside = allowedRegions.length > 0 && chosen && !(country === 'US' && allowedRegions.includes(region));

  return (
    <fieldset className="vi-fieldset">
      <legend className="vi-legend">{t('visit.checkIn.where.legend')}</legend>
      {allowedRegions.length > 0 ? (
        <p className="vi-rule" id={`${formId}-rule`}>
          {t('visit.checkIn.where.rule', { places, clinician: props.clinicianName })}
        </p>
      ) : (
        <p className="hint">{t('visit.checkIn.where.noRule')}</p>
      )}
      <CountryPicker
        formId={formId}
        value={country}
        likely={props.likelyCountries}
        error={errors.country}
        onChange={props.onCountry}
      />
      {country === 'US' ? (
        <SelectField
          formId={formId}
          name="region"
          label={t('visit.checkIn.where.state')}
          value={region}
          error={errors.region}
          autoComplete="off"
          onChange={(event) => props.onRegion(event.target.value)}
        >
          <option value="">{t('common.choose')}</option>
          {US_STATES.map((code) => (
            <option key={code} value={code}>
              {stateName(t, code)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {outside ? (
        <div className="notice notice--warning" role="status">
          <div className="notice__body">
            <p>
              {t('visit.checkIn.where.outside', {
                place: locationName(t, country, region || null, i18n.language),
                places,
              })}
            </p>
            <p>
              <Link to={`/appointments/${props.appointmentId}`}>{t('visit.checkIn.where.reschedule')}</Link>
            </p>
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
