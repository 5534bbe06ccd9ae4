// The ID card reader (issue 19): the SDK driver through the real koffi binding against the C test
// double (tests/fixtures/termb/termb.c), the local-service driver against a loopback server, and
// the checks a card passes before it fills a form.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_MESSAGES, SdkCardReader } from '../../electron/core/card/sdk-driver';
import { cardFromAnswer, SERVICE_MESSAGES, ServiceCardReader } from '../../electron/core/card/service-driver';
import { NO_CARD } from '../../electron/core/card/reader';
import { NOT_CONFIGURED } from '../../electron/core/card/handlers';
import { cardDate, checkCard, nationText, type RawCard } from '../../shared/domain/id-card';
import { idCheckChar } from '../../shared/domain/id-number';
import type { MethodInput } from '../../shared/contract';
import { caller, must, testCore } from '../helpers/core';
import { ADMIN } from '../helpers/core';
import { modeFile, termbDouble } from '../helpers/termb';
import { tempDir } from '../helpers/tmp';

const built = termbDouble();
if (!built.file) console.warn(`card reader SDK tests skipped: ${built.reason}`);
const withDouble = built.file ? describe : describe.skip;
const ZLIB = '/lib/x86_64-linux-gnu/libz.so.1';

/** The test identity the double returns (its name has 堃 from GBK and 𠮷, four bytes in GB18030 only). */
const IDENTITY = {
  name: '李堃𠮷',
  sex: 'male',
  nation: '汉',
  birthDate: '1978-03-15',
  address: '河北省清河县城关镇人民路88号',
  idNumber: '130534197803151219',
  authority: '清河县公安局',
  validFrom: '2016-05-01',
  validTo: '2036-05-01',
};

const RAW: RawCard = {
  name: '李堃𠮷',
  sex: '男',
  nation: '汉',
  birthDate: '19780315',
  address: '河北省清河县城关镇人民路88号',
  idNumber: '130534197803151219',
  authority: '清河县公安局',
  validFrom: '20160501',
  validTo: '20360501',
};

describe('a card as the hall takes it', () => {
  it('reads 民族 as code or text', () => {
    expect(nationText('01')).toBe('汉');
    expect(nationText('3')).toBe('回');
    expect(nationText('维吾尔族')).toBe('维吾尔');
    expect(nationText('98')).toBe('外国血统中国籍人士');
    expect(nationText('99')).toBeNull();
    expect(nationText('火星')).toBeNull();
  });

  it('reads the dates the readers print, and refuses days that are none', () => {
    expect(cardDate('20160501')).toBe('2016-05-01');
    expect(cardDate('2016.05.01')).toBe('2016-05-01');
    expect(cardDate('20260230')).toBeNull();
    expect(cardDate('长期')).toBeNull();
  });

  it('takes a valid card, and 长期 as no end', () => {
    expect(checkCard(RAW, '2026-11-23')).toEqual({ ok: true, card: IDENTITY });
    expect(checkCard({ ...RAW, validTo: '长期' }, '2026-11-23')).toMatchObject({ ok: true, card: { validTo: null } });
  });

  it('refuses a card that ended before today, and keeps one that ends today', () => {
    expect(checkCard({ ...RAW, validTo: '20261122' }, '2026-11-23')).toEqual({
      ok: false,
      message: '该身份证已过有效期（有效期至 2026-11-22），不能用于登记，请信访人出示有效证件或手工录入',
    });
    expect(checkCard({ ...RAW, validTo: '20261123' }, '2026-11-23').ok).toBe(true);
  });

  it('refuses a wrong check digit, a number that disagrees with birth date or sex, and a garbled name', () => {
    expect(checkCard({ ...RAW, idNumber: '130534197803151218' }, '2026-11-23')).toEqual({
      ok: false,
      message: '读到的身份证号码无效：身份证号码校验位不正确，请核对。请重新读卡或手工录入',
    });
    expect(checkCard({ ...RAW, sex: '女' }, '2026-11-23')).toMatchObject({ ok: false, message: /不一致/ });
    expect(checkCard({ ...RAW, birthDate: '19780316' }, '2026-11-23')).toMatchObject({ ok: false, message: /不一致/ });
    expect(checkCard({ ...RAW, name: '李\uFFFD' }, '2026-11-23')).toMatchObject({ ok: false, message: /姓名/ });
    expect(checkCard({ ...RAW, nation: '' }, '2026-11-23')).toMatchObject({ ok: false, message: /民族/ });
  });
});

