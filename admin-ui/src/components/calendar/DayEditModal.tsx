import { DatePicker, Form, Input, Modal, Radio, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { isWeekend } from './calendar-api';
import { useCalendarText } from './calendar-messages';

export type DayKind = 'holiday' | 'workday' | 'normal';

export interface DayEdit {
  date: string;
  kind: DayKind;
  name: string;
  source: string;
}

export interface DayEditModalProps {
  year: number;
  /** The day being edited, or null for "add a date" (the date is then picked here). */
  initial: DayEdit | null;
  open: boolean;
  defaultSource: string;
  onOk(edit: DayEdit): void;
  onCancel(): void;
}

/**
 * Mark one day of the year as a day off, a make-up working day, or back to
 * the regular rule. The server's rules are checked here too: a make-up
 * working day is a Saturday or Sunday, and every entry names its source.
 */
export function DayEditModal({ year, initial, open, defaultSource, onOk, onCancel }: DayEditModalProps) {
  const t = useCalendarText();
  const [form] = Form.useForm<{ date: Dayjs; kind: DayKind; name: string; source: string }>();
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      date: initial ? dayjs(initial.date) : undefined,
      kind: initial?.kind ?? 'holiday',
      name: initial?.name ?? '',
      source: initial?.source || defaultSource,
    });
  }, [open, initial, defaultSource, form]);
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open={open}
      forceRender
      title={initial ? t('cal.editDay', { date: initial.date }) : t('cal.addDay')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'calendar-day-ok' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => onOk({ date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.kind === 'normal' ? '' : v.name.trim(), source: v.kind === 'normal' ? '' : v.source.trim() })}
      >
        <Form.Item
          name="date"
          label={t('cal.date')}
          rules={[
            { required: true, message: t('cal.dateRequired') },
            { validator: (_, d: Dayjs | undefined) => (!d || d.year() === year ? Promise.resolve() : Promise.reject(new Error(t('cal.wrongYear', { year })))) },
          ]}
        >
          <DatePicker
            disabled={initial !== null}
            style={{ width: '100%' }}
            defaultPickerValue={dayjs(new Date(year, 0, 1))}
            disabledDate={(d) => d.year() !== year}
            data-testid="calendar-day-date"
          />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('cal.kind')}
          dependencies={['date']}
          rules={[
            {
              validator: (_, k: DayKind) => {
                const d = form.getFieldValue('date') as Dayjs | undefined;
                return k === 'workday' && d && !isWeekend(d.format('YYYY-MM-DD')) ? Promise.reject(new Error(t('cal.weekdayWorkday'))) : Promise.resolve();
              },
            },
          ]}
        >
          <Radio.Group
            data-testid="calendar-day-kind"
            options={(['holiday', 'workday', 'normal'] as const).map((k) => ({ value: k, label: t(`cal.kind.${k}`) }))}
          />
        </Form.Item>
        {kind !== 'normal' && (
          <>
            <Form.Item name="name" label={t('cal.name')} rules={[{ required: true, whitespace: true, message: t('cal.nameRequired') }, { max: 100 }]}>
              <Input placeholder="春节" data-testid="calendar-day-name" />
            </Form.Item>
            <Form.Item name="source" label={t('cal.source')} extra={t('cal.sourceHint')} rules={[{ required: true, whitespace: true, message: t('cal.sourceRequired') }, { max: 300 }]}>
              <Input data-testid="calendar-day-source" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
