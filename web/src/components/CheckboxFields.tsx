import { Checkbox, Form } from 'antd';
import { useTranslation } from 'react-i18next';

/** One checkbox per boolean setting, labelled from `<prefix>.<name>`. */
export function CheckboxFields({ names, prefix }: { names: readonly string[]; prefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      {names.map((name) => (
        <Form.Item key={name} name={name} valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t(`${prefix}.${name}`)}</Checkbox>
        </Form.Item>
      ))}
    </>
  );
}
