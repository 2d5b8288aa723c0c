import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** Title, one line on what the page is for, and the page's actions. */
export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} style={{ marginBottom: 16 }} wrap>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">{title}</Typography.Title>
        {description && <Typography.Text type="secondary">{description}</Typography.Text>}
      </div>
      <Flex gap={8}>{actions}</Flex>
    </Flex>
  );
}
