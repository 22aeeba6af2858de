import { useLocale } from '../../../runtime-ui/src/i18n/locale';

/** The designer's own strings (zh-CN, en); pages add theirs in their own files. */
const zh = {
  'admin.title': '审管联动 · 配置管理',
  'admin.nav.procedures': '办理流程',
  'admin.nav.forms': '表单',
  'admin.nav.calendar': '工作日历',
  'admin.nav.org': '组织机构',
  'admin.nav.pack': '定义包',
  'admin.nav.staff': '返回工作台',
  'admin.forbidden': '仅管理员可以使用配置管理。',
  'admin.pack.expires': '当前定义包《{title}》将于 {date} 失效（剩余 {days} 天），请及时延期或发布新版本。',
  'admin.pack.expired': '当前定义包《{title}》已于 {date} 失效，请尽快延期适用或发布新版本。',
} as const;
type Key = keyof typeof zh;
const en: Partial<Record<Key, string>> = {
  'admin.title': 'Designer',
  'admin.nav.procedures': 'Procedures',
  'admin.nav.forms': 'Forms',
  'admin.nav.calendar': 'Calendar',
  'admin.nav.org': 'Organisation',
  'admin.nav.pack': 'Pack',
  'admin.nav.staff': 'Staff workbench',
  'admin.forbidden': 'The designer is for administrators only.',
  'admin.pack.expires': 'The pack "{title}" expires on {date} ({days} days left): extend it or publish a successor.',
  'admin.pack.expired': 'The pack "{title}" expired on {date}: extend it or publish a successor.',
};

/** t() for the designer's shared strings. */
export function useAdminText(): (key: Key, vars?: Record<string, string | number>) => string {
  const { locale } = useLocale();
  return (key, vars) => {
    const template = (locale === 'en' ? en[key] : undefined) ?? zh[key];
    return vars ? template.replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? '')) : template;
  };
}
