import { Card, Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { LinkedCase } from '../../api/types';
import { useCaseText, type CaseMessageKey } from '../../i18n/case-messages';
import { CaseStatusTag } from './CaseStatusTag';

/** How a linked case relates to this one, read from the link's kind and direction. */
function relationKey(link: LinkedCase): CaseMessageKey {
  if (link.kind === 'parent') return 'links.parent';
  return `links.${link.kind}.${link.direction}`;
}

/**
 * Parent, children and pushes (a push starts a case in another procedure,
 * e.g. a reconvened meeting), each a link to its own page. The server lists
 * only the linked cases the user may read.
 */
export function CaseLinks({ links }: { links: LinkedCase[] }) {
  const ct = useCaseText();
  const columns: ColumnsType<LinkedCase> = [
    { title: ct('links.relation'), width: 160, render: (_, link) => <Tag>{ct(relationKey(link))}</Tag> },
    {
      title: ct('links.procedure'),
      render: (_, link) => (
        <Link to={`/cases/${link.id}`} data-testid={`linked-case-${link.id}`}>
          {link.procedure.name}
        </Link>
      ),
    },
    { title: ct('links.status'), width: 100, render: (_, link) => <CaseStatusTag status={link.status} /> },
  ];
  return (
    <Card title={ct('links.title')} size="small" data-testid="case-links">
      {links.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ct('links.empty')} />
      ) : (
        <Table<LinkedCase>
          rowKey={(link) => `${link.kind}:${link.direction}:${link.id}`}
          size="small"
          pagination={false}
          columns={columns}
          dataSource={links}
          onRow={(link) => ({ 'data-testid': `link-row-${link.id}`, 'data-kind': link.kind }) as HTMLAttributes<HTMLTableRowElement>}
        />
      )}
    </Card>
  );
}
