import { telHref } from '../../app/ui/format';

/** A phone number people can tap to call. */
export function PhoneLink({ number }: { number: string }) {
  return (
    <a className="phone-link" href={telHref(number)}>
      {number}
    </a>
  );
}
