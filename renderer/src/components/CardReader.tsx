import { IdcardOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';

export type ReadCard = MethodOutput<'card.read'>;

/** At most twice a second, as the issue allows: a placed card fills the form within half a second. */
const POLL_MS = 500;

/**
 * The ID card reader on the registration form: 读卡 (F2) reads now; while `active` (the form is
 * open and a reader is set up) the reader is polled, and a newly placed card is handed to
 * `onCard`. A failure shows its message and stops the polling until the operator presses 读卡
 * again, so one unplugged reader does not repeat the same error twice a second. Polling stops
 * when the form closes (the effect's cleanup).
 */
export function useCardReader(active: boolean, onCard: (card: ReadCard, pressed: boolean) => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [paused, setPaused] = useState(false);
  const inFlight = useRef(false);
  // The latest handler, for the timer and the key listener, without restarting them on each render.
  const handle = useRef(onCard);
  useEffect(() => {
    handle.current = onCard;
  });

  const read = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    const r = await hall.call('card.read', {});
    inFlight.current = false;
    setBusy(false);
    if (r.ok) {
      setError(null);
      setPaused(false);
      handle.current(r.value, true);
    } else {
      setError(r.error.message);
      // A pressed 读卡 that failed for want of a card leaves polling on: the card may come next.
      setPaused(r.error.code !== 'DEVICE' || !r.error.message.startsWith('阅读器上没有身份证'));
    }
  }, []);

  useEffect(() => {
    if (!active || paused) return;
    const timer = setInterval(() => {
      if (inFlight.current) return;
      inFlight.current = true;
      void hall.call('card.poll', {}).then((r) => {
        inFlight.current = false;
        if (!r.ok) {
          setError(r.error.message);
          setPaused(true);
        } else if (r.value) {
          setError(null);
          handle.current(r.value, false);
        }
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, paused]);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F2') return;
      e.preventDefault();
      void read();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, read]);

  return { read, busy, error, clearError: () => setError(null) };
}

export function CardReadButton({ onClick, loading }: { onClick: () => void; loading: boolean }) {
  return (
    <Button icon={<IdcardOutlined />} onClick={onClick} loading={loading} aria-keyshortcuts="F2">
      读卡（F2）
    </Button>
  );
}

const DRIVERS = [
  { value: 'none', label: '不使用' },
  { value: 'sdk', label: '厂家动态库（termb.dll / libtermb.so）' },
  { value: 'service', label: '厂家本机服务（网址）' },
];

/** 设置 › 单位: how this PC reaches its ID card reader (docs/devices.md). */
export function CardReaderFields() {
  const driver = Form.useWatch('cardReaderDriver') as string | undefined;
  return (
    <>
      <Form.Item
        name="cardReaderDriver"
        label="身份证阅读器"
        extra="华视、神思、新中新等二代证阅读器，见使用说明“设备”一节"
      >
        <Select options={DRIVERS} style={{ width: 320 }} aria-label="身份证阅读器" />
      </Form.Item>
      {driver === 'sdk' && (
        <>
          <Form.Item
            name="cardReaderLibrary"
            label="阅读器动态库路径"
            extra="厂家提供的 termb.dll（Windows）或 libtermb.so（Linux）的完整路径"
          >
            <Input style={{ width: 320 }} aria-label="阅读器动态库路径" />
          </Form.Item>
          <Form.Item name="cardReaderPort" label="阅读器端口" extra="0 为自动查找 USB 端口（1001–1016）；串口填 1–16">
            <InputNumber style={{ width: 120 }} aria-label="阅读器端口" />
          </Form.Item>
        </>
      )}
      {driver === 'service' && (
        <Form.Item
          name="cardReaderServiceUrl"
          label="阅读器服务地址"
          extra="厂家服务程序的读卡地址，只能是本机，例如 http://127.0.0.1:19196/readcard"
        >
          <Input style={{ width: 320 }} aria-label="阅读器服务地址" />
        </Form.Item>
      )}
    </>
  );
}
