/** The four roles of the hall (domain brief §2). */
export const ROLES = ['operator', 'leader', 'archivist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  operator: '接待员',
  leader: '接访领导',
  archivist: '档案员',
  admin: '管理员',
};
