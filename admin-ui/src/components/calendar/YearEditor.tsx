import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { ApiError } from '../../../../runtime-ui/src/api/client';
import { calendarApi, weekdayOf, type CalendarData, type CalendarDay } from './calendar-api';
import { useCalendarText } from './calendar-messages';
import { DayEditModal, type DayEdit, type DayKind } from './DayEditModal';
import { YearGrid } from './YearGrid';

export interface YearEditorProps {
  calendarKey: string;
  version: number;
  data: CalendarData;
  year: number;
  /** Viewing an old version: show, do not edit. */
  readOnly: boolean;
  onSaved(version: number): void;
}

interface Row {
  date: string;
  kind: Exclude<DayKind, 'normal'>;
  name: string;
  source: string;
}

const byDate = (days: readonly CalendarDay[], year: number) => new Map(days.filter((d) => d.date.startsWith(`${year}-`)).map((d) => [d.date, d]));
const sameDay = (a: CalendarDay | undefined, b: CalendarDay | undefined) => a?.name === b?.name && a?.source === b?.source;

/**
 * One year of the calendar, edited as the State Council notice reads: the
 * days off and the make-up working days, each with its source. Edits stay
 * local until saved; saving replaces the year in one new calendar version
 * (PUT /api/calendars/:key/years/:year) with a required reason, and the
 * server recomputes open deadlines.
 */
