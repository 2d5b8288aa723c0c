import { Descriptions, Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SiteDocument } from './site-form.js';

interface CertificateRef {
  cert: string;
  key: string;
}

/** The site's TLS certificates: PEM files on the gateway hosts, referenced by path (the gateway reads and checks them). */
export function Certificates({ site }: { site: SiteDocument }) {
  const { t } = useTranslation();
  const tls = (site.tls ?? undefined) as { certificates?: CertificateRef[]; clientAuth?: string; clientCa?: string } | undefined;
  const certificates = tls?.certificates ?? [];
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('protection.sites.tlsHelp')}</Typography.Paragraph>
      {certificates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('protection.sites.noCertificates')} />
      ) : (
        <Table<CertificateRef> size="small" rowKey="cert" pagination={false} dataSource={certificates} columns={[
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
