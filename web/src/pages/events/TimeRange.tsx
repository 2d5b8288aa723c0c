import { DatePicker, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { QUICK_RANGES } from './search-state.js';

interface Props {
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
}

/** Quick ranges relative to now, or an absolute range. */
export function TimeRange({ from, to, onChange }: Props) {
  const { t } = useTranslation();
  const quick = to === 'now' && (QUICK_RANGES as readonly string[]).includes(from) ? from : 'custom';
  const absolute = quick === 'custom' && !Number.isNaN(Date.parse(from)) ? [dayjs(from), to === 'now' ? dayjs() : dayjs(to)] as const : null;
  return (
    <Space.Compact>
      <Select
        style={{ width: 170 }}
        value={quick}
        aria-label={t('events.time.label')}
        data-testid="time-quick"
        options={[...QUICK_RANGES.map((r) => ({ value: r, label: t(`events.time.quick.${r.slice(1)}`) })), { value: 'custom', label: t('events.time.custom'), disabled: true }]}
        onChange={(v: string) => onChange(v, 'now')}
      />
      <DatePicker.RangePicker
        showTime
        value={absolute ? [absolute[0], absolute[1]] : null}
        aria-label={t('events.time.absolute')}
        onChange={(range) => {
          const [a, b] = range ?? [];
          if (a && b) onChange(a.toISOString(), b.toISOString());
        }}
      />
    </Space.Compact>
  );
}
