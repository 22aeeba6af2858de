import { useCallback } from 'react';
import type { ExpiryWarning } from '../api/validity-warnings';
import { useLocale } from './locale';

/**
 * Expiry-warning sentences, shared by the staff banner and the designer's
 * pack page (which imports this file) so both say the same thing. zh-CN is
 * the reference; a missing English entry falls back to Chinese.
 */
const zh = {
  'expiry.pack.soon': '《{name}》将于 {date} 到期（还剩 {n} 天），到期后各事项不能再发起新办件。',
  'expiry.pack.today': '《{name}》今天（{date}）到期，明天起各事项不能再发起新办件。',
  'expiry.pack.expired': '《{name}》已于 {date} 到期，各事项不能发起新办件；如需继续适用，请联系管理员办理延期适用。',
  'expiry.procedure.soon': '事项《{name}》将于 {date} 到期（还剩 {n} 天），到期后不能再发起新办件。',
  'expiry.procedure.today': '事项《{name}》今天（{date}）到期，明天起不能再发起新办件。',
  'expiry.procedure.expired': '事项《{name}》已于 {date} 到期，不能发起新办件；请联系管理员发布后续版本或办理延期适用。',
  'expiry.close': '本次登录不再提示',
} as const;

export type ValidityMessageKey = keyof typeof zh;

const en: Partial<Record<ValidityMessageKey, string>> = {
  'expiry.pack.soon': '"{name}" expires on {date} ({n} days left); after that no new case of any procedure can start.',
  'expiry.pack.today': '"{name}" expires today ({date}); from tomorrow no new case of any procedure can start.',
  'expiry.pack.expired': '"{name}" expired on {date}; no new case can start. Ask an admin to grant an extension (延期适用) if the rules still apply.',
  'expiry.procedure.soon': 'Procedure "{name}" expires on {date} ({n} days left); after that no new case can start.',
  'expiry.procedure.today': 'Procedure "{name}" expires today ({date}); from tomorrow no new case can start.',
  'expiry.procedure.expired': 'Procedure "{name}" expired on {date}; no new case can start. Ask an admin to publish a successor or grant an extension.',
  'expiry.close': 'Hide for this session',
};

/** The translator for the keys above, plus the sentence for one warning, in the current UI language. */
export function useValidityText(): { t: (key: ValidityMessageKey, vars?: Record<string, string | number>) => string; describe: (w: ExpiryWarning) => string } {
  const { locale } = useLocale();
  const t = useCallback(
    (key: ValidityMessageKey, vars?: Record<string, string | number>) => {
      const template = (locale === 'en' ? en[key] : undefined) ?? zh[key];
      return vars ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : template;
    },
    [locale],
  );
  const describe = useCallback(
    (w: ExpiryWarning) => t(`expiry.${w.scope}.${w.level === 'expired' ? 'expired' : w.daysLeft === 0 ? 'today' : 'soon'}`, { name: w.name, date: w.effectiveTo, n: w.daysLeft }),
    [t],
  );
  return { t, describe };
}
