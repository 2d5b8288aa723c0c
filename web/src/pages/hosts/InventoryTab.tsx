import { Collapse, Descriptions, Empty, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState.js';
import { hostsApi, type Inventory } from './api.js';

const mib = (bytes: number): string => `${Math.round(bytes / 1048576)} MiB`;

/** A searchable table of one inventory section. */
function Section<T extends object>({ rows, columns, rowKey }: { rows: T[]; columns: ColumnsType<T>; rowKey: (r: T) => string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = needle ? rows.filter((r) => JSON.stringify(r).toLowerCase().includes(needle)) : rows;
  return (
    <>
      <Input.Search allowClear placeholder={t('hosts.inventory.filter')} style={{ width: 280, marginBottom: 8 }} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <Table<T> size="small" rowKey={rowKey} dataSource={shown} columns={columns} pagination={{ pageSize: 20, showSizeChanger: true }} />
    </>
  );
}

/** What the agent last reported about the host: packages, ports, users, processes, services, keys, cron. */
export function InventoryTab({ hostId }: { hostId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['host-inventory', hostId], queryFn: () => hostsApi.inventory(hostId) });
  const inv: Inventory | null | undefined = q.data?.Inventory;
  return (
    <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
      {!inv ? (
        <Empty description={t('hosts.inventory.empty')} />
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }} items={[
            { key: 'os', label: t('hosts.column.os'), children: inv.os?.prettyName },
            { key: 'kernel', label: t('hosts.inventory.kernel'), children: inv.kernel ? `${inv.kernel.release} ${inv.kernel.machine}` : '' },
            { key: 'cpu', label: t('hosts.inventory.cpu'), children: inv.hardware ? `${inv.hardware.cpuModel} ×${inv.hardware.logicalCpus}` : '' },
            { key: 'mem', label: t('hosts.inventory.memTotal'), children: inv.hardware ? mib(inv.hardware.memoryTotalBytes) : '' },
            { key: 'addresses', label: t('hosts.column.address'), children: inv.addresses.filter((a) => !a.internal).map((a) => <Tag key={`${a.interface}/${a.address}`}>{a.interface} {a.address}</Tag>) },
          ]} />
          <Collapse defaultActiveKey={['ports']} items={[
            { key: 'packages', label: t('hosts.inventory.sections.packages', { n: inv.packages.length }), children: (
              <Section rows={inv.packages} rowKey={(p) => `${p.manager}/${p.name}/${p.arch}`} columns={[
                { title: t('hosts.inventory.name'), dataIndex: 'name' },
                { title: t('hosts.inventory.version'), dataIndex: 'version' },
                { title: t('hosts.inventory.arch'), dataIndex: 'arch' },
                { title: t('hosts.inventory.source'), dataIndex: 'source', responsive: ['lg'] },
                { title: t('hosts.inventory.manager'), dataIndex: 'manager', responsive: ['lg'] },
              ]} />
            ) },
            { key: 'ports', label: t('hosts.inventory.sections.ports', { n: inv.ports.length }), children: (
              <Section rows={inv.ports} rowKey={(p) => `${p.transport}/${p.address}/${p.port}`} columns={[
                { title: t('hosts.inventory.transport'), dataIndex: 'transport' },
                { title: t('hosts.inventory.address'), dataIndex: 'address' },
                { title: t('hosts.inventory.port'), dataIndex: 'port' },
                { title: t('hosts.inventory.process'), dataIndex: 'process' },
                { title: t('hosts.inventory.pid'), dataIndex: 'pid' },
              ]} />
            ) },
            { key: 'users', label: t('hosts.inventory.sections.users', { n: inv.users.length }), children: (
              <Section rows={inv.users} rowKey={(u) => u.name} columns={[
                { title: t('hosts.inventory.name'), dataIndex: 'name' },
                { title: t('hosts.inventory.uid'), dataIndex: 'uid' },
                { title: t('hosts.inventory.shell'), dataIndex: 'shell' },
                { title: t('hosts.inventory.home'), dataIndex: 'home', responsive: ['lg'] },
                { title: t('hosts.inventory.password'), dataIndex: 'password' },
                { title: t('hosts.inventory.sudo'), dataIndex: 'sudo', render: (v: boolean) => (v ? <Tag color="orange">{t('hosts.inventory.sudo')}</Tag> : null) },
              ]} />
            ) },
            { key: 'processes', label: t('hosts.inventory.sections.processes', { n: inv.processes.length }), children: (
              <Section rows={inv.processes} rowKey={(p) => String(p.pid)} columns={[
                { title: t('hosts.inventory.pid'), dataIndex: 'pid', width: 90 },
                { title: t('hosts.inventory.name'), dataIndex: 'name' },
                { title: t('hosts.inventory.uid'), dataIndex: 'uid', width: 80 },
                { title: t('hosts.inventory.memory'), dataIndex: 'rssBytes', render: (v: number) => mib(v), width: 100 },
                { title: t('hosts.inventory.command'), dataIndex: 'commandLine', render: (v: string) => <Typography.Text code ellipsis={{ tooltip: v }} style={{ maxWidth: 520 }}>{v}</Typography.Text> },
              ]} />
            ) },
            { key: 'units', label: t('hosts.inventory.sections.units', { n: inv.units.length }), children: (
              <Section rows={inv.units} rowKey={(u) => u.name} columns={[
                { title: t('hosts.inventory.name'), dataIndex: 'name' },
                { title: t('hosts.inventory.unitState'), dataIndex: 'state' },
                { title: t('hosts.inventory.unitDescription'), dataIndex: 'description' },
              ]} />
            ) },
            { key: 'keys', label: t('hosts.inventory.sections.keys', { n: inv.authorizedKeys.length }), children: (
              <Section rows={inv.authorizedKeys} rowKey={(k) => `${k.user}/${k.fingerprint}`} columns={[
                { title: t('hosts.inventory.keyUser'), dataIndex: 'user' },
                { title: t('hosts.inventory.keyType'), dataIndex: 'type' },
                { title: t('hosts.inventory.fingerprint'), dataIndex: 'fingerprint' },
                { title: t('hosts.inventory.comment'), dataIndex: 'comment' },
              ]} />
            ) },
            { key: 'cron', label: t('hosts.inventory.sections.cron', { n: inv.cron.length }), children: (
              <Section rows={inv.cron} rowKey={(c) => `${c.source}/${c.user}/${c.schedule}/${c.command}`} columns={[
                { title: t('hosts.inventory.cronUser'), dataIndex: 'user' },
                { title: t('hosts.inventory.schedule'), dataIndex: 'schedule' },
                { title: t('hosts.inventory.command'), dataIndex: 'command', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
              ]} />
            ) },
          ]} />
        </>
      )}
    </QueryState>
  );
}
