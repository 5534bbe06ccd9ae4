import fs from 'node:fs';
import iconv from 'iconv-lite';
import koffi, { type LibraryHandle } from 'koffi';
import type { RawCard } from '../../../shared/domain/id-card';
import { type CardReader, deviceError, OneAtATime } from './reader';

/*
 * The vendor SDK driver: the CVR-style API that 华视 (Chinavision) CVR-100 readers ship as termb.dll
 * and that other vendors' termb-compatible libraries copy. Signatures as declared by the SDK's own
 * samples, e.g. github.com/JackQChen/QueueSystem QueueClient/QueueClient/CVRSDK.cs and
 * github.com/uuappli/HospitalSelfSystem AutoServiceSDK/SDK/CVR_IDENTITY_DLL.cs:
 *   int CVR_InitComm(int port)        1 opened, 2 the port failed, 3 the library's own load failed
 *   int CVR_Authenticate(void)        1 card found and selected, 2 no card, 3 select failed, 0 not opened
 *   int CVR_Read_Content(int active)  1 read, 0 failed, 99 reader fault
 *   int GetPeopleName(char *buf, int *len) and the other getters: 1 on success, GBK/GB18030 text
 * __stdcall on 32-bit Windows (koffi ignores the keyword where there is one convention). The
 * photo: these SDKs also offer GetBMPData(buf, len) and write zp.bmp beside themselves; this
 * driver reads text only (the keep-photo setting is not built yet, docs/devices.md).
 */

const GETTERS = {
  name: 'GetPeopleName',
  sex: 'GetPeopleSex',
  nation: 'GetPeopleNation',
  birthDate: 'GetPeopleBirthday',
  address: 'GetPeopleAddress',
  idNumber: 'GetPeopleIDCode',
  authority: 'GetDepartment',
  validFrom: 'GetStartDate',
  validTo: 'GetEndDate',
} as const satisfies Record<keyof RawCard, string>;

/** The ports 0 (auto) tries: the SDKs number USB readers 1001–1016. */
export const USB_PORTS = Array.from({ length: 16 }, (_, i) => 1001 + i);

/** A device call that takes longer than this has hung (a real read takes about a second). */
const CALL_TIMEOUT_MS = 8000;

/** What each SDK return code means to the operator. */
export const SDK_MESSAGES = {
  loadFailed: (file: string) =>
    `无法加载身份证阅读器动态库 ${file}：文件不存在、不完整或与本程序不匹配（32/64位）。请在 设置 › 单位 中检查“阅读器动态库路径”`,
  openFailed: (ports: string) =>
    `身份证阅读器打开失败（已尝试端口 ${ports}）：请检查阅读器是否已连接、驱动是否已安装、端口设置是否正确`,
  notOpened: '身份证阅读器未就绪：请重新插拔阅读器后再读卡',
  selectFailed: '选卡失败：请把身份证平放在阅读器感应区中央，再读卡',
  removed: '读卡中断：身份证在读取过程中被移开。请把身份证放稳，重新读卡',
  readFault: '阅读器读卡异常（代码 99）：请重新放卡；多次出现时请重新插拔阅读器',
  otherCode: (step: string, code: number) => `阅读器${step}返回错误代码 ${code}，请重新读卡或联系设备厂家`,
  hung: '身份证阅读器没有响应：请重新插拔阅读器；仍不行时重新启动本程序',
  fieldFailed: (field: string) => `读卡中断：${field}没有读出，身份证可能已被移开。请把身份证放稳，重新读卡`,
} as const;

type Fn = ReturnType<LibraryHandle['func']>;

interface Sdk {
  init: Fn;
  close: Fn;
  authenticate: Fn;
  readContent: Fn;
  getters: Record<keyof RawCard, Fn>;
}

function loadSdk(file: string): Sdk {
  if (!file || !fs.existsSync(file)) throw deviceError(SDK_MESSAGES.loadFailed(file || '（未设置）'));
  let lib: LibraryHandle;
  try {
    lib = koffi.load(file);
  } catch {
    throw deviceError(SDK_MESSAGES.loadFailed(file));
  }
  try {
    const getter = (name: string) => lib.func(`int __stdcall ${name}(_Out_ uint8_t *buf, _Inout_ int *len)`);
    return {
      init: lib.func('int __stdcall CVR_InitComm(int port)'),
      close: lib.func('int __stdcall CVR_CloseComm()'),
      authenticate: lib.func('int __stdcall CVR_Authenticate()'),
      readContent: lib.func('int __stdcall CVR_Read_Content(int active)'),
      getters: Object.fromEntries(Object.entries(GETTERS).map(([field, name]) => [field, getter(name)])) as Record<
        keyof RawCard,
        Fn
      >,
    };
  } catch {
    // A library without the CVR functions is some other vendor's: say which file, not koffi's words.
    throw deviceError(SDK_MESSAGES.loadFailed(file));
  }
}

