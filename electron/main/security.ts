import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, Session, WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'hall';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Window options every window of the app gets: nothing of Node reaches a page. */
export function secureWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    show: false,
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's built-in PDF viewer, for previews of the printed documents; nothing else.
      plugins: true,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/** True for URLs of our own bundle, served by the app:// protocol. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Every web contents refuses to leave the app: no navigation elsewhere, no new windows, no
 * webviews. A link, a window.open or a redirect can never replace the app page.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** What a permission request says about itself (Electron's PermissionRequest, the part we read). */
export interface PermissionRequestDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
  mediaTypes?: readonly string[];
  securityOrigin?: string;
}

/**
 * The one permission the app grants: the camera (a 高拍仪 is a UVC camera) for the top frame
 * of our own bundle, video only. A microphone, a screen capture, another origin, an iframe (the
 * PDF preview) and every other permission are refused.
 */
export function mayRequestPermission(permission: string, details: PermissionRequestDetails): boolean {
  const media = details.mediaTypes ?? [];
  return (
    permission === 'media' &&
    details.isMainFrame === true &&
    isAppUrl(details.requestingUrl ?? '') &&
    (details.securityOrigin === undefined || isAppUrl(details.securityOrigin)) &&
    media.length > 0 &&
    media.every((m) => m === 'video')
  );
}

/** The same rule for Chromium's permission checks (enumerateDevices, a granted camera's state). */
export function mayCheckPermission(
  permission: string,
  requestingOrigin: string,
  details: { mediaType?: string; securityOrigin?: string; embeddingOrigin?: string },
): boolean {
  return (
    permission === 'media' &&
    details.mediaType === 'video' &&
    details.embeddingOrigin === undefined &&
    isAppUrl(requestingOrigin) &&
    (details.securityOrigin === undefined || isAppUrl(details.securityOrigin))
  );
}

/** Nothing a page may ask for but the camera for our own bundle; no devices (USB, HID, serial). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(mayRequestPermission(permission, details as PermissionRequestDetails)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin, details) =>
    mayCheckPermission(permission, origin, details),
  );
  session.setDevicePermissionHandler(() => false);
}

/**
 * IPC is accepted only from the top frame of one of our windows showing our own bundle:
 * an iframe (e.g. a PDF preview) or a page that somehow navigated away gets nothing.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  windows: ReadonlySet<WebContents>,
): boolean {
  const frame = event.senderFrame;
  if (!frame || !windows.has(event.sender)) return false;
  if (frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}
