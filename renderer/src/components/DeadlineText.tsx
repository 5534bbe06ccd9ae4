import { Tooltip, Typography } from 'antd';
import { daysLeftLabel } from '../../../shared/domain/deadlines';

/**
 * A deadline with the days left (red once overdue; no count once the case is answered) and,
 * on hover, how it was counted: calendar or working days, rolled past a holiday, extended.
 */
export function DeadlineText({
  on,
  daysLeft,
  basis,
  stacked = false,
}: {
  on: string;
  daysLeft: number | null;
  basis?: string;
  /** The days left on a line of their own, for a narrow table column (the ledger at 1366 px). */
  stacked?: boolean;
}) {
  const date = basis ? (
    <Tooltip title={basis}>
      <span style={{ borderBottom: '1px dotted #999', cursor: 'help' }}>{on}</span>
    </Tooltip>
  ) : (
    on
  );
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {date}
      {stacked && daysLeft !== null && <br />}
      {daysLeft !== null && (
        <Typography.Text type={daysLeft < 0 ? 'danger' : 'secondary'}>（{daysLeftLabel(daysLeft)}）</Typography.Text>
      )}
    </span>
  );
}
