import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useFormsText } from '../../i18n/forms-messages';
import { FieldRow } from './FieldRow';
import { addField, moveField, readFields, removeField, updateField, type Json } from './schema-model';

export interface FieldListEditorProps {
  schema: Json;
  uiSchema: Json | null;
  onChange(schema: Json, uiSchema: Json | null): void;
}

/**
 * The form's fields as a list: add, remove, reorder (buttons or drag), and
 * edit each. It edits the schema object it is given, so whatever it does not
 * show survives (see schema-model.ts).
 */
export function FieldListEditor({ schema, uiSchema, onChange }: FieldListEditorProps) {
  const t = useFormsText();
  const fields = useMemo(() => readFields(schema, uiSchema), [schema, uiSchema]);
  const dragging = useRef<number | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  // Rows are keyed by a stable id, not the field key: renaming a field must not remount its row (and steal the focus).
  const ids = useRef(new Map<string, string>());
  const nextId = useRef(0);
  const idFor = (key: string) => {
    let id = ids.current.get(key);
    if (!id) ids.current.set(key, (id = `row-${nextId.current++}`));
    return id;
  };
  const keys = fields.map((f) => f.key);
  return (
    <Flex vertical gap={8}>
      {fields.length === 0 && <Empty description={t('field.none')} />}
      {fields.map((f, i) => (
        <FieldRow
          key={idFor(f.key)}
          field={f}
          index={i}
          count={fields.length}
          otherKeys={keys.filter((k) => k !== f.key)}
          defaultOpen={f.key === added}
          onChange={(next) => {
            const r = updateField(schema, uiSchema, f, next);
            if (next.key !== f.key) {
              ids.current.set(next.key, idFor(f.key));
              ids.current.delete(f.key);
              if (added === f.key) setAdded(next.key);
            }
            onChange(r.schema, r.uiSchema);
          }}
          onMove={(to) => {
            const r = moveField(schema, uiSchema, f.key, to);
            onChange(r.schema, r.uiSchema);
          }}
          onRemove={() => {
            const r = removeField(schema, uiSchema, f.key);
            onChange(r.schema, r.uiSchema);
          }}
          onDragStart={(index) => {
            dragging.current = index;
          }}
          onDropAt={(index) => {
            const from = dragging.current;
            dragging.current = null;
            if (from === null || from === index) return;
            const r = moveField(schema, uiSchema, keys[from]!, index);
            onChange(r.schema, r.uiSchema);
          }}
        />
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => {
          const r = addField(schema, uiSchema, t('field.newTitle'));
          setAdded(r.key);
          onChange(r.schema, r.uiSchema);
        }}
        data-testid="form-field-add"
      >
        {t('field.add')}
      </Button>
    </Flex>
  );
}