withDouble('the SDK driver through koffi and the C test double', () => {
  const tmp = tempDir();
  const mode = modeFile(tmp.dir);
  beforeAll(() => {
    process.env.TERMB_DOUBLE_MODE_FILE = mode.file;
  });
  afterAll(() => {
    delete process.env.TERMB_DOUBLE_MODE_FILE;
    tmp.cleanup();
  });

  it('reads every field, decoding GB18030 so the four-byte 𠮷 survives', async () => {
    mode.set('ok');
    const reader = new SdkCardReader(built.file!, 0);
    expect(await reader.read()).toEqual(RAW);
    // A second read on the port it found (1001) answers the same.
    expect(await reader.read()).toEqual(RAW);
    reader.close();
  });

  it('reads 长期 on a card valid for life', async () => {
    mode.set('long-term');
    const reader = new SdkCardReader(built.file!, 1001);
    expect((await reader.read())?.validTo).toBe('长期');
  });

  it('answers null when no card lies on the reader', async () => {
    mode.set('no-card');
    expect(await new SdkCardReader(built.file!, 0).read()).toBeNull();
  });

  it.each([
    ['open-fail', SDK_MESSAGES.openFailed('USB 1001–1016')],
    ['removed', SDK_MESSAGES.removed],
    ['read-error', SDK_MESSAGES.readFault],
  ])('%s gives its message', async (m, message) => {
    mode.set(m);
    await expect(new SdkCardReader(built.file!, 0).read()).rejects.toMatchObject({ code: 'DEVICE', message });
  });

  it('names the port it tried when one port is set', async () => {
    mode.set('open-fail');
    await expect(new SdkCardReader(built.file!, 3).read()).rejects.toMatchObject({
      message: SDK_MESSAGES.openFailed('3'),
    });
  });

  it('opens again when the reader was unplugged after it was opened', async () => {
    mode.set('ok');
    const reader = new SdkCardReader(built.file!, 0);
    expect(await reader.read()).toEqual(RAW);
    mode.set('open-fail');
    await expect(reader.read()).rejects.toMatchObject({ message: SDK_MESSAGES.openFailed('USB 1001–1016') });
    mode.set('ok');
    expect(await reader.read()).toEqual(RAW);
  });

  it('refuses a missing library, and a library that is not a reader SDK, with the file named', async () => {
    await expect(new SdkCardReader('/nowhere/libtermb.so', 0).read()).rejects.toMatchObject({
      code: 'DEVICE',
      message: SDK_MESSAGES.loadFailed('/nowhere/libtermb.so'),
    });
    // A text file is no library; zlib is a library without the CVR functions.
    const text = path.join(tmp.dir, 'termb-mode');
    for (const notSdk of [text, ...(fs.existsSync(ZLIB) ? [ZLIB] : [])])
      await expect(new SdkCardReader(notSdk, 0).read()).rejects.toMatchObject({
        message: SDK_MESSAGES.loadFailed(notSdk),
      });
  });

  it('serves poll and 读卡 one at a time', async () => {
    mode.set('ok');
    const reader = new SdkCardReader(built.file!, 0);
    const all = await Promise.all([reader.read(), reader.read(), reader.read()]);
    expect(all).toEqual([RAW, RAW, RAW]);
  });
});

