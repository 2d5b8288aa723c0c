import { Checkbox, Form, Input, InputNumber, Select, Switch, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.js';
import { alertsApi, CHANNEL_TYPES, type Channel } from './api.js';
import { channelDocument, channelForm, SIGNED_TYPES, type ChannelForm } from './channel-form.js';

const NAME = /^[\w.-]{1,64}$/;
const HTTP_URL = /^https?:\/\/\S+$/;

function TypeFields({ form, channel }: { form: FormInstance<ChannelForm>; channel?: Channel }) {
  const { t } = useTranslation();
  const type = Form.useWatch('type', form) ?? 'webhook';
  const required = { required: true, message: t('validation.required') };
  const sameType = channel !== undefined && channel.type === type;
  if (type === 'email') {
    return (
      <>
        <Form.Item name="host" label={t('alerts.channels.host')} rules={[required]}><Input /></Form.Item>
        <Form.Item name="port" label={t('alerts.channels.port')}><InputNumber min={1} max={65535} /></Form.Item>
        <Form.Item name="secure" valuePropName="checked"><Checkbox>{t('alerts.channels.secure')}</Checkbox></Form.Item>
        <Form.Item name="requireTls" valuePropName="checked"><Checkbox>{t('alerts.channels.requireTls')}</Checkbox></Form.Item>
        <Form.Item name="user" label={t('alerts.channels.user')}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="pass" label={t('alerts.channels.pass')} extra={channel?.passwordSet ? t('alerts.channels.keepSecret') : undefined}><Input.Password autoComplete="new-password" /></Form.Item>
        {channel?.passwordSet && <Form.Item name="clearPass" valuePropName="checked"><Checkbox>{t('alerts.channels.clearPass')}</Checkbox></Form.Item>}
        <Form.Item name="from" label={t('alerts.channels.from')} rules={[required]}><Input /></Form.Item>
        <Form.Item name="to" label={t('alerts.channels.to')} rules={[required]} extra={t('alerts.channels.toHelp')}><Select mode="tags" tokenSeparators={[',', ' ']} open={false} /></Form.Item>
      </>
    );
  }
  return (
    <>
      <Form.Item
        name="url"
        label={t('alerts.channels.url')}
        rules={[...(sameType ? [] : [required]), { pattern: HTTP_URL, message: t('alerts.channels.urlHelp') }]}
        extra={sameType ? t('alerts.channels.keepUrl', { hint: channel.urlHint ?? '' }) : t(`alerts.channels.urlExample.${type}`)}
      >
        <Input.Password visibilityToggle autoComplete="off" data-testid="channel-url" />
      </Form.Item>
      {SIGNED_TYPES.has(type) && (
        <>
          <Form.Item name="secret" label={t('alerts.channels.secret')} extra={sameType && channel.secretSet ? t('alerts.channels.keepSecret') : t(`alerts.channels.secretHelp.${type}`)}><Input.Password autoComplete="new-password" /></Form.Item>
          {sameType && channel.secretSet && <Form.Item name="clearSecret" valuePropName="checked"><Checkbox>{t('alerts.channels.clearSecret')}</Checkbox></Form.Item>}
        </>
      )}
      {type === 'webhook' && (
        <Form.Item name="headers" label={t('alerts.channels.headers')} extra={sameType && channel.headerNames.length ? t('alerts.channels.keepHeaders', { names: channel.headerNames.join(', ') }) : t('alerts.channels.headersHelp')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
    </>
  );
}

/** Creates or edits a channel; type-specific fields; secrets are write-only (empty keeps them). */
export function ChannelEditor({ channel, open, readOnly, onClose, onSaved }: { channel?: Channel; open: boolean; readOnly?: boolean; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation();
  return (
    <FormModal<ChannelForm>
      open={open}
      width={640}
      title={channel ? t(readOnly ? 'alerts.channels.viewTitle' : 'alerts.channels.editTitle', { name: channel.name }) : t('alerts.channels.create')}
      okText={channel ? t('common.save') : t('common.create')}
      initialValues={channel ? channelForm(channel) : { type: 'webhook', enabled: true }}
      testId="channel-editor"
      readOnly={readOnly ?? false}
      onClose={onClose}
      onSubmit={async (v) => {
        const doc = channelDocument(v);
        if (channel) await alertsApi.updateChannel(channel.channelId, doc, v.enabled);
        else await alertsApi.createChannel(doc, v.enabled);
        await onSaved();
      }}
    >
      {(form) => (
        <>
          <Form.Item name="type" label={t('alerts.channels.type')}>
            <Select options={CHANNEL_TYPES.map((c) => ({ value: c, label: t(`alerts.channels.types.${c}`) }))} data-testid="channel-type" />
          </Form.Item>
          <Form.Item name="name" label={t('alerts.channels.name')} rules={[{ required: true, message: t('validation.required') }, { pattern: NAME, message: t('alerts.channels.nameHelp') }]}><Input data-testid="channel-name" /></Form.Item>
          <Form.Item name="enabled" label={t('alerts.channels.enabled')} valuePropName="checked"><Switch /></Form.Item>
          <TypeFields form={form} channel={channel} />
        </>
      )}
    </FormModal>
  );
}
