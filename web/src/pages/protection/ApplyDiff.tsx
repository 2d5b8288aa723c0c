import { Alert, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { changedPaths, diffLines, documentLines, withContext } from './site-diff.js';
import type { SiteDocument } from './site-form.js';

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'blue' } as const;
const LINE_STYLE = { same: {}, added: { background: '#e6ffed', color: '#135200' }, removed: { background: '#ffeef0', color: '#a8071a' } } as const;
const LINE_MARK = { same: ' ', added: '+', removed: '-' } as const;

interface Props {
  open: boolean;
  /** the stored document; undefined for a new site */
  before: SiteDocument | undefined;
  after: SiteDocument;
  onApply: () => Promise<unknown>;
  onClose: () => void;
}

/** "Apply shows what changed": the settings that differ and a line diff of the documents, applied only on confirmation. */
export function ApplyDiff({ open, before, after, onApply, onClose }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field?: string | undefined }>();
  const changes = changedPaths(before ?? {}, after);
  const lines = withContext(diffLines(documentLines(before), documentLines(after)), 4);
  const close = () => {
    setError(undefined);
    onClose();
  };
  return (
    <Modal
      open={open}
      width={860}
      title={before ? t('protection.diff.titleUpdate', { name: String(after.name ?? '') }) : t('protection.diff.titleCreate', { name: String(after.name ?? '') })}
      okText={t('protection.diff.apply')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: changes.length === 0, loading: busy, 'data-testid': 'apply-confirm' }}
      onCancel={close}
      onOk={async () => {
        setBusy(true);
        setError(undefined);
        try {
          await onApply();
          close();
        } catch (e) {
          setError({ text: errorText(t, e), field: e instanceof ApiError ? e.field : undefined });
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
      data-testid="site-diff"
    >
      {error && <Alert type="error" showIcon title={error.text} description={error.field ? t('protection.diff.field', { field: error.field }) : undefined} style={{ marginBottom: 12 }} data-testid="apply-error" />}
      {changes.length === 0 ? (
        <Alert type="info" showIcon title={t('protection.diff.nothing')} />
      ) : (
        <>
          <Typography.Paragraph>{t('protection.diff.summary', { count: changes.length })}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="path"
            pagination={false}
            scroll={{ y: 220 }}
            dataSource={changes}
            data-testid="diff-changes"
            columns={[
              { title: t('protection.diff.setting'), dataIndex: 'path', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
              { title: t('protection.diff.change'), dataIndex: 'kind', width: 110, render: (k: 'added' | 'removed' | 'changed') => <Tag color={KIND_COLOR[k]}>{t(`protection.diff.kinds.${k}`)}</Tag> },
              { title: t('protection.diff.before'), dataIndex: 'before', render: (v?: string) => v && <Typography.Text delete type="secondary">{v}</Typography.Text> },
              { title: t('protection.diff.after'), dataIndex: 'after', render: (v?: string) => v && <Typography.Text strong>{v}</Typography.Text> },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('protection.diff.document')}</Typography.Title>
          <pre data-testid="diff-lines" style={{ maxHeight: 320, overflow: 'auto', fontSize: 12, margin: 0, border: '1px solid #f0f0f0', borderRadius: 6 }}>
            {lines.map((l, i) => (l === null ? (
              <div key={i} style={{ color: '#999', padding: '0 8px' }}>⋯</div>
            ) : (
              <div key={i} className={`diff-${l.kind}`} style={{ ...LINE_STYLE[l.kind], padding: '0 8px', whiteSpace: 'pre-wrap' }}>{`${LINE_MARK[l.kind]} ${l.text}`}</div>
            )))}
          </pre>
        </>
      )}
    </Modal>
  );
}
