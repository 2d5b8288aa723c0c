import { Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';

export interface Validation {
  valid: boolean;
  path?: string;
  message?: string;
}

/** Asks the policy engine whether a document is valid (nothing is stored). */
export function validatePolicy(document: string, kind: 'identity' | 'trust'): Promise<Validation> {
  return api.post<Validation>('/ram/policies/validate', { document, kind });
}

/** A form rule: the engine's error, naming the element, blocks the submit. */
export const policyRule = (kind: 'identity' | 'trust') => ({
  validator: async (_rule: unknown, value: string | undefined) => {
    if (!value) return;
    const r = await validatePolicy(value, kind);
    if (!r.valid) throw new Error(r.message);
  },
});

/** A JSON policy editor that shows the engine's validation while typing. */
export function PolicyEditor({ value, onChange, kind = 'identity', readOnly, rows = 14 }: { value?: string; onChange?: (v: string) => void; kind?: 'identity' | 'trust'; readOnly?: boolean; rows?: number }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Validation>();
  useEffect(() => {
    if (readOnly || !value) {
      setStatus(undefined);
      return;
    }
    const timer = setTimeout(() => {
      validatePolicy(value, kind).then(setStatus, () => setStatus(undefined));
    }, 400);
    return () => clearTimeout(timer);
  }, [value, kind, readOnly]);
  return (
    <>
      <Input.TextArea
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        rows={rows}
        readOnly={readOnly}
        spellCheck={false}
        data-testid="policy-editor"
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
      />
      {status && (
        <Typography.Text type={status.valid ? 'success' : 'danger'} data-testid="policy-validation">
          {status.valid ? t('policies.valid') : t('policies.invalidAt', { path: status.path || t('policies.document'), message: status.message })}
        </Typography.Text>
      )}
    </>
  );
}

/** Pretty-prints a stored JSON document for reading and editing. */
export function prettyJson(text: string | undefined): string {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
