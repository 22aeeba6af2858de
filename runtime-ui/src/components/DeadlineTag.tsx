import { Tag } from 'antd';
import type { DeadlineStage } from '../api/types';
import { useLocale } from '../i18n/locale';

const COLOURS: Record<DeadlineStage, string> = { normal: 'green', yellow: 'gold', red: 'red', overdue: 'magenta' };

/** The deadline card (黄牌/红牌/超期) of a task, as the pack's thresholds colour it. */
export function DeadlineTag({ stage }: { stage: DeadlineStage | null }) {
  const { t } = useLocale();
  if (!stage) return <Tag>{t('stage.none')}</Tag>;
  return (
    <Tag color={COLOURS[stage]} data-stage={stage}>
      {t(`stage.${stage}`)}
    </Tag>
  );
}

/** Working days left, as words: 今日到期, N 个工作日, or nothing when overdue or without a deadline. */
export function RemainingDays({ days }: { days: number | null }) {
  const { t } = useLocale();
  if (days === null) return null;
  return <span>{days === 0 ? t('remaining.today') : t('remaining.days', { n: days })}</span>;
}
