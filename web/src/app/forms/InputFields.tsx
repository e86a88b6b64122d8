import { TextField, type TextFieldProps } from './Field';

/**
 * The typed one-line fields: a TextField with the attributes its kind of answer always takes.
 * Label, hint, error (aria-describedby, aria-invalid) and the required marker come from TextField.
 */
type Typed = Omit<TextFieldProps, 'type' | 'inputMode'>;

/** A calendar day (yyyy-mm-dd), in the browser's date picker. */
export function DateField(props: Typed) {
  return <TextField type="date" width="medium" {...props} />;
}

/** A time of day (hh:mm), in the browser's time picker. */
export function TimeField(props: Typed) {
  return <TextField type="time" width="medium" {...props} />;
}

/**
 * A whole number (minutes, days, counts). A text box with the number keypad rather than
 * type="number": no spinner, no scroll-wheel changes, and the form's own check says what is wrong.
 */
export function NumberField(props: Typed) {
  return <TextField inputMode="numeric" width="short" {...props} />;
}

/** A dollar amount such as 12.50, read with parseDollars; the decimal keypad on phones. */
export function AmountField(props: Typed) {
  return <TextField inputMode="decimal" width="short" {...props} />;
}

/** An email address: no autocorrect or capitals; autocomplete "email" unless told otherwise. */
export function EmailField(props: Typed) {
  return (
    <TextField
      type="email"
      inputMode="email"
      autoComplete="email"
      spellCheck={false}
      autoCapitalize="none"
      {...props}
    />
  );
}
