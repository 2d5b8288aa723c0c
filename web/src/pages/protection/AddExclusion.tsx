import { Alert, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApplyDiff } from './ApplyDiff.js';
import { exclusionCandidates, type AttackRow } from './attack-query.js';
import { withExclusion, type SiteDocument } from './site-form.js';
import { putSite, SITES_KEY, useSites } from './sites-api.js';

interface Values {
  ruleId: number;
  scoped: boolean;
  path: string;
}

/** "Add exclusion" from an attack: a WAF exclusion for one of its rules (optionally only under its path) on its site, applied after the diff. */
export function AddExclusion({ attack, onClose }: { attack: AttackRow; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const sites = useSites();
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState<{ before: SiteDocument; after: SiteDocument }>();
  const candidates = exclusionCandidates(attack);
  const site = sites.data?.sites.find((s) => s.name === attack.site);
  const pathPrefix = attack.path || '/';
  return (
    <>
      <Modal
        open={!pending}
        title={t('protection.attacks.addExclusionTitle', { site: attack.site })}
        okText={t('protection.attacks.reviewExclusion')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !site || candidates.length === 0, 'data-testid': 'exclusion-review' }}
        onCancel={onClose}
        onOk={async () => {
          const v = await form.validateFields();
          if (!site) return;
          setPending({ before: site.site, after: withExclusion(site.site, v.ruleId, v.scoped ? v.path.trim() : undefined) });
        }}
        destroyOnHidden
        data-testid="add-exclusion"
      >
        {sites.data && !site && <Alert type="warning" showIcon title={t('protection.attacks.siteNotManaged', { site: attack.site })} style={{ marginBottom: 12 }} />}
        {candidates.length === 0 && <Alert type="info" showIcon title={t('protection.attacks.noWafRule')} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" initialValues={{ ruleId: candidates[0], scoped: true, path: pathPrefix }}>
          <Form.Item name="ruleId" label={t('protection.attacks.excludeRule')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select data-testid="exclusion-rule" options={candidates.map((id) => ({ value: id, label: attack.messages.find((m) => m.startsWith(`${id}:`)) ?? String(id) }))} />
          </Form.Item>
          <Form.Item name="scoped" valuePropName="checked">
            <Checkbox data-testid="exclusion-scoped">{t('protection.attacks.onlyPath')}</Checkbox>
          </Form.Item>
          <Form.Item noStyle dependencies={['scoped']}>
            {({ getFieldValue }) => getFieldValue('scoped') === true && (
              <Form.Item name="path" label={t('protection.attacks.pathPrefix')} extra={t('protection.attacks.pathPrefixHelp')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^\/[^\s"',\\]*$/, message: t('protection.validation.exclusionPath') }]}>
                <Input data-testid="exclusion-path" />
              </Form.Item>
            )}
          </Form.Item>
        </Form>
      </Modal>
      {pending && (
        <ApplyDiff
          open
          before={pending.before}
          after={pending.after}
          onClose={() => setPending(undefined)}
          onApply={async () => {
            await putSite(pending.after);
            await qc.invalidateQueries({ queryKey: SITES_KEY });
            onClose();
          }}
        />
      )}
    </>
  );
}
