import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Switch, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { useCan } from '../../auth/session.js';
import { QueryState } from '../../components/QueryState.js';
import type { PathChange } from '../protection/site-diff.js';
import { REPUTATION_WRITES, reputationApi, SETTINGS_KEY, useReputationSettings, type ReputationSettings } from './api.js';
import { DEFAULT_WEIGHTS, normalizeSettings, SCENARIOS, settingsChanges, SIGNAL_TYPES } from './settings-form.js';

type FormValues = Omit<ReputationSettings, 'crawlers'> & { crawlers: { enabled: boolean; suffixes: string } };

const toForm = (s: ReputationSettings): FormValues => ({ ...s, crawlers: { enabled: s.crawlers.enabled, suffixes: (s.crawlers.suffixes ?? []).join('\n') } });
const fromForm = (v: FormValues): ReputationSettings => normalizeSettings({ ...v, crawlers: { enabled: v.crawlers.enabled, suffixes: (v.crawlers.suffixes ?? '').split('\n') } });

/** Scoring, ban lengths, signal weights and scenarios; saved only after the changes are reviewed. */
export function SettingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const q = useReputationSettings();
  const [form] = Form.useForm<FormValues>();
  const [review, setReview] = useState<{ after: ReputationSettings; changes: PathChange[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field?: string | undefined }>();
  const writable = can(REPUTATION_WRITES.settings);
  const stored = q.data?.settings;
  const num = (name: (string | number)[], label: string, extra?: string, min = 0) => (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: t('validation.required') }]}>
      <InputNumber min={min} style={{ width: '100%' }} />
    </Form.Item>
  );
  const openReview = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v || !stored) return;
    const after = fromForm({ ...toForm(stored), ...v, crawlers: { ...toForm(stored).crawlers, ...v.crawlers } });
    setError(undefined);
    setReview({ after, changes: settingsChanges(stored, after) });
  };
  return (
    <QueryState loading={q.isLoading} error={q.error} retry={() => void q.refetch()}>
      {stored && (
        <>
          <Typography.Paragraph type="secondary">{t('reputation.settings.intro')}</Typography.Paragraph>
          <Form<FormValues> key={JSON.stringify(stored)} form={form} layout="vertical" initialValues={toForm(stored)} disabled={!writable} data-testid="settings-form">
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Card title={t('reputation.settings.scoring')} size="small" style={{ marginBottom: 16 }}>
                  {num(['halfLifeSeconds'], t('reputation.settings.halfLifeSeconds'), t('reputation.settings.halfLifeHelp'), 1)}
                  <Row gutter={12}>
                    <Col span={12}>{num(['banScore'], t('reputation.settings.banScore'))}</Col>
                    <Col span={12}>{num(['logScore'], t('reputation.settings.logScore'))}</Col>
                  </Row>
                </Card>
                <Card title={t('reputation.settings.bans')} size="small" style={{ marginBottom: 16 }}>
                  <Row gutter={12}>
                    <Col span={8}>{num(['banSeconds'], t('reputation.settings.banSeconds'), undefined, 1)}</Col>
                    <Col span={8}>{num(['repeatFactor'], t('reputation.settings.repeatFactor'), t('reputation.settings.repeatFactorHelp'), 1)}</Col>
                    <Col span={8}>{num(['maxBanSeconds'], t('reputation.settings.maxBanSeconds'), undefined, 1)}</Col>
                  </Row>
                  <Form.Item name={['crawlers', 'enabled']} valuePropName="checked" label={t('reputation.settings.crawlers')}>
                    <Switch />
                  </Form.Item>
                  <Form.Item name={['crawlers', 'suffixes']} label={t('reputation.settings.crawlerSuffixes')} extra={t('reputation.settings.crawlerSuffixesHelp')}>
                    <Input.TextArea rows={2} />
                  </Form.Item>
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t('reputation.settings.weights')} size="small" extra={<Typography.Text type="secondary">{t('reputation.settings.weightsHelp')}</Typography.Text>} style={{ marginBottom: 16 }}>
                  <Row gutter={12}>
                    {SIGNAL_TYPES.map((s) => (
                      <Col span={12} key={s}>
                        <Form.Item name={['weights', s]} label={t(`reputation.settings.signals.${s}`)}>
                          <InputNumber min={0} max={1000} placeholder={String(DEFAULT_WEIGHTS[s])} style={{ width: '100%' }} data-testid={`weight-${s}`} />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </Card>
                <Card title={t('reputation.settings.scenarios')} size="small" style={{ marginBottom: 16 }}>
                  {SCENARIOS.map((s) => (
                    <Row gutter={12} key={s} align="middle">
                      <Col span={8}><Typography.Text>{t(`reputation.settings.scenarioNames.${s}`)}</Typography.Text></Col>
                      <Col span={8}>{num(['scenarios', s, 'capacity'], t('reputation.settings.capacity'), undefined, 1)}</Col>
                      <Col span={8}>{num(['scenarios', s, 'leakSeconds'], t('reputation.settings.leakSeconds'), undefined, 1)}</Col>
                    </Row>
                  ))}
                </Card>
              </Col>
            </Row>
          </Form>
          {writable && (
            <Button type="primary" onClick={() => void openReview()} data-testid="settings-review">{t('reputation.settings.review')}</Button>
          )}
          {writable && <Button style={{ marginLeft: 8 }} onClick={() => form.resetFields()}>{t('reputation.settings.reset')}</Button>}
          <Modal
            open={!!review}
            width={760}
            title={t('reputation.settings.diffTitle')}
            okText={t('reputation.settings.apply')}
            cancelText={t('common.cancel')}
            okButtonProps={{ disabled: !review || review.changes.length === 0, loading: busy, 'data-testid': 'settings-apply' }}
            onCancel={() => setReview(undefined)}
            onOk={async () => {
              if (!review) return;
              setBusy(true);
              try {
                await reputationApi.setSettings(review.after);
                await qc.invalidateQueries({ queryKey: SETTINGS_KEY });
                setReview(undefined);
                void message.success(t('reputation.settings.applied'));
              } catch (e) {
                setError({ text: errorText(t, e), field: e instanceof ApiError ? e.field : undefined });
              } finally {
                setBusy(false);
              }
            }}
            destroyOnHidden
          >
            {error && <Alert type="error" showIcon title={error.text} description={error.field} style={{ marginBottom: 12 }} />}
            {review && review.changes.length === 0 ? (
              <Alert type="info" showIcon title={t('reputation.settings.nothing')} />
            ) : (
              <Table<PathChange>
                size="small"
                rowKey="path"
                pagination={false}
                dataSource={review?.changes ?? []}
                data-testid="settings-diff"
                columns={[
                  { title: t('reputation.settings.setting'), dataIndex: 'path', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                  { title: t('reputation.settings.before'), dataIndex: 'before', render: (v?: string) => <Typography.Text delete type="danger">{v ?? ''}</Typography.Text> },
                  { title: t('reputation.settings.after'), dataIndex: 'after', render: (v?: string) => <Typography.Text type="success">{v ?? ''}</Typography.Text> },
                ]}
              />
            )}
          </Modal>
        </>
      )}
    </QueryState>
  );
}
