import { Alert, Button, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { FormModal } from '../../components/FormModal.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { ExpiryTag } from './ExpiryTag.js';
import { expiryLevel } from './site-form.js';
import { CERTIFICATES_KEY, deleteCertificate, putCertificate, SITES_KEY, useCertificates, type CertificateView } from './sites-api.js';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** Certificates for managed sites: expiry warnings, upload (PEM chain + key; the key is sealed on the server), delete. */
export function CertificateList() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const q = useCertificates();
  const [uploading, setUploading] = useState<{ name?: string }>();
  const [deleting, setDeleting] = useState<string>();
  const certificates = q.data?.certificates ?? [];
  const attention = certificates.filter((c) => expiryLevel(c.daysLeft) !== 'ok');
  const upload = <Button onClick={() => setUploading({})} data-testid="upload-certificate">{t('protection.certificates.upload')}</Button>;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: CERTIFICATES_KEY });
    await qc.invalidateQueries({ queryKey: SITES_KEY });
  };
  return (
    <>
      {can('bulwark:PutCertificate') && <Space style={{ marginBottom: 12 }}>{upload}</Space>}
      {attention.length > 0 && <Alert type="warning" showIcon title={t('protection.certificates.attention', { count: attention.length, names: attention.map((c) => c.name).join(', ') })} style={{ marginBottom: 12 }} data-testid="cert-warning" />}
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={certificates.length === 0} emptyText={t('protection.certificates.empty')}>
        <Table<CertificateView> rowKey="name" size="middle" pagination={false} dataSource={certificates} columns={[
          { title: t('protection.certificates.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('protection.certificates.names'), dataIndex: 'names', render: (names: string[]) => names.map((n) => <Tag key={n}>{n}</Tag>) },
          { title: t('protection.certificates.expires'), render: (_: unknown, c) => <ExpiryTag notAfter={c.notAfter} daysLeft={c.daysLeft} /> },
          { title: t('protection.certificates.validFrom'), dataIndex: 'notBefore', render: (v: string) => formatTime(v, i18n.language) },
          { title: t('protection.certificates.fingerprint'), dataIndex: 'fingerprint', render: (v: string) => <Typography.Text code copyable={{ text: v }}>{`${v.slice(0, 23)}…`}</Typography.Text> },
          { title: t('common.actions'), render: (_: unknown, c) => (
            <Space>
              {can('bulwark:PutCertificate') && <Button size="small" onClick={() => setUploading({ name: c.name })}>{t('protection.certificates.replace')}</Button>}
              {can('bulwark:DeleteCertificate') && <Button size="small" danger onClick={() => setDeleting(c.name)}>{t('common.delete')}</Button>}
            </Space>
          ) },
        ]} />
      </QueryState>
      <FormModal<{ name: string; cert: string; key: string }> open={!!uploading} width={720} title={uploading?.name ? t('protection.certificates.replaceTitle', { name: uploading.name }) : t('protection.certificates.upload')} okText={t('protection.certificates.uploadOk')} initialValues={{ name: uploading?.name ?? '' }} onClose={() => setUploading(undefined)} testId="upload-certificate-modal" onSubmit={async (v) => {
        await putCertificate({ name: v.name.trim(), cert: v.cert, key: v.key });
        await refresh();
      }}>
        <Typography.Paragraph type="secondary">{t('protection.certificates.uploadHelp')}</Typography.Paragraph>
        <Form.Item name="name" label={t('protection.certificates.name')} rules={[{ required: true, message: t('validation.required') }, { pattern: NAME, message: t('protection.validation.name') }]}>
          <Input disabled={!!uploading?.name} data-testid="cert-name" />
        </Form.Item>
        <Form.Item name="cert" label={t('protection.certificates.certPem')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea rows={6} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="cert-pem" />
        </Form.Item>
        <Form.Item name="key" label={t('protection.certificates.keyPem')} extra={t('protection.certificates.keyHelp')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea rows={6} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="cert-key" />
        </Form.Item>
      </FormModal>
      <ConfirmByName open={!!deleting} name={deleting ?? ''} title={t('protection.certificates.deleteTitle')} danger={t('protection.certificates.deleteWarning')} onClose={() => setDeleting(undefined)} onConfirm={async () => {
        await deleteCertificate(deleting!);
        await refresh();
      }} />
    </>
  );
}
