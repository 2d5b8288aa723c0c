import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from './client.js';

const GENERIC = new Set(['InvalidParameter', 'MissingParameter']);

/** A translated sentence for an error: the code's translation (with the server's detail where it matters) when there is one, else the server's message. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code.replace(/\./g, '_')}`;
    // a translation may quote the server's sentence (`{{detail}}`: which value, column, reason)
    const translated = t(key, { defaultValue: '', detail: error.message });
    // generic codes say which value and why only in the server's message
    if (translated && GENERIC.has(error.code)) return `${translated} ${error.message}`;
    return translated || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Puts a server error next to the form field it names (`Field`, or the document field for a malformed
 * policy); returns false when no field of the form fits, so the caller shows it above the form.
 */
export function showFieldError(form: FormInstance, t: TFunction, error: unknown, documentField?: string, codeFields: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError)) return false;
  const field = error.code === 'MalformedPolicyDocument' ? documentField : (codeFields[error.code] ?? error.field);
  if (!field || form.getFieldInstance(field) === undefined) return false;
  form.setFields([{ name: field, errors: [error.code === 'MalformedPolicyDocument' ? error.message : errorText(t, error)] }]);
  return true;
}
