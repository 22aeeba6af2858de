import { makeTextHook } from './forms-messages';

/** Strings of the pack page's procedure expiry list (the sentences themselves are shared with the staff banner). */
const zh = {
  'expiry.procedures.title': '事项到期提醒',
  'expiry.procedures.hint': '60 天内到期或已到期的事项。与定义包同日到期的事项不单独列出；已发布自次日起生效的后续版本的事项不再提醒。请在“办理流程”中发布后续版本，或办理延期适用。',
} as const;

const en: Partial<Record<keyof typeof zh, string>> = {
  'expiry.procedures.title': 'Procedures expiring',
  'expiry.procedures.hint':
    'Procedures that expire within 60 days or have expired. Those ending together with the pack are not listed again; a successor effective from the next day silences the warning. Publish a successor under Procedures, or grant an extension.',
};

/** The translator for the pack page's expiry list. */
export const useExpiryText = makeTextHook(zh, en);
