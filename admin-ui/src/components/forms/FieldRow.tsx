import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Collapse, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Tooltip, Typography } from 'antd';
import { useEffect, useState, type DragEvent } from 'react';
import { useFormsText } from '../../i18n/forms-messages';
import { FIELD_FORMATS, FIELD_TYPES, keyProblem, SEARCH_ROLES, type FieldModel } from './schema-model';

export interface FieldRowProps {
  field: FieldModel;
  index: number;
  count: number;
  otherKeys: string[];
  onChange(next: FieldModel): void;
  onMove(to: number): void;
  onRemove(): void;
  /** Drag and drop: the row being dragged reports its index. */
  onDragStart(index: number): void;
  onDropAt(index: number): void;
  defaultOpen?: boolean;
}

/**
 * One field of the form: key, title, type and required on the card's first
 * line, the rest under "更多属性". The key is committed on blur or Enter so
 * renaming does not rebuild the form on every keystroke.
 */
export function FieldRow({ field, index, count, otherKeys, onChange, onMove, onRemove, onDragStart, onDropAt, defaultOpen }: FieldRowProps) {
  const t = useFormsText();
  const [keyDraft, setKeyDraft] = useState(field.key);
  const [dragOver, setDragOver] = useState(false);
  useEffect(() => setKeyDraft(field.key), [field.key]);
  const problem = keyDraft === field.key ? undefined : keyProblem(keyDraft, otherKeys);
  const commitKey = () => {
    if (keyDraft !== field.key && !keyProblem(keyDraft, otherKeys)) onChange({ ...field, key: keyDraft });
  };
  const editable = field.type !== 'other';
  const isText = field.type === 'string';
  const hasEnum = field.type === 'string' || field.type === 'integer' || field.type === 'number' || field.type === 'string-array';
  const numeric = field.type === 'integer' || field.type === 'number';
  const typeOptions = [...FIELD_TYPES, ...(field.type === 'other' ? (['other'] as const) : [])].map((v) => ({ value: v, label: t(`type.${v}`) }));

  const more = (
    <Row gutter={12}>
      <Col span={24}>
        <Form.Item label={t('field.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} value={field.description} onChange={(e) => onChange({ ...field, description: e.target.value })} data-testid="form-field-description" />
        </Form.Item>
      </Col>
      {isText && (
        <Col span={12}>
          <Form.Item label={t('field.format')}>
            <Select
              allowClear
              placeholder={t('field.formatNone')}
              value={field.format}
              onChange={(v: string | undefined) => onChange({ ...field, format: v })}
              options={FIELD_FORMATS.map((f) => ({ value: f, label: `${t(`format.${f}`)}（${f}）` }))}
              data-testid="form-field-format"
            />
          </Form.Item>
        </Col>
      )}
      {isText && (
        <Col span={6}>
          <Form.Item label={t('field.minLength')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} value={field.minLength} onChange={(v) => onChange({ ...field, minLength: v ?? undefined })} data-testid="form-field-min-length" />
          </Form.Item>
        </Col>
      )}
      {isText && (
        <Col span={6}>
          <Form.Item label={t('field.maxLength')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} value={field.maxLength} onChange={(v) => onChange({ ...field, maxLength: v ?? undefined })} data-testid="form-field-max-length" />
          </Form.Item>
        </Col>
      )}
      {hasEnum && (
        <Col span={24}>
          <Form.Item label={t('field.enum')} extra={t('field.enumHint')}>
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              value={field.enumValues.map(String)}
              onChange={(vals: string[]) => onChange({ ...field, enumValues: numeric ? vals.map(Number).filter((n) => Number.isFinite(n) && (field.type !== 'integer' || Number.isInteger(n))) : vals })}
              tokenSeparators={['，', ',']}
              data-testid="form-field-enum"
            />
          </Form.Item>
        </Col>
      )}
      {field.type === 'object' && (
        <Col span={24}>
          <Typography.Text type="secondary">{t('field.objectHint')}</Typography.Text>
        </Col>
      )}
      <Col span={12}>
        <Form.Item label={t('field.search')}>
          <Select
            allowClear
            placeholder={t('field.searchNone')}
            value={field.search}
            onChange={(v: string | undefined) => onChange({ ...field, search: v })}
            options={SEARCH_ROLES.map((r) => ({ value: r, label: t(`search.${r}`) }))}
            data-testid="form-field-search"
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label=" " colon={false}>
          <Checkbox checked={field.pii} onChange={(e) => onChange({ ...field, pii: e.target.checked })} data-testid="form-field-pii">
            {t('field.pii')}
          </Checkbox>
        </Form.Item>
      </Col>
    </Row>
  );

  const onDragOver = (e: DragEvent) => {
    e.preventDefault();
    setDragOver(true);
  };
  return (
    <Card
      size="small"
      data-testid="form-field-row"
      data-field-key={field.key}
      onDragOver={onDragOver}
      onDragLeave={() => setDragOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragOver(false);
        onDropAt(index);
      }}
      style={{ borderColor: dragOver ? '#1d5fb4' : undefined }}
    >
      <Form layout="vertical" component="div" size="small">
        <Flex gap={8} align="flex-start">
          <Tooltip title={t('field.drag')}>
            <span draggable onDragStart={() => onDragStart(index)} style={{ cursor: 'grab', paddingTop: 30 }} aria-hidden>
              <HolderOutlined />
            </span>
          </Tooltip>
          <Form.Item label={t('field.key')} style={{ flex: '1 1 140px', marginBottom: 0 }} validateStatus={problem ? 'error' : undefined} help={problem ? t(`field.key.${problem}`) : undefined}>
            <Input value={keyDraft} onChange={(e) => setKeyDraft(e.target.value.trim())} onBlur={commitKey} onPressEnter={commitKey} data-testid="form-field-key" />
          </Form.Item>
          <Form.Item label={t('field.title')} style={{ flex: '2 1 180px', marginBottom: 0 }}>
            <Input value={field.title} onChange={(e) => onChange({ ...field, title: e.target.value })} data-testid="form-field-title" />
          </Form.Item>
          <Form.Item label={t('field.type')} style={{ flex: '1 1 150px', marginBottom: 0 }}>
            <Select value={field.type} options={typeOptions} onChange={(v: FieldModel['type']) => onChange({ ...field, type: v })} data-testid="form-field-type" />
          </Form.Item>
          <Form.Item label={t('field.required')} style={{ marginBottom: 0 }}>
            <Checkbox checked={field.required} onChange={(e) => onChange({ ...field, required: e.target.checked })} data-testid="form-field-required" aria-label={t('field.required')} />
          </Form.Item>
          <Flex gap={4} style={{ paddingTop: 26 }}>
            <Tooltip title={t('field.up')}>
              <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={t('field.up')} data-testid="form-field-up" />
            </Tooltip>
            <Tooltip title={t('field.down')}>
              <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={t('field.down')} data-testid="form-field-down" />
            </Tooltip>
            <Popconfirm title={t('field.removeConfirm', { name: field.title || field.key })} onConfirm={onRemove}>
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('field.remove')} data-testid="form-field-remove" />
            </Popconfirm>
          </Flex>
        </Flex>
        {editable ? (
          <Collapse
            ghost
            size="small"
            defaultActiveKey={defaultOpen ? ['more'] : []}
            items={[{ key: 'more', label: t('field.more'), children: more }]}
            style={{ marginTop: 4 }}
          />
        ) : (
          <Typography.Text type="secondary">{t('field.otherType')}</Typography.Text>
        )}
      </Form>
    </Card>
  );
}
