import { Alert, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors.js';

interface Props {
  open: boolean;
  name: string;
  title: string;
  danger?: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** A destructive action confirmed by typing the resource's name. */
export function ConfirmByName({ open, name, title, danger, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: typed !== name, loading: busy, 'data-testid': 'confirm-ok' }}
      onCancel={() => {
        setTyped('');
        setError(undefined);
        onClose();
      }}
      onOk={async () => {
        setBusy(true);
        try {
          await onConfirm();
          setTyped('');
          setError(undefined);
          onClose();
        } catch (e) {
          setError(errorText(t, e));
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      {danger && <Alert type="warning" showIcon title={danger} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>{t('common.typeToConfirm', { name })}</Typography.Paragraph>
      <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={name} data-testid="confirm-name" />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
