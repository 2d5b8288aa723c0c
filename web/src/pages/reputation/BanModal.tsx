import { Alert, App, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.js';
import { formatTime } from '../../components/time.js';
import { DECISIONS_KEY, reputationApi } from './api.js';
import { BAN_DEFAULTS, banBody, isTarget, type BanFormValues } from './decision-form.js';

/** Bans (or challenges, or logs) an address or range for a while, with a reason; applies at once everywhere. */
export function BanModal({ open, ip, onClose }: { open: boolean; ip?: string | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (
    <FormModal<BanFormValues>
      open={open}
      title={t('reputation.ban.title')}
      okText={t('reputation.ban.submit')}
      initialValues={{ ...BAN_DEFAULTS, ip: ip ?? '' }}
      testId="ban-modal"
      onClose={onClose}
      onSubmit={async (v) => {
        const body = banBody(v);
        const r = await reputationApi.ban(body);
        await qc.invalidateQueries({ queryKey: DECISIONS_KEY });
        await qc.invalidateQueries({ queryKey: ['reputation', 'lookup'] });
        if (r.decision) void message.success(t('reputation.ban.done', { target: r.decision.value, until: formatTime(r.decision.until, i18n.language) }));
        else void message.info(t('reputation.ban.notCreated', { target: body.ip }));
      }}
    >
      <Alert type="warning" showIcon title={t('reputation.ban.intro')} style={{ marginBottom: 16 }} />
      <Form.Item name="ip" label={t('reputation.ban.ip')} extra={t('reputation.ban.ipHelp')} rules={[{ required: true, message: t('validation.required') }, { validator: async (_, v: string) => { if (v && !isTarget(v)) throw new Error(t('reputation.ban.invalidIp')); } }]}>
        <Input placeholder="203.0.113.9" data-testid="ban-ip" autoFocus />
      </Form.Item>
      <Form.Item label={t('reputation.ban.duration')} required>
        <Space.Compact>
          <Form.Item name="amount" noStyle rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={1} max={8760} precision={0} data-testid="ban-amount" />
          </Form.Item>
          <Form.Item name="unit" noStyle>
            <Select style={{ width: 120 }} options={(['m', 'h'] as const).map((u) => ({ value: u, label: t(`reputation.ban.units.${u}`) }))} />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="type" label={t('reputation.ban.type')} extra={t('reputation.ban.typeHelp')}>
        <Radio.Group options={(['ban', 'challenge', 'log'] as const).map((a) => ({ value: a, label: t(`reputation.actions.${a}`) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('reputation.ban.reason')} extra={t('reputation.ban.reasonHelp')} rules={[{ max: 256, message: t('validation.maxLength', { n: 256 }) }]}>
        <Input data-testid="ban-reason" />
      </Form.Item>
    </FormModal>
  );
}