export function YearEditor({ calendarKey, version, data, year, readOnly, onSaved }: YearEditorProps) {
  const t = useCalendarText();
  const { message } = App.useApp();
  const saved = useMemo(() => ({ holidays: byDate(data.holidays, year), workdays: byDate(data.workdays, year) }), [data, year]);
  const [holidays, setHolidays] = useState(saved.holidays);
  const [workdays, setWorkdays] = useState(saved.workdays);
  const [editing, setEditing] = useState<DayEdit | null | 'new'>(null);
  const [saving, setSaving] = useState(false);
  const [noteOpen, setNoteOpen] = useState(false);
  const [noteForm] = Form.useForm<{ note: string }>();
  useEffect(() => {
    setHolidays(saved.holidays);
    setWorkdays(saved.workdays);
  }, [saved]);

  const pending = useMemo(() => {
    const dates = new Set([...holidays.keys(), ...workdays.keys(), ...saved.holidays.keys(), ...saved.workdays.keys()]);
    return new Set([...dates].filter((d) => !sameDay(holidays.get(d), saved.holidays.get(d)) || !sameDay(workdays.get(d), saved.workdays.get(d))));
  }, [holidays, workdays, saved]);
  const rows: Row[] = useMemo(
    () => [...[...holidays.values()].map((d) => ({ ...d, kind: 'holiday' as const })), ...[...workdays.values()].map((d) => ({ ...d, kind: 'workday' as const }))].sort((a, b) => a.date.localeCompare(b.date)),
    [holidays, workdays],
  );
  // The source most entries of this year cite: the default for new ones.
  const defaultSource = useMemo(() => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.source, (counts.get(r.source) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  }, [rows]);

  const apply = (e: DayEdit) => {
    const h = new Map(holidays);
    const w = new Map(workdays);
    h.delete(e.date);
    w.delete(e.date);
    if (e.kind === 'holiday') h.set(e.date, { date: e.date, name: e.name, source: e.source });
    if (e.kind === 'workday') w.set(e.date, { date: e.date, name: e.name, source: e.source });
    setHolidays(h);
    setWorkdays(w);
    setEditing(null);
  };
  const edit = (date: string) => {
    const entry = holidays.get(date) ?? workdays.get(date);
    // A regular day is clicked to make it an exception: offer "day off" first.
    setEditing({ date, kind: workdays.has(date) ? 'workday' : 'holiday', name: entry?.name ?? '', source: entry?.source ?? '' });
  };

  const save = async (note: string) => {
    setSaving(true);
    try {
      const sort = (m: Map<string, CalendarDay>) => [...m.values()].sort((a, b) => a.date.localeCompare(b.date));
      const v = await calendarApi.setYear(calendarKey, year, { expectedVersion: version, note, holidays: sort(holidays), workdays: sort(workdays) });
      setNoteOpen(false);
      message.success(t('cal.saved', { v: v.version }));
      onSaved(v.version);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) message.error(t('cal.conflict'));
      else message.error(err instanceof ApiError ? [err.message, ...err.fieldErrors.map((f) => `${f.pointer}: ${f.message}`)].join('；') : String(err));
    } finally {
      setSaving(false);
    }
  };

  const weekday = (date: string) => t(`cal.wd.${weekdayOf(date)}` as 'cal.wd.0');
  return (
    <Flex vertical gap={16}>
      {!data.years.includes(year) && <Alert type="warning" showIcon title={t('cal.notCovered', { year })} data-testid="calendar-not-covered" />}
      <YearGrid year={year} holidays={holidays} workdays={workdays} pending={pending} onPick={readOnly ? undefined : edit} />
      <Card
        size="small"
        title={t('cal.exceptions', { year })}
        extra={
          !readOnly && (
            <Flex gap={8} align="center">
              {pending.size > 0 && <Tag color="orange">{t('cal.pending', { n: pending.size })}</Tag>}
              <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="calendar-add-day">
                {t('cal.addDay')}
              </Button>
              <Button
                disabled={pending.size === 0}
                onClick={() => {
                  setHolidays(saved.holidays);
                  setWorkdays(saved.workdays);
                }}
                data-testid="calendar-discard"
              >
                {t('cal.discard')}
              </Button>
              <Button type="primary" disabled={pending.size === 0 && data.years.includes(year)} onClick={() => setNoteOpen(true)} data-testid="calendar-save">
                {t('cal.save', { year })}
              </Button>
            </Flex>
          )
        }
      >
        <Table<Row>
          size="small"
          rowKey="date"
          dataSource={rows}
          pagination={false}
          scroll={{ y: 440 }}
          onRow={(r) => ({ 'data-testid': 'calendar-exception-row', 'data-date': r.date, style: pending.has(r.date) ? { background: '#fff7e6' } : undefined }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('cal.date'), dataIndex: 'date' },
            { title: t('cal.weekday'), key: 'wd', render: (_: unknown, r) => weekday(r.date) },
            { title: t('cal.kind'), dataIndex: 'kind', render: (k: Row['kind']) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`cal.kind.${k}`)}</Tag> },
            { title: t('cal.name'), dataIndex: 'name' },
            { title: t('cal.source'), dataIndex: 'source', render: (s: string) => <Typography.Text type="secondary">{s}</Typography.Text> },
            ...(readOnly
              ? []
              : [
                  {
                    title: '',
                    key: 'actions',
                    render: (_: unknown, r: Row) => (
                      <Flex gap={8}>
                        <Button size="small" onClick={() => edit(r.date)} data-testid="calendar-edit-day">
                          {t('cal.edit')}
                        </Button>
                        <Button size="small" danger onClick={() => apply({ date: r.date, kind: 'normal', name: '', source: '' })} data-testid="calendar-remove-day">
                          {t('cal.remove')}
                        </Button>
                      </Flex>
                    ),
                  },
                ]),
          ]}
        />
      </Card>
      <DayEditModal
        year={year}
        open={editing !== null}
        initial={editing === 'new' ? null : editing}
        defaultSource={defaultSource}
        onOk={apply}
        onCancel={() => setEditing(null)}
      />
      <Modal
        open={noteOpen}
        title={t('cal.noteTitle', { year })}
        onCancel={() => setNoteOpen(false)}
        onOk={() => noteForm.submit()}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'calendar-save-confirm' } as ButtonProps}
        destroyOnHidden
      >
        {!data.years.includes(year) && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cal.notCovered', { year })} />}
        <Form form={noteForm} layout="vertical" preserve={false} onFinish={(v) => void save(v.note.trim())}>
          <Form.Item name="note" label={t('cal.note')} extra={t('cal.noteHint')} rules={[{ required: true, whitespace: true, message: t('cal.noteRequired') }, { max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="calendar-save-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
