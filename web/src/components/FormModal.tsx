import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showFieldError } from '../api/errors.js';

interface Props<V> {
  open: boolean;
  title: string;
  okText?: string;
  initialValues?: Partial<V>;
  /** the field a malformed policy document belongs to */
  documentField?: string;
  width?: number;
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  testId?: string;
  /** shows the values without letting them change (no save button) */
  readOnly?: boolean;
}

/** A form in a dialog: validates before submit, puts server errors next to their field (or above the form). */
export function FormModal<V extends object>({ open, title, okText, initialValues, documentField, width, onSubmit, onClose, children, testId, readOnly }: Props<V>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const close = () => {
    setError(undefined);
    form.resetFields();
    onClose();
  };
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values);
      close();
    } catch (e) {
      if (!showFieldError(form, t, e, documentField)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} width={width} okText={okText ?? t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => void submit()} onCancel={close} destroyOnHidden data-testid={testId} okButtonProps={{ 'data-testid': 'modal-ok' }} {...(readOnly ? { footer: null } : {})}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form form={form} layout="vertical" initialValues={initialValues} requiredMark="optional" disabled={readOnly}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
