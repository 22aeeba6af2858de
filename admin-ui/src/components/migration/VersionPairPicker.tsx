import { Select, Space, Typography } from 'antd';
import { useAsync } from '../../../../runtime-ui/src/api/use-async';
import { useMigrationText } from '../../i18n/migration-messages';
import type { ProcedureVersionSummary } from '../bpmn/procedure-api';
import { migrationApi } from './migration-api';

/**
 * How many cases run on each other version, for moving them to `to`: the
 * proposal of each pair carries the count. A pair the server refuses counts
 * as unknown rather than failing the page. Versions are few, so one small
 * request per version is fine.
 */
export function useRunningCounts(key: string, versions: number[], to: number | undefined) {
  return useAsync(async () => {
    const counts = new Map<number, number>();
    if (to === undefined) return counts;
    const others = versions.filter((v) => v !== to);
    const settled = await Promise.allSettled(others.map((v) => migrationApi.proposal(key, v, to)));
    settled.forEach((r, i) => r.status === 'fulfilled' && counts.set(others[i]!, r.value.runningCases));
    return counts;
  }, [key, to, versions.join(',')]);
}

/** The default source: the newest older version that has running cases, else the one just before `to`. */
export function defaultFrom(versions: number[], to: number, counts: Map<number, number>): number | undefined {
  const older = versions.filter((v) => v < to).sort((a, b) => b - a);
  return older.find((v) => (counts.get(v) ?? 0) > 0) ?? older[0] ?? versions.find((v) => v !== to);
}

/**
 * The two versions of a migration: where the running cases are (with how
 * many run on each) and where they go.
 */
export function VersionPairPicker({
  versions,
  from,
  to,
  counts,
  onChange,
}: {
  versions: ProcedureVersionSummary[];
  from: number | undefined;
  to: number | undefined;
  counts: Map<number, number> | undefined;
  onChange(pair: { from: number | undefined; to: number }): void;
}) {
  const t = useMigrationText();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const fromOptions = sorted
    .filter((v) => v.version !== to)
    .map((v) => {
      const count = counts?.get(v.version);
      return { value: v.version, label: count === undefined ? t('migration.version', { n: v.version }) : t('migration.versionRunning', { n: v.version, count }) };
    });
  const toOptions = sorted.map((v) => ({ value: v.version, label: t('migration.version', { n: v.version }) }));
  return (
    <Space wrap>
      <Typography.Text>{t('migration.from')}</Typography.Text>
      <Select aria-label={t('migration.from')} value={from} options={fromOptions} onChange={(v: number) => onChange({ from: v, to: to! })} style={{ width: 200 }} data-testid="migration-from" />→
      <Typography.Text>{t('migration.to')}</Typography.Text>
      <Select
        aria-label={t('migration.to')}
        value={to}
        options={toOptions}
        onChange={(v: number) => onChange({ from: from === v ? undefined : from, to: v })}
        style={{ width: 140 }}
        data-testid="migration-to"
      />
    </Space>
  );
}
