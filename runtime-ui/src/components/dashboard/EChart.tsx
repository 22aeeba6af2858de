import ReactEChartsCore from 'echarts-for-react/lib/core';
import type { EChartsOption } from 'echarts-for-react/lib/types';
import { useLocale } from '../../i18n/locale';
import { echarts } from './echarts';

export interface EChartProps {
  option: EChartsOption;
  height?: number;
  /** What the chart shows, for screen readers (the canvas itself is opaque to them). */
  label: string;
  'data-testid'?: string;
}

/**
 * One chart drawn with the trimmed ECharts build, in the UI language (the
 * tooltip and axis formatting follow it), with ARIA description enabled.
 */
export function EChart({ option, height = 300, label, ...rest }: EChartProps) {
  const { locale } = useLocale();
  return (
    <div role="img" aria-label={label} data-testid={rest['data-testid']}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ aria: { enabled: true }, ...option }}
        notMerge
        opts={{ locale: locale === 'en' ? 'EN' : 'ZH' }}
        style={{ height }}
      />
    </div>
  );
}