/**
 * A call that may wait on the device runs on koffi's worker threads (`.async`), so the main
 * process (and with it the window and the other calls) never waits on the reader.
 */
function deviceCall(fn: Fn, ...args: unknown[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(deviceError(SDK_MESSAGES.hung)), CALL_TIMEOUT_MS);
    fn.async(...args, (error: unknown, result: number) => {
      clearTimeout(timer);
      if (error) reject(deviceError(SDK_MESSAGES.hung));
      else resolve(result);
    });
  });
}

/** A getter's text: the bytes it wrote, up to the first NUL, decoded as GB18030 (GBK's superset, so 𠮷 survives). */
function readText(fn: Fn): string | null {
  const buf = Buffer.alloc(512);
  const len = [buf.length];
  // A getter copies from the SDK's memory: short, so it runs on this thread.
  if ((fn(buf, len) as number) !== 1) return null;
  const n = Math.max(0, Math.min(len[0] ?? 0, buf.length));
  const end = buf.subarray(0, n).indexOf(0);
  return iconv.decode(buf.subarray(0, end === -1 ? n : end), 'gb18030').trim();
}

const FIELD_NAMES: Record<keyof RawCard, string> = {
  name: '姓名',
  sex: '性别',
  nation: '民族',
  birthDate: '出生日期',
  address: '住址',
  idNumber: '身份证号',
  authority: '签发机关',
  validFrom: '有效期',
  validTo: '有效期',
};

export class SdkCardReader implements CardReader {
  private sdk: Sdk | null = null;
  private openPort: number | null = null;
  private readonly queue = new OneAtATime();

  constructor(
    private readonly file: string,
    /** 0: try the USB ports in turn. */
    private readonly port: number,
  ) {}

  read(): Promise<RawCard | null> {
    return this.queue.run(() => this.readNow());
  }

  close(): void {
    if (this.sdk && this.openPort !== null) this.sdk.close();
    this.openPort = null;
  }

  private async open(sdk: Sdk): Promise<void> {
    if (this.openPort !== null) return;
    const ports = this.port === 0 ? USB_PORTS : [this.port];
    for (const port of ports) {
      if ((await deviceCall(sdk.init, port)) === 1) {
        this.openPort = port;
        return;
      }
    }
    throw deviceError(SDK_MESSAGES.openFailed(this.port === 0 ? 'USB 1001–1016' : String(this.port)));
  }

  private async readNow(): Promise<RawCard | null> {
    this.sdk ??= loadSdk(this.file);
    const sdk = this.sdk;
    await this.open(sdk);
    let found = await deviceCall(sdk.authenticate);
    if (found === 0) {
      // The port closed under us (the reader was unplugged and plugged in again): open it once more.
      this.openPort = null;
      await this.open(sdk);
      found = await deviceCall(sdk.authenticate);
    }
    if (found === 2) return null;
    if (found !== 1) {
      this.openPort = null;
      throw deviceError(
        found === 3
          ? SDK_MESSAGES.selectFailed
          : found === 0
            ? SDK_MESSAGES.notOpened
            : SDK_MESSAGES.otherCode('寻卡', found),
      );
    }
    const read = await deviceCall(sdk.readContent, 1);
    if (read === 0) throw deviceError(SDK_MESSAGES.removed);
    if (read === 99) throw deviceError(SDK_MESSAGES.readFault);
    if (read !== 1) throw deviceError(SDK_MESSAGES.otherCode('读卡', read));
    const card = {} as RawCard;
    for (const field of Object.keys(GETTERS) as (keyof RawCard)[]) {
      const text = readText(sdk.getters[field]);
      if (text === null) throw deviceError(SDK_MESSAGES.fieldFailed(FIELD_NAMES[field]));
      card[field] = text;
    }
    return card;
  }
}
