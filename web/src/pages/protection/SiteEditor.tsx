import { Alert, Button, Card, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApplyDiff } from './ApplyDiff.js';
import { Certificates } from './Certificates.js';
import { EMPTY_SITE, FormMappingError, toDocument, toForm, type SiteDocument, type SiteForm } from './site-form.js';
import { putSite, SITES_KEY, type SiteView } from './sites-api.js';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const ORIGIN = /^https?:\/\/[^/\s]+\/?$/;
const HOST = /^(\*|\*\.[A-Za-z0-9.-]+|[A-Za-z0-9.-]+|\[[0-9a-fA-F:.]+\])$/;
const ADDRESS = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;
const DURATION = /^\d+(ms|s|m|h)?$/;
const RULE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Examples in placeholders: values, not text (the same in every language). */
const EXAMPLES = { origin: 'http://127.0.0.1:8001', crs: '/usr/share/modsecurity-crs', exclusion: '942100 / attack-sqli', conditions: '{"header":[{"name":"X-Debug","present":true}]}' };
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function Section({ title, help, children, testId }: { title: string; help?: string; children: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid={testId}>
      {help && <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{help}</Typography.Paragraph>}
      {children}
    </Card>
  );
}

/** Create or edit a managed site: every section of the gateway's site schema the console knows; saving shows the diff first. */
export function SiteEditor({ site, open, readOnly = false, onClose }: { site: SiteView | undefined; open: boolean; readOnly?: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<SiteForm>();
  const [pending, setPending] = useState<SiteDocument>();
  const original = site?.site ?? EMPTY_SITE;
  const required = { required: true, message: t('validation.required') };
  const pattern = (re: RegExp, key: string) => ({ pattern: re, message: t(`protection.validation.${key}`) });
  const each = (re: RegExp, key: string) => ({
    validator: async (_: unknown, values: string[] | undefined) => {
      const bad = (values ?? []).find((v) => !re.test(v));
      if (bad !== undefined) throw new Error(t(`protection.validation.${key}`, { value: bad }));
    },
  });

  const review = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    // every value of the form, also those of sections that are hidden (a disabled health check)
    const values = form.getFieldsValue(true) as SiteForm;
    try {
      setPending(toDocument(values, site ? original : {}));
    } catch (e) {
      if (e instanceof FormMappingError) form.setFields([{ name: e.field as ['rules', number, 'more'], errors: [t('protection.validation.json')] }]);
      else throw e;
    }
  };

  return (
    <Drawer
      open={open}
      size={960}
      title={site ? t(readOnly ? 'protection.sites.viewTitle' : 'protection.sites.editTitle', { name: site.name }) : t('protection.sites.createTitle')}
      onClose={onClose}
      destroyOnHidden
      extra={!readOnly && <Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" onClick={() => void review()} data-testid="site-review">{t('protection.sites.review')}</Button></Space>}
      data-testid="site-editor"
    >
      <Form form={form} layout="vertical" initialValues={toForm(original)} requiredMark="optional" disabled={readOnly}>
        <Section title={t('protection.sites.sections.basics')}>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="name" label={t('protection.sites.name')} rules={[required, pattern(NAME, 'name')]}>
                <Input disabled={!!site} data-testid="site-name" />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="hosts" label={t('protection.sites.hosts')} extra={t('protection.sites.hostsHelp')} rules={[each(HOST, 'host')]}>
                <Select mode="tags" tokenSeparators={[',', ' ']} open={false} data-testid="site-hosts" />
              </Form.Item>
            </Col>
          </Row>
        </Section>

        <Section title={t('protection.sites.sections.upstreams')} help={t('protection.sites.upstreamsHelp')} testId="section-upstreams">
          <Form.List name="upstreams" rules={[{ validator: async (_, v: unknown[]) => { if (!v || v.length === 0) throw new Error(t('protection.validation.upstreams')); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'url']} rules={[required, pattern(ORIGIN, 'origin')]} style={{ width: 420 }}>
                      <Input placeholder={EXAMPLES.origin} data-testid={`upstream-${f.name}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'weight']}>
                      <InputNumber min={1} max={1000} placeholder={t('protection.sites.weight')} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>{t('protection.sites.remove')}</Button>
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                <Button onClick={() => add({ url: '' })} data-testid="add-upstream">{t('protection.sites.addUpstream')}</Button>
              </>
            )}
          </Form.List>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col span={8}>
              <Form.Item name="balance" label={t('protection.sites.balance')}>
                <Select options={(['round_robin', 'least_conn', 'weighted'] as const).map((b) => ({ value: b, label: t(`protection.sites.balances.${b}`) }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name={['healthCheck', 'enabled']} label={t('protection.sites.healthCheck')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item noStyle dependencies={[['healthCheck', 'enabled']]}>
            {({ getFieldValue }) => getFieldValue(['healthCheck', 'enabled']) === true && (
              <Row gutter={16}>
                <Col span={6}><Form.Item name={['healthCheck', 'path']} label={t('protection.sites.hcPath')} rules={[required, pattern(/^\//, 'path')]}><Input /></Form.Item></Col>
                <Col span={5}><Form.Item name={['healthCheck', 'interval']} label={t('protection.sites.hcInterval')} rules={[required, pattern(DURATION, 'duration')]}><Input /></Form.Item></Col>
                <Col span={5}><Form.Item name={['healthCheck', 'timeout']} label={t('protection.sites.hcTimeout')} rules={[required, pattern(DURATION, 'duration')]}><Input /></Form.Item></Col>
                <Col span={4}><Form.Item name={['healthCheck', 'unhealthyThreshold']} label={t('protection.sites.hcUnhealthy')}><InputNumber min={1} /></Form.Item></Col>
                <Col span={4}><Form.Item name={['healthCheck', 'healthyThreshold']} label={t('protection.sites.hcHealthy')}><InputNumber min={1} /></Form.Item></Col>
              </Row>
            )}
          </Form.Item>
        </Section>

        <Section title={t('protection.sites.sections.waf')} help={t('protection.sites.wafHelp')} testId="section-waf">
          <Row gutter={16}>
            <Col span={10}>
              <Form.Item name={['waf', 'mode']} label={t('protection.sites.wafMode')}>
                <Radio.Group optionType="button" options={(['block', 'detect', 'off'] as const).map((m) => ({ value: m, label: t(`protection.wafModes.${m}`) }))} data-testid="waf-mode" />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name={['waf', 'paranoia']} label={t('protection.sites.paranoia')} tooltip={t('protection.sites.paranoiaHelp')}>
                <Select options={[1, 2, 3, 4].map((p) => ({ value: p, label: `PL${p}` }))} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name={['waf', 'inbound']} label={t('protection.sites.inbound')} rules={[required]}><InputNumber min={1} /></Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name={['waf', 'outbound']} label={t('protection.sites.outbound')} rules={[required]}><InputNumber min={1} /></Form.Item>
            </Col>
          </Row>
          <Form.Item name={['waf', 'crs']} label={t('protection.sites.crs')} extra={t('protection.sites.crsHelp')}>
            <Input placeholder={EXAMPLES.crs} />
          </Form.Item>
          <Typography.Text strong>{t('protection.sites.exclusions')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('protection.sites.exclusionsHelp')}</Typography.Paragraph>
          <Form.List name={['waf', 'exclusions']}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }} data-testid={`exclusion-${f.name}`}>
                    <Form.Item name={[f.name, 'kind']}>
                      <Select style={{ width: 110 }} options={[{ value: 'id', label: t('protection.sites.byId') }, { value: 'tag', label: t('protection.sites.byTag') }]} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'value']} rules={[required]}>
                      <Input style={{ width: 170 }} placeholder={EXAMPLES.exclusion} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'target']}>
                      <Input style={{ width: 170 }} placeholder={t('protection.sites.targetPlaceholder')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'path']} rules={[pattern(/^\/[^\s"',\\]*$/, 'exclusionPath')]}>
                      <Input style={{ width: 190 }} placeholder={t('protection.sites.pathPlaceholder')} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>{t('protection.sites.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ kind: 'id', value: '' })} style={{ marginBottom: 16 }}>{t('protection.sites.addExclusion')}</Button>
              </>
            )}
          </Form.List>
          <Form.Item name={['waf', 'rules']} label={t('protection.sites.customRules')} extra={t('protection.sites.customRulesHelp')}>
            <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} data-testid="waf-rules" />
          </Form.Item>
        </Section>

        <Section title={t('protection.sites.sections.rules')} help={t('protection.sites.rulesHelp')} testId="section-rules">
          <Form.List name="rules">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card key={f.key} size="small" type="inner" style={{ marginBottom: 12 }} extra={<Button size="small" onClick={() => remove(f.name)}>{t('protection.sites.remove')}</Button>}>
                    <Row gutter={12}>
                      <Col span={6}><Form.Item name={[f.name, 'id']} label={t('protection.sites.ruleId')} rules={[required, pattern(RULE_ID, 'ruleId')]}><Input /></Form.Item></Col>
                      <Col span={6}>
                        <Form.Item name={[f.name, 'action']} label={t('protection.sites.ruleAction')}>
                          <Select options={(['block', 'allow', 'log'] as const).map((a) => ({ value: a, label: t(`protection.ruleActions.${a}`) }))} />
                        </Form.Item>
                      </Col>
                      <Col span={6}><Form.Item name={[f.name, 'priority']} label={t('protection.sites.priority')}><InputNumber /></Form.Item></Col>
                      <Col span={6}><Form.Item name={[f.name, 'status']} label={t('protection.sites.status')}><InputNumber min={400} max={599} /></Form.Item></Col>
                      <Col span={8}><Form.Item name={[f.name, 'methods']} label={t('protection.sites.methods')}><Select mode="multiple" options={METHODS.map((m) => ({ value: m, label: m }))} /></Form.Item></Col>
                      <Col span={6}>
                        <Form.Item name={[f.name, 'pathKind']} label={t('protection.sites.pathMatch')}>
                          <Select allowClear options={(['equals', 'prefix', 'contains', 'regex'] as const).map((k) => ({ value: k, label: t(`protection.matchKinds.${k}`) }))} />
                        </Form.Item>
                      </Col>
                      <Col span={10}><Form.Item name={[f.name, 'pathValue']} label={t('protection.sites.pathValue')}><Input /></Form.Item></Col>
                      <Col span={24}><Form.Item name={[f.name, 'ip']} label={t('protection.sites.ruleIps')} rules={[each(ADDRESS, 'cidr')]}><Select mode="tags" open={false} tokenSeparators={[',', ' ']} /></Form.Item></Col>
                      <Col span={24}>
                        <Form.Item name={[f.name, 'more']} label={t('protection.sites.moreConditions')} extra={t('protection.sites.moreConditionsHelp')}>
                          <Input.TextArea rows={2} style={{ fontFamily: 'monospace' }} placeholder={EXAMPLES.conditions} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                ))}
                <Button onClick={() => add({ id: '', priority: 100, action: 'block', status: 403, methods: [], ip: [], more: '' })}>{t('protection.sites.addRule')}</Button>
              </>
            )}
          </Form.List>
        </Section>

        <Section title={t('protection.sites.sections.ip')} help={t('protection.sites.ipHelp')} testId="section-ip">
          <Row gutter={16}>
            <Col span={12}><Form.Item name={['acl', 'allow']} label={t('protection.sites.allow')} rules={[each(ADDRESS, 'cidr')]}><Select mode="tags" open={false} tokenSeparators={[',', ' ']} data-testid="acl-allow" /></Form.Item></Col>
            <Col span={12}><Form.Item name={['acl', 'deny']} label={t('protection.sites.deny')} rules={[each(ADDRESS, 'cidr')]}><Select mode="tags" open={false} tokenSeparators={[',', ' ']} data-testid="acl-deny" /></Form.Item></Col>
          </Row>
        </Section>

        <Section title={t('protection.sites.sections.rateLimits')} help={t('protection.sites.rateLimitsHelp')} testId="section-rate">
          <Form.List name="rateLimits">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'id']} rules={[pattern(RULE_ID, 'ruleId')]}><Input style={{ width: 110 }} placeholder={t('protection.sites.ruleId')} /></Form.Item>
                    <Form.Item name={[f.name, 'key']}>
                      <Select style={{ width: 150 }} options={(['ip', 'ip_path', 'header'] as const).map((k) => ({ value: k, label: t(`protection.rateKeys.${k}`) }))} />
                    </Form.Item>
                    <Form.Item noStyle dependencies={[['rateLimits', f.name, 'key']]}>
                      {({ getFieldValue }) => getFieldValue(['rateLimits', f.name, 'key']) === 'header' && (
                        <Form.Item name={[f.name, 'header']} rules={[required]}><Input style={{ width: 130 }} placeholder={t('protection.sites.header')} /></Form.Item>
                      )}
                    </Form.Item>
                    <Form.Item name={[f.name, 'pathPrefix']} rules={[pattern(/^\//, 'path')]}><Input style={{ width: 130 }} placeholder={t('protection.sites.pathPrefix')} /></Form.Item>
                    <Form.Item name={[f.name, 'limit']} rules={[required]}><InputNumber min={1} max={1_000_000} placeholder={t('protection.sites.limit')} /></Form.Item>
                    <Form.Item name={[f.name, 'window']} rules={[required, pattern(DURATION, 'duration')]}><Input style={{ width: 90 }} placeholder={t('protection.sites.window')} /></Form.Item>
                    <Form.Item name={[f.name, 'block']} rules={[pattern(DURATION, 'duration')]}><Input style={{ width: 90 }} placeholder={t('protection.sites.blockFor')} /></Form.Item>
                    <Button onClick={() => remove(f.name)}>{t('protection.sites.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ key: 'ip', limit: 100, window: '1m', block: '0' })}>{t('protection.sites.addRateLimit')}</Button>
              </>
            )}
          </Form.List>
        </Section>

        <Section title={t('protection.sites.sections.dlp')} help={t('protection.sites.dlpHelp')} testId="section-dlp">
          <Row gutter={16}>
            <Col span={6}><Form.Item name={['dlp', 'enabled']} label={t('protection.sites.dlpEnabled')} valuePropName="checked"><Switch data-testid="dlp-enabled" /></Form.Item></Col>
            <Col span={6}>
              <Form.Item name={['dlp', 'action']} label={t('protection.sites.dlpAction')}>
                <Select options={(['mask', 'block', 'log'] as const).map((a) => ({ value: a, label: t(`protection.dlpActions.${a}`) }))} />
              </Form.Item>
            </Col>
            <Col span={6}><Form.Item name={['dlp', 'bulkThreshold']} label={t('protection.sites.bulkThreshold')}><InputNumber min={1} /></Form.Item></Col>
            <Col span={24}><Form.Item name={['dlp', 'exceptions']} label={t('protection.sites.dlpExceptions')} rules={[each(/^\/[^*\s]*\*?$/, 'dlpException')]}><Select mode="tags" open={false} tokenSeparators={[',', ' ']} /></Form.Item></Col>
          </Row>
        </Section>

        <Section title={t('protection.sites.sections.tls')} testId="section-tls">
          <Certificates site={original} />
        </Section>
        {site && <Alert type="info" showIcon title={t('protection.sites.keptSettings')} />}
      </Form>
      {pending && (
        <ApplyDiff
          open
          before={site ? original : undefined}
          after={pending}
          onClose={() => setPending(undefined)}
          onApply={async () => {
            await putSite(pending);
            await qc.invalidateQueries({ queryKey: SITES_KEY });
            setPending(undefined);
            onClose();
          }}
        />
      )}
    </Drawer>
  );
}
