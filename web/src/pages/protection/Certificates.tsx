import { Descriptions, Form, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExpiryTag } from './ExpiryTag.js';
import type { SiteDocument } from './site-form.js';
import { useCertificates } from './sites-api.js';

interface CertificateFile {
  cert: string;
  key: string;
}

/** The site editor's certificates: managed certificates chosen by name (with their expiry), and PEM files on the gateway hosts (read only). */
export function Certificates({ site }: { site: SiteDocument }) {
  const { t } = useTranslation();
  const managed = useCertificates();
  const byName = new Map((managed.data?.certificates ?? []).map((c) => [c.name, c]));
  const tls = (site.tls ?? undefined) as { certificates?: Array<Partial<CertificateFile> & { certificate?: string }>; clientAuth?: string; clientCa?: string } | undefined;
  const files = (tls?.certificates ?? []).filter((c): c is CertificateFile => typeof c.cert === 'string' && typeof c.key === 'string');
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('protection.sites.tlsHelp')}</Typography.Paragraph>
      <Form.Item name="certificates" label={t('protection.sites.managedCertificates')} extra={t('protection.sites.managedCertificatesHelp')}>
        <Select
          mode="multiple"
          data-testid="site-certificates"
          loading={managed.isLoading}
          options={[...byName.values()].map((c) => ({ value: c.name, label: `${c.name} (${c.names.join(', ')})` }))}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['certificates']}>
        {({ getFieldValue }) => (
          <Space wrap style={{ marginBottom: files.length > 0 ? 12 : 0 }}>
            {((getFieldValue('certificates') as string[] | undefined) ?? []).map((name) => {
              const c = byName.get(name);
              return c ? <Space key={name} size={4}><Typography.Text>{name}</Typography.Text><ExpiryTag notAfter={c.notAfter} daysLeft={c.daysLeft} /></Space> : null;
            })}
          </Space>
        )}
      </Form.Item>
      {files.length > 0 && (
        <Table<CertificateFile> size="small" rowKey="cert" pagination={false} dataSource={files} columns={[
          { title: t('protection.sites.certFile'), dataIndex: 'cert', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('protection.sites.keyFile'), dataIndex: 'key', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        ]} />
      )}
      {tls?.clientAuth && tls.clientAuth !== 'none' && (
        <Descriptions size="small" column={2} style={{ marginTop: 12 }} items={[
          { key: 'auth', label: t('protection.sites.clientAuth'), children: tls.clientAuth },
          { key: 'ca', label: t('protection.sites.clientCa'), children: tls.clientCa },
        ]} />
      )}
    </>
  );
}
