import { Alert, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useReadOnly } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { formatTime } from '../../components/time.js';
import { CertificateList } from './CertificateList.js';
import { GatewaysCard, UpstreamHealthTag } from './Gateways.js';
import { SiteEditor } from './SiteEditor.js';
import { toForm } from './site-form.js';
import { deleteSite, SITES_KEY, useGateways, useSites, type SiteView } from './sites-api.js';

const PUT_SITE = 'bulwark:PutSite';
const MODE_COLOR = { block: 'red', detect: 'gold', off: 'default' } as const;

/** Managed gateway sites: hosts, upstreams, WAF and the other protections; every change is reviewed as a diff before it applies. */
export function Sites() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const readOnly = useReadOnly(PUT_SITE, 'bulwark:DeleteSite', 'bulwark:PutCertificate', 'bulwark:DeleteCertificate');
  const q = useSites();
  // Reads are not in the session's permission map: the card shows a refusal like any failed query.
  const gq = useGateways();
  const canGateways = gq.isSuccess;
  const gateways = gq.data?.gateways ?? [];
  const [editing, setEditing] = useState<{ site: SiteView | undefined }>();
  const [deleting, setDeleting] = useState<string>();
  const sites = q.data?.sites ?? [];
  const create = can(PUT_SITE) && <Button type="primary" onClick={() => setEditing({ site: undefined })} data-testid="create-site">{t('protection.sites.create')}</Button>;
  return (
    <>
      <PageHeader title={t('protection.sites.title')} description={t('protection.sites.description')} actions={create} />
      {q.data && <Typography.Paragraph type="secondary" data-testid="sites-revision">{t('protection.sites.revision', { revision: q.data.revision })}</Typography.Paragraph>}
      <GatewaysCard q={gq} />
      {readOnly && <Alert type="info" showIcon title={t('common.readOnly')} style={{ marginBottom: 12 }} data-testid="read-only" />}
      <Tabs items={[{ key: 'sites', label: t('protection.sites.tab'), children: (
      <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()} empty={sites.length === 0} emptyText={t('protection.sites.empty')} emptyAction={create}>
        <Table<SiteView>
          rowKey="name"
          dataSource={sites}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('protection.sites.name'), dataIndex: 'name', render: (v: string, s) => <Typography.Link onClick={() => setEditing({ site: s })} data-testid={`site-${v}`}>{v}</Typography.Link> },
            { title: t('protection.sites.hosts'), render: (_: unknown, s) => toForm(s.site).hosts.map((h) => <Tag key={h}>{h}</Tag>) },
            { title: t('protection.sites.upstreams'), render: (_: unknown, s) => toForm(s.site).upstreams.map((u) => <div key={u.url}><Space size={4}><Typography.Text code>{u.url}</Typography.Text>{canGateways && <UpstreamHealthTag gateways={gateways} site={s.name} url={u.url} />}</Space></div>) },
            {
              title: t('protection.sites.wafMode'),
              render: (_: unknown, s) => {
                const f = toForm(s.site);
                return (
                  <Space size={4} wrap>
                    <Tag color={MODE_COLOR[f.waf.mode]}>{t(`protection.wafModes.${f.waf.mode}`)}</Tag>
                    {f.waf.mode !== 'off' && <Tag>{`PL${f.waf.paranoia}`}</Tag>}
                    {f.waf.exclusions.length > 0 && <Tag>{t('protection.sites.exclusionCount', { count: f.waf.exclusions.length })}</Tag>}
                  </Space>
                );
              },
            },
            {
              title: t('protection.sites.protections'),
              render: (_: unknown, s) => {
                const f = toForm(s.site);
                return (
                  <Space size={4} wrap>
                    {f.rules.length > 0 && <Tag>{t('protection.sites.ruleCount', { count: f.rules.length })}</Tag>}
                    {f.rateLimits.length > 0 && <Tag>{t('protection.sites.rateLimitCount', { count: f.rateLimits.length })}</Tag>}
                    {f.acl.allow.length + f.acl.deny.length > 0 && <Tag>{t('protection.sites.ipListCount', { count: f.acl.allow.length + f.acl.deny.length })}</Tag>}
                    {f.dlp.enabled && <Tag color="blue">{t('protection.sites.dlpOn')}</Tag>}
                    {f.certificates.length > 0 && <Tag color="green">{t('protection.sites.tlsOn', { count: f.certificates.length })}</Tag>}
                  </Space>
                );
              },
            },
            { title: t('common.updated'), dataIndex: 'updatedAt', render: (v: string) => formatTime(v, i18n.language) },
            {
              title: t('common.actions'),
              render: (_: unknown, s) => (
                <Space>
                  {can(PUT_SITE) && <Button size="small" onClick={() => setEditing({ site: s })}>{t('common.edit')}</Button>}
                  {can('bulwark:DeleteSite') && <Button size="small" danger onClick={() => setDeleting(s.name)} data-testid={`delete-${s.name}`}>{t('common.delete')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      ) }, { key: 'certificates', label: t('protection.certificates.tab'), children: <CertificateList /> }]} />
      {editing && <SiteEditor open site={editing.site} readOnly={!can(PUT_SITE)} onClose={() => setEditing(undefined)} />}
      <ConfirmByName open={!!deleting} name={deleting ?? ''} title={t('protection.sites.deleteTitle')} danger={t('protection.sites.deleteWarning')} onClose={() => setDeleting(undefined)} onConfirm={async () => {
        await deleteSite(deleting!);
        await qc.invalidateQueries({ queryKey: SITES_KEY });
      }} />
    </>
  );
}
