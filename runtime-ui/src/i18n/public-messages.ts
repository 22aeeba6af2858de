import { useCallback } from 'react';
import { useLocale } from './locale';

/**
 * Strings of the public page (第三十五条 社会监督). Written for members of
 * the public, not staff: plain words, no internal terms. The privacy note
 * says what docs/public-intake.md says is stored, and nothing more.
 */
export const publicZh = {
  'pub.title': '社会监督',
  'pub.subtitle': '信息公开申请 · 意见建议 · 举报违法违规行为',
  'pub.county': '县（市、区）',
  'pub.staffLogin': '工作人员登录',
  'pub.intro': '您可以在此向有关部门提出申请、意见建议或举报，并凭回执码查询办理情况和答复。',
  'pub.legalBasis': '依据：{basis}',
  'pub.privacy.title': '个人信息说明',
  'pub.privacy.body':
    '我们保存您填写的内容（实名提交时包括联系人和联系电话），仅用于办理和答复；工作人员按职责查看，列表中的个人信息脱敏显示。您的网络地址不会被保存，只保存由它计算出的摘要，用于防止恶意重复提交。可以选择匿名提交，此时回执码是您与本次提交之间唯一的联系。',
  'pub.tab.submit': '我要提交',
  'pub.tab.lookup': '办理情况查询',
  'pub.submit': '提交',
  'pub.submitting': '正在提交…',
  'pub.invalid': '请按提示修改后再提交。',
  'pub.tooMany': '提交过于频繁，请于 {minutes} 分钟后再试',
  'pub.tooManyLookups': '查询过于频繁，请于 {minutes} 分钟后再试',
  'pub.duplicate': '相同内容已经收到，无需重复提交。请使用首次提交时获得的回执码查询办理情况。',
  'pub.failed': '提交未成功：{detail}',
  'pub.noIntake': '该地区暂未开通网上社会监督渠道。',
  'pub.received.title': '已收到您的提交',
  'pub.received.code': '回执码',
  'pub.received.keep': '请抄写或截图保存回执码。回执码是查询办理情况和答复的唯一凭证，遗失后无法找回。',
  'pub.received.at': '提交时间：{at}',
  'pub.received.lookup': '查询办理情况',
  'pub.received.another': '再提交一件',
  'pub.copied': '回执码已复制',
  'pub.lookup.label': '回执码',
  'pub.lookup.placeholder': '例如 7KQ3-M9XW-2HPT-RZ4C（不区分大小写）',
  'pub.lookup.submit': '查询',
  'pub.lookup.notFound': '未找到该回执码，请核对后重试。',
  'pub.lookup.status': '办理状态',
  'pub.lookup.receivedAt': '提交日期',
  'pub.lookup.answeredAt': '答复日期',
  'pub.lookup.reply': '答复内容',
  'pub.lookup.noReply': '答复后将在此显示。',
  'pub.status.received': '已受理',
  'pub.status.in_progress': '办理中',
  'pub.status.answered': '已答复',
  'pub.status.closed': '已办结',
} as const;

export type PublicKey = keyof typeof publicZh;

export const publicEn: Record<PublicKey, string> = {
  'pub.title': 'Public supervision',
  'pub.subtitle': 'Information requests · Suggestions · Reports of violations',
  'pub.county': 'County',
  'pub.staffLogin': 'Staff login',
  'pub.intro': 'Send a request, a suggestion or a report to the authorities here, and follow it up with your receipt code.',
  'pub.legalBasis': 'Legal basis: {basis}',
  'pub.privacy.title': 'Your personal data',
  'pub.privacy.body':
    'We keep what you enter (with your name and phone number unless you submit anonymously) only to handle and answer it; staff see it as their duties require, with personal data masked in lists. Your network address is not stored, only a digest of it used to stop abuse. You may submit anonymously; the receipt code is then the only link between you and your submission.',
  'pub.tab.submit': 'Submit',
  'pub.tab.lookup': 'Check status',
  'pub.submit': 'Submit',
  'pub.submitting': 'Submitting…',
  'pub.invalid': 'Please correct the marked fields and submit again.',
  'pub.tooMany': 'Too many submissions; please try again in {minutes} minutes',
  'pub.tooManyLookups': 'Too many lookups; please try again in {minutes} minutes',
  'pub.duplicate': 'The same content was already received; no need to send it again. Use the receipt code you got the first time to check its status.',
  'pub.failed': 'Not submitted: {detail}',
  'pub.noIntake': 'This county does not take submissions online yet.',
  'pub.received.title': 'We have received your submission',
  'pub.received.code': 'Receipt code',
  'pub.received.keep': 'Write down or screenshot the receipt code. It is the only way to check the status and read the answer; a lost code cannot be recovered.',
  'pub.received.at': 'Received: {at}',
  'pub.received.lookup': 'Check status',
  'pub.received.another': 'Submit another',
  'pub.copied': 'Receipt code copied',
  'pub.lookup.label': 'Receipt code',
  'pub.lookup.placeholder': 'e.g. 7KQ3-M9XW-2HPT-RZ4C (any case)',
  'pub.lookup.submit': 'Look up',
  'pub.lookup.notFound': 'No submission with this receipt code. Please check it and try again.',
  'pub.lookup.status': 'Status',
  'pub.lookup.receivedAt': 'Submitted on',
  'pub.lookup.answeredAt': 'Answered on',
  'pub.lookup.reply': 'Answer',
  'pub.lookup.noReply': 'The answer will appear here.',
  'pub.status.received': 'Received',
  'pub.status.in_progress': 'In progress',
  'pub.status.answered': 'Answered',
  'pub.status.closed': 'Closed',
};

/** `t` for the public page's strings, following the language toggle. */
export function usePublicText(): (key: PublicKey, vars?: Record<string, string | number>) => string {
  const { locale } = useLocale();
  return useCallback(
    (key, vars) => {
      const template = locale === 'en' ? publicEn[key] : publicZh[key];
      return vars ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : template;
    },
    [locale],
  );
}
