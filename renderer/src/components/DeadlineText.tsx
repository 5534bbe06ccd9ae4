import { Typography } from 'antd';
import { daysLeftLabel } from '../../../shared/domain/deadlines';

/** A deadline with the days left (red once overdue); no count once the case is answered. */
export function DeadlineText({ on, daysLeft }: { on: string; daysLeft: number | null }) {
  return (
    <span>
      {on}
      {daysLeft !== null && <Typography.Text type={daysLeft < 0 ? 'danger' : 'secondary'}>（{daysLeftLabel(daysLeft)}）</Typography.Text>}
    </span>
  );
}
