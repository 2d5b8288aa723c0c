import { Button, Drawer, Space, Table, Tooltip, Typography } from 'antd';
import { AimOutlined, MinusCircleOutlined, PlusCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { showValue, type EventDoc } from './api.js';
import { investigateHref } from '../incidents/timeline.js';
import { flatten } from './query-edit.js';

interface Props {
  event?: EventDoc;
  onClose: () => void;
  onFilter: (field: string, value: string, mode: 'include' | 'exclude') => void;
}

/** Every field of one event, with "filter for / filter out this value" and "investigate" where it applies. */
export function EventDrawer({ event, onClose, onFilter }: Props) {
  const { t } = useTranslation();
  const rows = event ? flatten(event).map(([field, value]) => ({ field, value })) : [];
  const title = event ? showValue((event.event as Record<string, unknown> | undefined)?.action) || showValue(event['@timestamp']) : '';
  return (
    <Drawer open={!!event} size={760} title={title} onClose={onClose} destroyOnHidden data-testid="event-drawer">
      <Table
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('events.drawer.field'), dataIndex: 'field', width: 220, render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
          { title: t('events.drawer.value'), dataIndex: 'value', render: (v: unknown) => <Typography.Text style={{ wordBreak: 'break-all' }}>{showValue(v)}</Typography.Text> },
          {
            title: t('common.actions'),
            width: 120,
            render: (_: unknown, r: { field: string; value: unknown }) => {
              const scalar = r.value !== null && typeof r.value !== 'object';
              const href = investigateHref(r.field, r.value);
              return (
                <Space size={0}>
                  {scalar && (
                    <>
                      <Tooltip title={t('events.drawer.include')}>
                        <Button type="text" size="small" icon={<PlusCircleOutlined />} aria-label={t('events.drawer.include')} data-testid={`filter-in-${r.field}`} onClick={() => onFilter(r.field, String(r.value), 'include')} />
                      </Tooltip>
                      <Tooltip title={t('events.drawer.exclude')}>
                        <Button type="text" size="small" icon={<MinusCircleOutlined />} aria-label={t('events.drawer.exclude')} data-testid={`filter-out-${r.field}`} onClick={() => onFilter(r.field, String(r.value), 'exclude')} />
                      </Tooltip>
                    </>
                  )}
                  {href && (
                    <Tooltip title={t('events.drawer.investigate')}>
                      <Link to={href} aria-label={t('events.drawer.investigate')} data-testid={`investigate-${r.field}`}><Button type="text" size="small" icon={<AimOutlined />} /></Link>
                    </Tooltip>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </Drawer>
  );
}