withDouble('card.read and card.poll through the router', () => {
  const tmp = tempDir();
  const mode = modeFile(tmp.dir);
  // 00:30 China time on 23 November is still 22 November in UTC: the card's end is judged by the China day.
  const clock = { t: Date.parse('2026-11-22T16:30:00Z') };
  const core = testCore(tmp.dir, { now: () => new Date(clock.t) });
  const admin = must(core, 'admin');
  const call = caller(core, 'admin');
  beforeAll(async () => {
    process.env.TERMB_DOUBLE_MODE_FILE = mode.file;
    await admin('setup.init', ADMIN);
  });
  afterAll(() => {
    delete process.env.TERMB_DOUBLE_MODE_FILE;
    core.close();
    tmp.cleanup();
  });

  it('says the reader is not set up until it is', async () => {
    expect(await call('card.read', {})).toMatchObject({
      ok: false,
      error: { code: 'DEVICE', message: NOT_CONFIGURED },
    });
  });

  it('reads the card once the settings point at the library', async () => {
    await admin('settings.update', { cardReaderDriver: 'sdk', cardReaderLibrary: built.file!, cardReaderPort: 0 });
    mode.set('ok');
    expect(await admin('card.read', {})).toEqual(IDENTITY);
    expect(await admin('card.poll', {})).toEqual(IDENTITY);
  });

  it('polls null without a card, and 读卡 says to place one', async () => {
    mode.set('no-card');
    expect(await admin('card.poll', {})).toBeNull();
    expect(await call('card.read', {})).toMatchObject({ ok: false, error: { code: 'DEVICE', message: NO_CARD } });
  });

  it('refuses the expired card by the China day of the one clock', async () => {
    mode.set('expired');
    expect(await call('card.read', {})).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', message: expect.stringContaining('已过有效期（有效期至 2025-01-01）') },
    });
  });

  it('gives the removed card and the failed open their messages through the router', async () => {
    mode.set('removed');
    expect(await call('card.read', {})).toMatchObject({ ok: false, error: { message: SDK_MESSAGES.removed } });
    mode.set('open-fail');
    expect(await call('card.poll', {})).toMatchObject({
      ok: false,
      error: { message: SDK_MESSAGES.openFailed('USB 1001–1016') },
    });
  });

  it('registers a petitioner as 身份证读取 only from a card this account read, and a retyped field makes it 手工录入', async () => {
    mode.set('ok');
    const card = await admin('card.read', {});
    const visit = (p: Record<string, unknown>) => ({
      petitioners: [p],
      headCount: 1,
      categoryId: null,
      localityId: null,
      demand: '要求解决宅基地纠纷',
    });
    const fromCard = {
      name: card.name,
      sex: card.sex,
      idNumber: card.idNumber,
      address: card.address,
      identitySource: 'card',
    };
    const { visitId } = await admin('visits.register', visit(fromCard) as MethodInput<'visits.register'>);
    const shown = await admin('visits.get', { visitId });
    expect(shown.petitioners[0]).toMatchObject({ name: '李堃𠮷', identitySource: 'card' });

    // Another number, never read here: the marker is refused, and nothing is registered.
    const other = '11010119900307' + '123';
    const forged = { ...fromCard, idNumber: other + idCheckChar(other) };
    expect(await call('visits.register', visit(forged) as MethodInput<'visits.register'>)).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', fields: [{ path: 'petitioners.0.identitySource' }] },
    });
    // The same number under another name is not the card either.
    expect(
      await call('visits.register', visit({ ...fromCard, name: '李坤' }) as MethodInput<'visits.register'>),
    ).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION' },
    });
    expect(
      await call('visits.register', visit({ ...fromCard, idNumber: '' }) as MethodInput<'visits.register'>),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'petitioners.0.identitySource' }] },
    });

    const p = shown.petitioners[0]!;
    await admin('visits.correct', {
      visitId,
      version: shown.version,
      petitioners: [
        {
          petitionerId: p.petitionerId,
          name: p.name,
          sex: p.sex,
          idNumber: card.idNumber,
          phone: '',
          address: '河北省清河县城关镇人民路90号',
          isRepresentative: false,
        },
      ],
      headCount: 1,
      categoryId: null,
      localityId: null,
      demand: shown.demand,
      facts: '',
      earlierHandling: '',
      reason: '',
    });
    expect((await admin('visits.get', { visitId })).petitioners[0]!.identitySource).toBe('manual');
  });

  it('refuses a service address off this PC, and a port the SDKs do not have', async () => {
    for (const url of ['http://10.0.0.5:8080/read', 'http://127.0.0.1.evil.cn/read', 'file:///etc/passwd'])
      expect(await call('settings.update', { cardReaderServiceUrl: url })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', fields: [{ path: 'cardReaderServiceUrl' }] },
      });
    expect(await call('settings.update', { cardReaderPort: 17 })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'cardReaderPort' }] },
    });
  });
});

describe('the local-service driver', () => {
  let server: http.Server;
  let url = '';
  let answer: { status: number; type: string; body: Buffer } = {
    status: 200,
    type: 'application/json',
    body: Buffer.from('{}'),
  };
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(answer.status, { 'content-type': answer.type });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/readcard`;
  });
  afterAll(() => server.close());

  it('maps a vendor’s field names, decoding a GBK answer as GB18030', async () => {
    const body = JSON.stringify({
      resultFlag: 0,
      data: {
        partyName: '李堃𠮷',
        gender: '男',
        nation: '01',
        bornDay: '19780315',
        certAddress: 'x',
        address: '河北省清河县城关镇人民路88号',
        certNumber: '130534197803151219',
        signDepartment: '清河县公安局',
        effectedDate: '20160501',
        expiredDate: '长期',
      },
    });
    answer = { status: 200, type: 'application/json; charset=GBK', body: iconv.encode(body, 'gb18030') };
    expect(await new ServiceCardReader(url).read()).toEqual({ ...RAW, nation: '01', validTo: '长期' });
  });

  it('answers null for no card, and says what the service said when it fails', async () => {
    answer = { status: 200, type: 'application/json', body: Buffer.from(JSON.stringify({ code: 1, msg: '未放卡' })) };
    expect(await new ServiceCardReader(url).read()).toBeNull();
    answer = { status: 500, type: 'application/json', body: Buffer.from(JSON.stringify({ message: '设备未连接' })) };
    await expect(new ServiceCardReader(url).read()).rejects.toMatchObject({
      message: SERVICE_MESSAGES.says('设备未连接'),
    });
    answer = { status: 200, type: 'text/html', body: Buffer.from('<html>') };
    await expect(new ServiceCardReader(url).read()).rejects.toMatchObject({ message: SERVICE_MESSAGES.badAnswer });
  });

  it('says when the service is not running', async () => {
    const dead = 'http://127.0.0.1:9/readcard';
    await expect(new ServiceCardReader(dead).read()).rejects.toMatchObject({
      message: SERVICE_MESSAGES.unreachable(dead),
    });
  });

  it('refuses an answer that is not an object', () => {
    expect(() => cardFromAnswer([1, 2])).toThrow(SERVICE_MESSAGES.badAnswer);
    expect(cardFromAnswer({ Name: '张三', IDCode: '130534197803151219' }).card?.name).toBe('张三');
  });
});
