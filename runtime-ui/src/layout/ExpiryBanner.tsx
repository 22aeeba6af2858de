import { Alert } from 'antd';
import { useState } from 'react';
import { useAsync } from '../api/use-async';
import { fetchExpiryWarnings, isUrgent, type ExpiryWarning } from '../api/validity-warnings';
import { useValidityText } from '../i18n/validity-messages';

const STORAGE_KEY = 'ui.expiry.dismissed';
/** A closed warning stays closed for this browser session, until its date or level changes. */
const keyOf = (w: ExpiryWarning) => `${w.scope}:${w.processKey ?? ''}:${w.effectiveTo}:${w.level}`;

function readDismissed(): string[] {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Above every staff page: the pack or procedures that stop accepting new
 * cases within 60 days (orange) or 7 days or already (red), so nobody is
 * surprised by a refused start. Loaded once per page load; a failure shows
 * nothing, as the banner is advice, not the work.
 */
export function ExpiryBanner() {
  const { t, describe } = useValidityText();
  const [dismissed, setDismissed] = useState(readDismissed);
  const state = useAsync(fetchExpiryWarnings, []);
  const shown = (state.data?.warnings ?? []).filter((w) => !dismissed.includes(keyOf(w)));
  if (shown.length === 0) return null;
  const dismiss = (w: ExpiryWarning) => {
    const next = [...dismissed, keyOf(w)];
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setDismissed(next);
  };
  return (
    <div style={{ display: 'grid', gap: 8, marginBottom: 16 }} data-testid="expiry-banner">
      {shown.map((w) => (
        <Alert
          key={keyOf(w)}
          type={isUrgent(w) ? 'error' : 'warning'}
          showIcon
          title={describe(w)}
          closable={{ onClose: () => dismiss(w), 'aria-label': t('expiry.close') }}
          data-level={w.level}
        />
      ))}
    </div>
  );
}
