/** The DOM id of a form field, shared by the field and the error summary's links. */
export function fieldId(formId: string, name: string): string {
  return `${formId}-${name}`;
}
