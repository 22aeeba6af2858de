import { Alert, Checkbox, Modal, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useFormsText } from '../../i18n/forms-messages';
import { ChangesTable } from './ChangesTable';
import type { FormChange } from './form-api';

export interface PublishModalProps {
  open: boolean;
  title: string;
  changes: FormChange[];
  publishing: boolean;
  /** No published version yet: there is nothing to compare with. */
  isNew?: boolean;
  onConfirm(acceptBreaking: boolean): void;
  onCancel(): void;
}

/**
 * The last step before a new form version: the change list from the check,
 * and, when any change is breaking, an explicit acknowledgement (sent as
 * acceptBreaking) without which the server refuses with 409.
 */
export function PublishModal({ open, title, changes, publishing, isNew, onConfirm, onCancel }: PublishModalProps) {
  const t = useFormsText();
  const breaking = changes.filter((c) => c.breaking);
  const [accepted, setAccepted] = useState(false);
  useEffect(() => {
    if (open) setAccepted(false);
  }, [open, changes]);
  return (
    <Modal
      open={open}
      width={900}
      title={t('publish.title', { title })}
      okText={t('publish.confirm')}
      okButtonProps={{ disabled: breaking.length > 0 && !accepted, danger: breaking.length > 0, loading: publishing, 'data-testid': 'form-publish-confirm' } as ButtonProps}
      onOk={() => onConfirm(breaking.length > 0)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph>{isNew ? t('publish.firstVersion') : t('publish.newVersion')}</Typography.Paragraph>
      {breaking.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('publish.breakingWarning', { n: breaking.length })} data-testid="form-publish-breaking" />}
      {changes.length > 0 ? <ChangesTable changes={changes} /> : isNew ? null : <Typography.Text type="secondary">{t('check.noChanges')}</Typography.Text>}
      {breaking.length > 0 && (
        <Checkbox style={{ marginTop: 12 }} checked={accepted} onChange={(e) => setAccepted(e.target.checked)} data-testid="form-publish-accept-breaking">
          {t('publish.acceptBreaking')}
        </Checkbox>
      )}
    </Modal>
  );
}
