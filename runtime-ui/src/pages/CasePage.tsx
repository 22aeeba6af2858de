import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { CaseDetail } from '../api/types';
import { useAsync } from '../api/use-async';
import { CaseEvidence } from '../components/case/CaseEvidence';
import { CaseLinks } from '../components/case/CaseLinks';
import { CaseStatusTag } from '../components/case/CaseStatusTag';
import { CaseTasks } from '../components/case/CaseTasks';
import { CaseTimeline } from '../components/case/CaseTimeline';
import { VariablesView } from '../components/case/VariablesView';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatDateTime } from '../format';
import { useCaseText } from '../i18n/case-messages';

/** Procedure, version, article, status and who started it when for which department. */
function CaseHeader({ detail }: { detail: CaseDetail }) {
  const ct = useCaseText();
  return (
    <Card size="small" data-testid="case-header">
      <Space wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-procedure">
          {detail.procedure.name}
        </Typography.Title>
        <Typography.Text type="secondary">{ct('case.version', { n: detail.procedure.version })}</Typography.Text>
        {detail.procedure.legalBasis && (
          <Tag color="geekblue" title={ct('case.legalBasis')} data-testid="case-legal-basis">
            {detail.procedure.legalBasis}
          </Tag>
        )}
        <CaseStatusTag status={detail.status} />
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'startedAt', label: ct('case.startedAt'), children: formatDateTime(detail.startedAt) },
          { key: 'startedBy', label: ct('case.startedBy'), children: detail.startedBy?.name ?? '—' },
          { key: 'department', label: ct('case.department'), children: detail.department?.name ?? '—' },
          ...(detail.endedAt ? [{ key: 'endedAt', label: ct('case.endedAt'), children: formatDateTime(detail.endedAt) }] : []),
          {
            key: 'id',
            label: ct('case.id'),
            children: (
              <Typography.Text copyable={{ text: detail.id }} style={{ fontFamily: 'monospace', fontSize: 12 }}>
                {detail.id.slice(0, 8)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * The case page (/cases/:id): everything that happened with the article each
 * step implements, the deadlines and whether each was met, the case's data
 * (personal data masked, revealable with a reason), linked cases, offline
 * deliveries and evidence. A case outside the user's reach is a 404 from the
 * server and shows as such.
 */
export default function CasePage() {
  const { id = '' } = useParams();
  const ct = useCaseText();
  const navigate = useNavigate();
  const from = (useLocation().state as { search?: string } | null)?.search;
  const detail = useAsync(() => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`), [id]);
  const [timelineKey, setTimelineKey] = useState(0);

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(from ? `/cases?${from}` : '/cases')} style={{ paddingInline: 0 }} data-testid="case-back">
      {ct('case.back')}
    </Button>
  );
  if (detail.error) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <ErrorNotice error={detail.error} onRetry={detail.reload} />
      </Space>
    );
  }
  if (!detail.data || detail.data.id !== id) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const c = detail.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-page" data-case-id={c.id}>
      {back}
      <CaseHeader detail={c} />
      <CaseTasks tasks={c.tasks} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <CaseTimeline caseId={c.id} refreshKey={timelineKey} />
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <VariablesView key={c.id} detail={c} onRevealed={() => setTimelineKey((n) => n + 1)} />
            <CaseLinks links={c.links} />
            <CaseEvidence detail={c} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
