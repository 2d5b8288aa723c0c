import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors.js';

/** Runs a change, then refreshes; a failure becomes a translated message for the page to show. */
export function useAction(refresh: () => Promise<unknown>) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const act = async (work: () => Promise<unknown>): Promise<void> => {
    setError(undefined);
    try {
      await work();
      await refresh();
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return { error, act };
}
