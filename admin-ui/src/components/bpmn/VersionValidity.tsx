import { Space, Tag, Typography } from 'antd';
import { api } from '../../../../runtime-ui/src/api/client';
import { useAsync } from '../../../../runtime-ui/src/api/use-async';
import { useMigrationText } from '../../i18n/migration-messages';

/** A window of local dates (Asia/Shanghai), both ends inclusive; null = open. */
export interface DateWindow {
  from: string | null;
  to: string | null;
}

/** One version as GET /api/admin/validity describes it. */
export interface VersionValidityInfo {
  version: number;
  own: DateWindow;
  effective: DateWindow;
  effectiveToday: boolean;
}

/** The slice of GET /api/admin/validity the versions list reads (other members are ignored). */
interface ValidityResponse {
  procedures: { key: string; effectiveVersion?: number | null; versions: VersionValidityInfo[] }[];
}

/** What the versions list shows per version: its windows, and whether a case started today takes it. */
export interface VersionValidityView extends VersionValidityInfo {
  current: boolean;
}

/**
 * The validity of a procedure's versions, by version number. "Current" is the
 * version a case started today would take (the server's effectiveVersion),
 * not every version whose window contains today: a newer version in effect
 * supersedes the older ones. `revision` reloads it (e.g. the number of
 * versions, after a publish).
 */
export function useVersionValidity(key: string, revision: unknown = 0) {
  return useAsync(async () => {
    const body = await api.get<ValidityResponse>('/api/admin/validity');
    const procedure = body.procedures.find((p) => p.key === key);
    const byVersion = new Map<number, VersionValidityView>();
    if (!procedure) return byVersion;
    const current =
      procedure.effectiveVersion !== undefined ? procedure.effectiveVersion : (procedure.versions.filter((v) => v.effectiveToday).sort((a, b) => b.version - a.version)[0]?.version ?? null);
    for (const v of procedure.versions) byVersion.set(v.version, { ...v, current: v.version === current });
    return byVersion;
  }, [key, revision]);
}

/**
 * One version's validity cell: its own window (as published), the window in
 * which it can actually start cases (narrowed by the pack, or stretched by an
 * extension), and 当前生效 when new cases take it today.
 */
export function VersionValidityCell({ info }: { info: VersionValidityView | undefined }) {
  const t = useMigrationText();
  if (!info) return <Typography.Text type="secondary">{t('validity.unknown')}</Typography.Text>;
  const range = (w: DateWindow) => t('validity.range', { from: w.from ?? t('validity.open'), to: w.to ?? t('validity.open') });
  return (
    <Space orientation="vertical" size={0} data-testid={`version-validity-${info.version}`}>
      <Typography.Text style={{ fontSize: 12 }}>
        {t('validity.own')}：{range(info.own)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('validity.effective')}：{range(info.effective)}
      </Typography.Text>
      {info.current && (
        <Tag color="green" data-testid={`version-current-${info.version}`}>
          {t('validity.today')}
        </Tag>
      )}
    </Space>
  );
}
