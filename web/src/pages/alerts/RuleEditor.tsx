import { Alert as Notice, Form, Input, InputNumber, Segmented, Select, Switch, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.js';
import { alertsApi, type Rule } from './api.js';
import { definitionOf, EMPTY_RULE, formOf, type RuleForm } from './rule-form.js';
import { SigmaEditor } from './SigmaEditor.js';

const INTERVAL = /^\d+[smhd]$/;

function KindFields({ form }: { form: FormInstance<RuleForm> }) {
  const { t } = useTranslation();
  const kind = Form.useWatch('kind', form) ?? 'threshold';
  const required = { required: true, message: t('validation.required') };
  const interval = { pattern: INTERVAL, message: t('alerts.rules.intervalHelp') };
  if (kind === 'sigma') {
    return (
      <Form.Item name="yaml" label={t('alerts.rules.sigmaYaml')} rules={[required]} extra={t('alerts.sigma.help')}>
        <SigmaEditor onTitle={(title) => { if (!form.getFieldValue('name')) form.setFieldValue('name', title); }} />
      </Form.Item>
    );
  }
  return (
    <>
      <Form.Item name="query" label={t('alerts.rules.query')} extra={t('alerts.rules.queryHelp')}><Input.TextArea rows={2} data-testid="rule-query" style={{ fontFamily: 'ui-monospace, monospace' }} /></Form.Item>
      {kind === 'new_value' && <Form.Item name="field" label={t('alerts.rules.field')} rules={[required]} extra={t('alerts.rules.fieldHelp')}><Input data-testid="rule-field" /></Form.Item>}
      <Form.Item name="groupBy" label={t('alerts.rules.groupBy')} extra={t('alerts.rules.groupByHelp')}><Select mode="tags" tokenSeparators={[',', ' ']} open={false} data-testid="rule-group-by" /></Form.Item>
      {kind === 'threshold' && (
        <>
          <Form.Item name="threshold" label={t('alerts.rules.threshold')} rules={[required]}><InputNumber min={1} data-testid="rule-threshold" /></Form.Item>
          <Form.Item name="window" label={t('alerts.rules.window')} rules={[required, interval]}><Input style={{ width: 120 }} data-testid="rule-window" /></Form.Item>
        </>
      )}
      {kind === 'new_value' && <Form.Item name="learn" label={t('alerts.rules.learn')} rules={[required, interval]} extra={t('alerts.rules.learnHelp')}><Input style={{ width: 120 }} /></Form.Item>}
    </>
  );
}

/** Creates or edits a rule: threshold and new-value rules with form fields, Sigma rules as YAML. */
export function RuleEditor({ rule, open, readOnly, onClose, onSaved }: { rule?: Rule; open: boolean; readOnly?: boolean; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation();
  return (
    <FormModal<RuleForm>
      open={open}
      width={820}
      title={rule ? t(readOnly ? 'alerts.rules.viewTitle' : 'alerts.rules.editTitle', { name: rule.name }) : t('alerts.rules.create')}
      okText={rule ? t('common.save') : t('common.create')}
      initialValues={rule ? formOf(rule) : EMPTY_RULE}
      testId="rule-editor"
      readOnly={readOnly ?? false}
      onClose={onClose}
      onSubmit={async (v) => {
        const body = { name: v.name, definition: definitionOf(v), enabled: v.enabled, ...(v.severity !== undefined && v.severity !== null ? { severity: v.severity } : {}) };
        if (rule) await alertsApi.updateRule(rule.id, body);
        else await alertsApi.createRule(body);
        await onSaved();
      }}
    >
      {(form) => (
        <>
          <Form.Item name="kind" label={t('alerts.rules.kind')}>
            <Segmented options={(['threshold', 'new_value', 'sigma'] as const).map((k) => ({ value: k, label: t(`alerts.kinds.${k}`) }))} data-testid="rule-kind" />
          </Form.Item>
          {rule && !readOnly && <Notice type="info" showIcon title={t('alerts.rules.restartNote')} style={{ marginBottom: 12 }} />}
          <Form.Item name="name" label={t('alerts.rules.name')} rules={[{ required: true, message: t('validation.required') }, { max: 256, message: t('validation.maxLength', { n: 256 }) }]}><Input data-testid="rule-name" /></Form.Item>
          <Form.Item name="severity" label={t('alerts.rules.severity')} extra={t('alerts.rules.severityHelp')}><InputNumber min={0} max={100} /></Form.Item>
          <Form.Item name="enabled" label={t('alerts.rules.enabled')} valuePropName="checked"><Switch /></Form.Item>
          <KindFields form={form} />
        </>
      )}
    </FormModal>
  );
}
