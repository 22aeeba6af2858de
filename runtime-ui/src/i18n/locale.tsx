import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, zh, type MessageKey } from './messages';

export type Locale = 'zh-CN' | 'en';

interface LocaleValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The string for a key in the current language, with `{name}` placeholders filled. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
}

const LocaleContext = createContext<LocaleValue | undefined>(undefined);
const STORAGE_KEY = 'ui.locale';

/** Language for the whole UI (antd components, dayjs, our strings); remembered per browser. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'));
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    dayjs.locale(next === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const t = useCallback(
    (key: MessageKey, vars?: Record<string, string | number>) => {
      const template = (locale === 'en' ? en[key] : undefined) ?? zh[key];
      return vars ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : template;
    },
    [locale],
  );
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d5fb4', borderRadius: 4 } }}>
        {children}
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside LocaleProvider');
  return value;
}
