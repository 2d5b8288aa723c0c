import { Button, Descriptions, Drawer, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session.js';
import { formatTime } from '../../components/time.js';
import { AddExclusion } from './AddExclusion.js';
import { decodeQuery, type AttackRow } from './attack-query.js';

/** One blocked or detected request in full: what matched, the score, the decision, and the stored event. */
export function AttackDrawer({ attack, onClose }: { attack: AttackRow | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [excluding, setExcluding] = useState(false);
  const mayExclude = useCan()('bulwark:PutSite');
  return (
    <Drawer open={!!attack} size={760} title={attack ? `${attack.method} ${attack.path}` : ''} onClose={onClose} destroyOnHidden data-testid="attack-drawer"
      extra={attack && attack.wafRuleIds.length > 0 && mayExclude && <Button type="primary" onClick={() => setExcluding(true)} data-testid="add-exclusion-button">{t('protection.attacks.addExclusion')}</Button>}>
      {attack && (
        <>
          <Descriptions column={1} size="small" bordered items={[
            { key: 'time', label: t('protection.attacks.time'), children: formatTime(attack.time, i18n.language) },
            { key: 'site', label: t('protection.attacks.site'), children: attack.site },
            { key: 'action', label: t('protection.attacks.action'), children: <Space>{attack.blocked ? <Tag color="red">{t('protection.attacks.blocked')}</Tag> : <Tag color="gold">{t('protection.attacks.detected')}</Tag>}<Typography.Text type="secondary">{attack.action}</Typography.Text></Space> },
            { key: 'status', label: t('protection.attacks.status'), children: attack.status },
            { key: 'ip', label: t('protection.attacks.sourceIp'), children: attack.sourceIp },
            { key: 'host', label: t('protection.attacks.host'), children: attack.host },
            { key: 'request', label: t('protection.attacks.request'), children: <Typography.Text code data-testid="attack-request">{`${attack.method} ${attack.path}${attack.query ? `?${attack.query}` : ''}`}</Typography.Text> },
            ...(attack.query && decodeQuery(attack.query) !== attack.query ? [{ key: 'decoded', label: t('protection.attacks.decoded'), children: <Typography.Text code data-testid="attack-decoded">{`?${decodeQuery(attack.query)}`}</Typography.Text> }] : []),
            { key: 'ua', label: t('protection.attacks.userAgent'), children: attack.userAgent },
            { key: 'rules', label: t('protection.attacks.rules'), children: <Space size={2} wrap>{attack.rules.map((r) => <Tag key={r}>{r}</Tag>)}</Space> },
            { key: 'score', label: t('protection.attacks.score'), children: attack.score },
            { key: 'matched', label: t('protection.attacks.matchedData'), children: attack.matchedData && <Typography.Text code>{attack.matchedData}</Typography.Text> },
            { key: 'id', label: t('protection.attacks.requestId'), children: <Typography.Text code copyable>{attack.requestId}</Typography.Text> },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('protection.attacks.messages')}</Typography.Title>
          <List size="small" bordered dataSource={attack.messages} locale={{ emptyText: t('protection.attacks.noMessages') }} renderItem={(m) => <List.Item data-testid="attack-message">{m}</List.Item>} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('protection.attacks.event')}</Typography.Title>
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(attack.document, null, 2)}</pre>
          {excluding && <AddExclusion attack={attack} onClose={() => setExcluding(false)} />}
        </>
      )}
    </Drawer>
  );
}
