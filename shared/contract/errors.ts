/**
 * Stable error codes of the contract. The code is for programs; the message is Chinese and
 * fit to show a user as it is. Codes never change meaning once released.
 */
export const ERROR_MESSAGES = {
  BAD_INPUT: '输入的内容不正确，请检查标红的项目。',
  UNKNOWN_METHOD: '不支持的操作。',
  UNAUTHENTICATED: '请先登录。',
  FORBIDDEN: '当前账号无权进行此操作。',
  SESSION_LOCKED: '长时间未操作，已锁定，请重新输入密码。',
  PASSWORD_CHANGE_REQUIRED: '请先修改管理员为您设置的初始密码，修改后才能进行其他操作。',
  NOT_INITIALIZED: '系统尚未初始化，请先完成首次设置。',
  ALREADY_INITIALIZED: '系统已经初始化，不能重复设置。',
  WRONG_CREDENTIALS: '用户名或密码不正确。',
  ACCOUNT_LOCKED: '密码错误次数过多，请稍后再试。',
  NOT_FOUND: '没有找到相应的记录。',
  CONFLICT: '记录已被修改或与现有记录冲突，请刷新后重试。',
  RULE_VIOLATION: '不符合业务规则。',
  DATA_PROBLEM: '数据文件有问题。',
  DATABASE_NOT_EMPTY: '数据库中已有业务数据，此操作只能用于新的数据库。',
  DEVICE: '设备没有响应，请检查设备的连接和设置。',
  DISK_FULL: '磁盘空间不足，本次保存未完成，已保存的数据不受影响。',
  INTERNAL: '系统内部错误，请重试；如果问题持续，请联系管理员。',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

/** One field that failed validation: a dotted path into the input and a Chinese reason. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** Thrown by services and rules; the router turns it into `{ ok: false, error }`. */
export class HallError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldIssue[];

  constructor(code: ErrorCode, message?: string, fields?: FieldIssue[]) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'HallError';
    this.code = code;
    if (fields) this.fields = fields;
  }

  toBody(): ErrorBody {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}
