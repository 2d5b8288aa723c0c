import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { AlertList } from './AlertList.js';
import { Channels } from './Channels.js';
import { Rules } from './Rules.js';

const TABS = ['alerts', 'rules', 'channels'] as const;

/** Security center → Alerts & rules: alerts (acknowledge, close, detail), rules (threshold, new value, Sigma), notification channels. */
export function Alerts() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'alerts';
  return (
    <>
      <PageHeader title={t('alerts.title')} description={t('alerts.description')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'alerts' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'alerts', label: t('alerts.tabs.alerts'), children: <AlertList /> },
          { key: 'rules', label: t('alerts.tabs.rules'), children: <Rules /> },
          { key: 'channels', label: t('alerts.tabs.channels'), children: <Channels /> },
        ]}
      />
    </>
  );
}
