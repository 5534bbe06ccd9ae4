import { Button, Modal, Space, Typography } from 'antd';
import { useRef, useState } from 'react';

const WIDTH = 600;
const HEIGHT = 200;

/**
 * Draws a signature with a mouse, a pen or a finger (pointer events cover all three, with
 * pen pressure where the tablet gives it) and hands it back as a PNG in base64.
 */
export function SignaturePad({
  open,
  title,
  onCancel,
  onSave,
}: {
  open: boolean;
  title: string;
  onCancel: () => void;
  onSave: (pngBase64: string) => Promise<void> | void;
}) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);
  const [saving, setSaving] = useState(false);

  // Opening starts on a blank pad: reset while rendering, not in an effect after it.
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) setEmpty(true);
  }

  const ctx = () => canvas.current?.getContext('2d') ?? null;
  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * WIDTH) / r.width, y: ((e.clientY - r.top) * HEIGHT) / r.height };
  };

  const save = async () => {
    const data = canvas.current?.toDataURL('image/png') ?? '';
    setSaving(true);
    await onSave(data.replace(/^data:image\/png;base64,/, ''));
    setSaving(false);
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      width={680}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={() => (ctx()?.clearRect(0, 0, WIDTH, HEIGHT), setEmpty(true))}>重写</Button>
          <Button onClick={onCancel}>取消</Button>
          <Button type="primary" disabled={empty} loading={saving} onClick={() => void save()}>
            确认签名
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">请信访人在下方框内签名（鼠标、手写笔或手指均可）。</Typography.Paragraph>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        data-testid="signature-pad"
        style={{
          width: '100%',
          border: '1px dashed #999',
          borderRadius: 4,
          touchAction: 'none',
          background: '#fff',
          cursor: 'crosshair',
        }}
        onPointerDown={(e) => {
          const c = ctx();
          if (!c) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const p = at(e);
          c.beginPath();
          c.moveTo(p.x, p.y);
        }}
        onPointerMove={(e) => {
          const c = ctx();
          if (!c || !drawing.current) return;
          const p = at(e);
          c.lineWidth = e.pointerType === 'pen' && e.pressure > 0 ? 1.5 + e.pressure * 3 : 2.5;
          c.lineCap = 'round';
          c.lineJoin = 'round';
          c.strokeStyle = '#111';
          c.lineTo(p.x, p.y);
          c.stroke();
          setEmpty(false);
        }}
        onPointerUp={() => (drawing.current = false)}
        onPointerCancel={() => (drawing.current = false)}
      />
    </Modal>
  );
}
