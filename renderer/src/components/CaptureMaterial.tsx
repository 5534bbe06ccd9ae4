import { DeleteOutlined, RotateRightOutlined, ScissorOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { MATERIAL_MAX_PAGES, MATERIAL_PAGE_MAX_BYTES } from '../../../shared/contract';
import { handler } from '../api/handler';
import { submit } from '../api/submit';

/** A captured page as it will be saved: a JPEG data URL and its size in pixels. */
interface Page {
  key: number;
  url: string;
  width: number;
  height: number;
}

/** A drag rectangle on the shown page, as fractions of its width and height (0–1). */
interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The camera's failure in the operator's words (getUserMedia's DOMException names). */
function cameraError(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return '没有使用摄像头的权限：请在系统的隐私设置中允许本程序使用摄像头，然后重新打开。';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return '没有找到高拍仪或摄像头：请检查连接线和电源，然后重新打开。';
  if (name === 'NotReadableError' || name === 'AbortError')
    return '摄像头正被其他程序使用或无法启动：请关闭其他使用摄像头的程序后重试。';
  return `无法打开摄像头：${e instanceof Error ? e.message : String(e)}`;
}

const canvasOf = (width: number, height: number) => {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
};

/**
 * A canvas as JPEG, at the best quality that keeps the page under the contract's 5 MiB: a
 * 高拍仪 frame at full resolution is usually 1–3 MB at 0.92.
 */
function toJpeg(c: HTMLCanvasElement): string {
  for (const q of [0.92, 0.85, 0.75, 0.6, 0.45]) {
    const url = c.toDataURL('image/jpeg', q);
    if ((url.length - url.indexOf(',') - 1) * 0.75 <= MATERIAL_PAGE_MAX_BYTES) return url;
  }
  return c.toDataURL('image/jpeg', 0.3);
}

const loadImage = (url: string) =>
  new Promise<HTMLImageElement>((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('页面图像无法读取'));
    img.src = url;
  });

/** The page turned 90° clockwise. */
async function rotated(p: Page): Promise<Page> {
  const img = await loadImage(p.url);
  const c = canvasOf(p.height, p.width);
  const g = c.getContext('2d')!;
  g.translate(p.height, 0);
  g.rotate(Math.PI / 2);
  g.drawImage(img, 0, 0);
  return { key: p.key, url: toJpeg(c), width: c.width, height: c.height };
}

/** The part of the page inside the rectangle. */
async function cropped(p: Page, r: Rect): Promise<Page> {
  const img = await loadImage(p.url);
  const sx = Math.round(r.x * p.width);
  const sy = Math.round(r.y * p.height);
  const w = Math.max(1, Math.round(r.w * p.width));
  const h = Math.max(1, Math.round(r.h * p.height));
  const c = canvasOf(w, h);
  c.getContext('2d')!.drawImage(img, sx, sy, w, h, 0, 0, w, h);
  return { key: p.key, url: toJpeg(c), width: w, height: h };
}

/**
 * 拍摄材料: the document camera (高拍仪, a UVC camera) live, 拍摄 (or Space/Enter) adds a page,
 * each page can be turned, cropped with a drag rectangle, or deleted, and 保存 keeps all pages
 * as one titled 材料 of the visit or case (attachments.capture).
 */
export function CaptureMaterial({
  ownerType,
  ownerId,
  onSaved,
}: {
  ownerType: 'visit' | 'case';
  ownerId: number;
  onSaved?: (title: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="capture-material">
        拍摄材料
      </Button>
      {open && (
        <CaptureDialog
          ownerType={ownerType}
          ownerId={ownerId}
          onClose={(saved) => {
            setOpen(false);
            if (saved !== null) onSaved?.(saved);
          }}
        />
      )}
    </>
  );
}

function CaptureDialog({
  ownerType,
  ownerId,
  onClose,
}: {
  ownerType: 'visit' | 'case';
  ownerId: number;
  /** With the saved 材料's title, or null when nothing was saved. */
  onClose: (saved: string | null) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string }>();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [live, setLive] = useState<string | null>(null);
  const [pages, setPages] = useState<Page[]>([]);
  const [current, setCurrent] = useState<number | null>(null);
  const [rect, setRect] = useState<Rect | null>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const nextKey = useRef(1);
  const [saving, setSaving] = useState(false);
  // Focus on 拍摄 once the picture is live, so the first Space or Enter captures.
  const shoot = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (live !== null) shoot.current?.focus();
  }, [live]);

  // The camera, video only, at the largest resolution it offers; stopped when the dialog closes.
  useEffect(() => {
    let stream: MediaStream | null = null;
    let closed = false;
    const start = async () => {
      // Absent outside a secure context (the app:// bundle and the preview's 127.0.0.1 are secure).
      if (!('mediaDevices' in navigator)) throw new DOMException('', 'NotFoundError');
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { width: { ideal: 4096 }, height: { ideal: 3072 } },
      });
      if (closed) return;
      const track = stream.getVideoTracks()[0];
      const caps = track?.getCapabilities();
      if (track && caps?.width?.max && caps.height?.max)
        await track
          .applyConstraints({ width: { ideal: caps.width.max }, height: { ideal: caps.height.max } })
          .catch(() => undefined);
      if (video.current) {
        video.current.srcObject = stream;
        await video.current.play().catch(() => undefined);
      }
      const s = track?.getSettings();
      setLive(s?.width ? `${s.width}×${s.height}` : '');
    };
    start().catch((e: unknown) => setProblem(cameraError(e)));
    return () => {
      closed = true;
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, []);

  const capture = useCallback(() => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    if (pages.length >= MATERIAL_MAX_PAGES) return void message.warning(`一份材料最多${MATERIAL_MAX_PAGES}页`);
    const c = canvasOf(v.videoWidth, v.videoHeight);
    c.getContext('2d')!.drawImage(v, 0, 0);
    const page = { key: nextKey.current++, url: toJpeg(c), width: c.width, height: c.height };
    setPages((ps) => [...ps, page]);
    setCurrent(page.key);
    setRect(null);
  }, [pages.length, message]);

  // Space or Enter anywhere in the dialog captures, unless the operator is typing the title or
  // is on a button (which the key presses, as everywhere: on 拍摄 that captures).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' && e.key !== 'Enter') return;
      if (e.target instanceof Element && e.target.closest('input, textarea, button, [role="button"]')) return;
      e.preventDefault();
      capture();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [capture]);

  const replace = async (key: number, change: (p: Page) => Promise<Page>) => {
    const p = pages.find((x) => x.key === key);
    if (!p) return;
    const next = await change(p);
    setPages((ps) => ps.map((x) => (x.key === key ? next : x)));
    setRect(null);
  };

  const shown = pages.find((p) => p.key === current) ?? null;

  // The crop rectangle, dragged on the shown page in fractions of its size.
  const point = (e: ReactPointerEvent<HTMLDivElement>) => {
    const b = e.currentTarget.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (e.clientX - b.left) / b.width)),
      y: Math.min(1, Math.max(0, (e.clientY - b.top) / b.height)),
    };
  };
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = point(e);
    setRect(null);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const from = drag.current;
    if (!from) return;
    const to = point(e);
    setRect({
      x: Math.min(from.x, to.x),
      y: Math.min(from.y, to.y),
      w: Math.abs(to.x - from.x),
      h: Math.abs(to.y - from.y),
    });
  };
  const onPointerUp = () => {
    drag.current = null;
    setRect((r) => (r && r.w > 0.02 && r.h > 0.02 ? r : null));
  };

  const save = async () => {
    const { title } = await form.validateFields();
    if (pages.length === 0) return void message.error('请至少拍摄一页');
    setSaving(true);
    const r = await submit(form, 'attachments.capture', {
      ownerType,
      ownerId,
      title,
      pages: pages.map((p) => p.url.slice(p.url.indexOf(',') + 1)),
    });
    setSaving(false);
    if (!r.ok) return void message.error(r.error.fields?.[0]?.message ?? r.error.message);
    message.success(`已保存材料“${title.trim()}”，共 ${r.value.pages} 页`);
    onClose(title.trim());
  };

  const box = { width: '100%', height: 300, background: '#1f1f1f', borderRadius: 6, overflow: 'hidden' } as const;

  return (
    <Modal
      open
      title="拍摄材料"
      width={1080}
      centered
      maskClosable={false}
      onCancel={() => onClose(null)}
      footer={[
        <Button key="cancel" onClick={() => onClose(null)}>
          取消
        </Button>,
        <Button key="save" type="primary" loading={saving} disabled={pages.length === 0} onClick={handler(save)}>
          保存（{pages.length} 页）
        </Button>,
      ]}
    >
      <div data-testid="capture-dialog">
        {problem && (
          <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} data-testid="camera-problem" />
        )}
        <Flex gap={12}>
          <div style={{ flex: 1 }}>
            <div style={{ ...box, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
              <video ref={video} muted playsInline style={{ maxWidth: '100%', maxHeight: '100%' }} />
            </div>
            <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">
                {live ? `实时画面 ${live}` : problem ? '摄像头未打开' : '正在打开摄像头…'}　空格键或回车键拍摄
              </Typography.Text>
              <Button ref={shoot} type="primary" onClick={capture} disabled={live === null} data-testid="capture-page">
                拍摄
              </Button>
            </Flex>
          </div>
          <div style={{ flex: 1 }}>
            <div style={{ ...box, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
              {shown ? (
                <div
                  style={{
                    position: 'relative',
                    maxWidth: '100%',
                    maxHeight: '100%',
                    cursor: 'crosshair',
                    lineHeight: 0,
                  }}
                  onPointerDown={onPointerDown}
                  onPointerMove={onPointerMove}
                  onPointerUp={onPointerUp}
                  data-testid="page-editor"
                >
                  <img
                    src={shown.url}
                    alt="当前页"
                    draggable={false}
                    style={{ maxWidth: '100%', maxHeight: 300, display: 'block' }}
                  />
                  {rect && (
                    <div
                      style={{
                        position: 'absolute',
                        left: `${rect.x * 100}%`,
                        top: `${rect.y * 100}%`,
                        width: `${rect.w * 100}%`,
                        height: `${rect.h * 100}%`,
                        border: '2px dashed #1677ff',
                        background: 'rgba(22,119,255,0.12)',
                        pointerEvents: 'none',
                      }}
                    />
                  )}
                </div>
              ) : (
                <Empty description={<span style={{ color: '#bbb' }}>拍摄后在此查看、裁剪</span>} />
              )}
            </div>
            <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">
                {shown ? `第 ${pages.indexOf(shown) + 1} 页，${shown.width}×${shown.height}，拖动框选裁剪范围` : ''}
              </Typography.Text>
              <Space>
                <Button
                  icon={<ScissorOutlined />}
                  disabled={!shown || !rect}
                  onClick={handler(() => replace(shown!.key, (p) => cropped(p, rect!)))}
                >
                  裁剪
                </Button>
                <Button
                  icon={<RotateRightOutlined />}
                  disabled={!shown}
                  onClick={handler(() => replace(shown!.key, rotated))}
                  data-testid="rotate-page"
                >
                  旋转
                </Button>
              </Space>
            </Flex>
          </div>
        </Flex>
        <div
          style={{ display: 'flex', gap: 8, overflowX: 'auto', padding: '8px 0', minHeight: 108 }}
          data-testid="page-strip"
        >
          {pages.map((p, i) => (
            <div
              key={p.key}
              onClick={() => (setCurrent(p.key), setRect(null))}
              style={{
                position: 'relative',
                flex: '0 0 auto',
                border: `2px solid ${p.key === current ? '#1677ff' : '#d9d9d9'}`,
                borderRadius: 4,
                padding: 2,
                cursor: 'pointer',
              }}
              data-testid="page-thumb"
            >
              <img src={p.url} alt={`第${i + 1}页`} style={{ height: 84, display: 'block' }} />
              <Flex justify="space-between" align="center">
                <Typography.Text style={{ fontSize: 12 }}>第 {i + 1} 页</Typography.Text>
                <Button
                  size="small"
                  type="text"
                  danger
                  aria-label={`删除第${i + 1}页`}
                  icon={<DeleteOutlined />}
                  onClick={(e) => {
                    e.stopPropagation();
                    setPages((ps) => ps.filter((x) => x.key !== p.key));
                    if (current === p.key) setCurrent(null);
                  }}
                />
              </Flex>
            </div>
          ))}
          {pages.length === 0 && (
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
              尚未拍摄。把材料放在高拍仪下，按“拍摄”或空格键。
            </Typography.Text>
          )}
        </div>
        <Form form={form} layout="inline">
          <Form.Item
            name="title"
            label="材料名称"
            style={{ flex: 1 }}
            rules={[
              { required: true, whitespace: true, message: '请填写材料名称' },
              { max: 60, message: '材料名称不能超过60个字' },
            ]}
          >
            <Input placeholder="如：信访件原件、身份证复印件" maxLength={60} data-testid="material-title" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
