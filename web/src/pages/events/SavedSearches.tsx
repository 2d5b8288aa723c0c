import { Button, Form, Input, Select, Space } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session.js';
import { ConfirmByName } from '../../components/ConfirmByName.js';
import { FormModal } from '../../components/FormModal.js';
import { eventsApi, type SavedSearch } from './api.js';
import type { SearchState } from './search-state.js';

interface Props {
  state: SearchState;
  /** the saved search last loaded or saved (preselected in the menu and the save dialog) */
  current?: string;
  onLoad: (search: SavedSearch) => void;
  onSaved: (name: string) => void;
  onDeleted: () => void;
}

/** Load, save (create or replace by name) and delete the account's saved searches. */
export function SavedSearches({ state, current, onLoad, onSaved, onDeleted }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const can = useCan();
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const list = useQuery({ queryKey: ['saved-searches'], queryFn: eventsApi.savedList });
  const searches = list.data?.searches ?? [];
  return (
    <Space wrap>
      <Select
        style={{ width: 240 }}
        placeholder={t('events.saved.load')}
        aria-label={t('events.saved.load')}
        data-testid="saved-select"
        value={current && searches.some((s) => s.name === current) ? current : undefined}
        loading={list.isLoading}
        notFoundContent={t('events.saved.none')}
        options={searches.map((s) => ({ value: s.name, label: s.name, title: s.query }))}
        onChange={(name: string) => {
          const s = searches.find((x) => x.name === name);
          if (s) onLoad(s);
        }}
      />
      {can('bulwark:PutSavedSearch') && <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="saved-save">{t('events.saved.save')}</Button>}
      {can('bulwark:DeleteSavedSearch') && <Button icon={<DeleteOutlined />} danger disabled={!current || !searches.some((s) => s.name === current)} onClick={() => setDeleting(true)} data-testid="saved-delete">{t('common.delete')}</Button>}
      <FormModal<{ name: string }> open={saving} title={t('events.saved.saveTitle')} initialValues={{ name: current ?? '' }} testId="saved-modal" onClose={() => setSaving(false)} onSubmit={async (v) => {
        await eventsApi.savedPut({ name: v.name.trim(), query: state.query, from: state.from, to: state.to, columns: state.columns });
        await qc.invalidateQueries({ queryKey: ['saved-searches'] });
        onSaved(v.name.trim());
      }}>
        <Form.Item name="name" label={t('events.saved.name')} extra={t('events.saved.replaceHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 128, message: t('validation.maxLength', { n: 128 }) }]}>
          <Input data-testid="saved-name" />
        </Form.Item>
      </FormModal>
      {current && (
        <ConfirmByName open={deleting} name={current} title={t('events.saved.deleteTitle')} onClose={() => setDeleting(false)} onConfirm={async () => {
          await eventsApi.savedDelete(current);
          await qc.invalidateQueries({ queryKey: ['saved-searches'] });
          onDeleted();
        }} />
      )}
    </Space>
  );
}
