import { Alert, Button, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan, useReadOnly } from '../../auth/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Allowlist } from './Allowlist.js';
import { REPUTATION_WRITES } from './api.js';
import { BanModal } from './BanModal.js';
import { BlockLists } from './BlockLists.js';
import { Bouncers } from './Bouncers.js';
import { Decisions } from './Decisions.js';
import { Lookup } from './Lookup.js';
import { SettingsTab } from './SettingsTab.js';

const TABS = ['decisions', 'lookup', 'allowlist', 'settings', 'blockLists', 'bouncers'] as const;
type TabKey = (typeof TABS)[number];

/** Reputation & bans: active decisions, one address's score and evidence, allowlist, settings, block lists and CrowdSec bouncers. */
export function Reputation() {
  const { t } = useTranslation();
  const can = useCan();
  const readOnly = useReadOnly(...Object.values(REPUTATION_WRITES));
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.includes(params.get('tab') as TabKey) ? (params.get('tab') as TabKey) : 'decisions';
  const ip = params.get('ip') ?? '';
  const [banning, setBanning] = useState<{ ip?: string }>();
  const lookup = (value: string) => setParams(value ? { tab: 'lookup', ip: value } : { tab: 'lookup' });
  const banButton = (testId: string) => (can(REPUTATION_WRITES.ban) ? <Button type="primary" danger onClick={() => setBanning({})} data-testid={testId}>{t('reputation.ban.open')}</Button> : null);
  return (
    <>
      <PageHeader title={t('reputation.title')} description={t('reputation.description')} actions={banButton('ban-open')} />
      {readOnly && <Alert type="info" showIcon title={t('reputation.readOnly')} style={{ marginBottom: 16 }} data-testid="read-only" />}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'decisions', label: t('reputation.tabs.decisions'), children: <Decisions onLookup={lookup} banButton={banButton('ban-open-empty')} /> },
          { key: 'lookup', label: t('reputation.tabs.lookup'), children: <Lookup ip={ip} onSearch={lookup} onBan={(v) => setBanning({ ip: v })} /> },
          { key: 'allowlist', label: t('reputation.tabs.allowlist'), children: <Allowlist /> },
          { key: 'settings', label: t('reputation.tabs.settings'), children: <SettingsTab /> },
          { key: 'blockLists', label: t('reputation.tabs.blockLists'), children: <BlockLists /> },
          ...(can(REPUTATION_WRITES.bouncer) ? [{ key: 'bouncers', label: t('reputation.tabs.bouncers'), children: <Bouncers /> }] : []),
        ]}
      />
      {banning && <BanModal open ip={banning.ip} onClose={() => setBanning(undefined)} />}
    </>
  );
}
