import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createInstance } from 'i18next';
import ICU from 'i18next-icu';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import ptBR from '../i18n/pt-BR.json';
import { SelectField, TextAreaField, TextField } from './Field';
import { AmountField, DateField, EmailField, NumberField, TimeField } from './InputFields';
import { byId, labelOf, textOf } from './markupQuery';

const i18n = createInstance();

beforeAll(async () => {
  await i18n.use(new ICU()).init({
    lng: 'en',
    resources: { en: { translation: en }, 'pt-BR': { translation: ptBR } },
    fallbackLng: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

function render(element: ReactElement, lng = 'en'): string {
  void i18n.changeLanguage(lng);
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}

const base = { formId: 'visit', name: 'reason', label: 'Reason for the visit', value: '', onChange: () => {} };

/** The ids a control's aria-describedby names, in order. */
const describedBy = (html: string, id: string) => (byId(html, id).attrs['aria-describedby'] ?? '').split(' ');

describe('field blocks: label, hint, error and required marker tied to the control', () => {
  it('names each control by its label, with the id the error summary links to', () => {
    for (const element of [
      createElement(TextField, base),
      createElement(TextAreaField, base),
      createElement(SelectField, { ...base, children: createElement('option', { value: '' }, 'Choose') }),
    ]) {
      const html = render(element);
      expect(byId(html, 'visit-reason').attrs['name']).toBe('reason');
      expect(textOf(html, labelOf(html, 'visit-reason'))).toBe('Reason for the visit');
      expect(byId(html, 'visit-reason').attrs).not.toHaveProperty('aria-describedby');
      expect(byId(html, 'visit-reason').attrs).not.toHaveProperty('aria-invalid');
      expect(byId(html, 'visit-reason').attrs).not.toHaveProperty('required');
    }
  });

  it('announces the hint and the error through aria-describedby, and marks the control invalid', () => {
    const props = { ...base, hint: 'A few words', error: 'Say why you are coming' };
    for (const element of [
      createElement(TextField, props),
      createElement(TextAreaField, props),
      createElement(SelectField, { ...props, children: createElement('option', { value: '' }, 'Choose') }),
    ]) {
      const html = render(element);
      expect(describedBy(html, 'visit-reason')).toEqual(['visit-reason-hint', 'visit-reason-error']);
      expect(byId(html, 'visit-reason').attrs['aria-invalid']).toBe('true');
      expect(textOf(html, byId(html, 'visit-reason-hint'))).toBe('A few words');
      expect(textOf(html, byId(html, 'visit-reason-error'))).toBe('Error: Say why you are coming');
    }
  });

  it("says the error's prefix in the reader's language", () => {
    const html = render(createElement(TextField, { ...base, error: 'Diga o motivo' }), 'pt-BR');
    expect(describedBy(html, 'visit-reason')).toEqual(['visit-reason-error']);
    expect(textOf(html, byId(html, 'visit-reason-error'))).toBe('Erro: Diga o motivo');
  });

  it('shows the required marker to the eye only, and tells assistive technology by required', () => {
    for (const element of [
      createElement(TextField, { ...base, showRequired: true }),
      createElement(TextAreaField, { ...base, showRequired: true }),
      createElement(SelectField, { ...base, showRequired: true, children: createElement('option', {}, 'x') }),
    ]) {
      const html = render(element);
      expect(html).toMatch(/<span class="field__required" aria-hidden="true"> \*<\/span><\/label>/);
      // The accessible name stays the label's words: the star is not read out.
      expect(textOf(html, labelOf(html, 'visit-reason'))).toBe('Reason for the visit');
      expect(byId(html, 'visit-reason').attrs).toHaveProperty('required');
    }
    expect(render(createElement(TextField, base))).not.toContain('field__required');
  });

  it('keeps the error and the count both in the description of a text area near its limit', () => {
    const html = render(
      createElement(TextAreaField, { ...base, value: 'x'.repeat(95), limit: 100, error: 'Too long' }),
    );
    expect(describedBy(html, 'visit-reason')).toEqual(['visit-reason-error', 'visit-reason-count']);
  });
});

describe('typed fields take the attributes their kind of answer needs', () => {
  const attrs = (element: ReactElement) => byId(render(element), 'visit-reason').attrs;

  it('gives dates and times their pickers, numbers and amounts their keypads', () => {
    expect(attrs(createElement(DateField, base))).toMatchObject({ type: 'date', class: 'input input--medium' });
    expect(attrs(createElement(TimeField, base))).toMatchObject({ type: 'time', class: 'input input--medium' });
    expect(attrs(createElement(NumberField, base))).toMatchObject({
      inputmode: 'numeric',
      class: 'input input--short',
    });
    expect(attrs(createElement(NumberField, base))).not.toHaveProperty('type');
    expect(attrs(createElement(AmountField, base))).toMatchObject({
      inputmode: 'decimal',
      class: 'input input--short',
    });
  });

  it('lets an email field be autocompleted, and the form choose which address', () => {
    expect(attrs(createElement(EmailField, base))).toMatchObject({
      type: 'email',
      inputmode: 'email',
      autocomplete: 'email',
      spellcheck: 'false',
      autocapitalize: 'none',
    });
    expect(attrs(createElement(EmailField, { ...base, autoComplete: 'username' }))['autocomplete']).toBe('username');
  });

  it('keeps label, error and required marker on the typed fields', () => {
    const html = render(createElement(TimeField, { ...base, error: 'Pick a time', showRequired: true }));
    expect(textOf(html, labelOf(html, 'visit-reason'))).toBe('Reason for the visit');
    expect(describedBy(html, 'visit-reason')).toEqual(['visit-reason-error']);
    expect(byId(html, 'visit-reason').attrs['aria-invalid']).toBe('true');
    expect(byId(html, 'visit-reason').attrs).toHaveProperty('required');
  });
});
